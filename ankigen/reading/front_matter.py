"""A content file's front matter (TOML between `+++` lines, or YAML between `---` lines) ->
what it says of the deck."""

from __future__ import annotations

import hashlib
import re
import stat
import tomllib
import unicodedata
from collections.abc import Iterable
from functools import partial
from pathlib import Path, PurePath

from ankigen.errors import AnkigenError, Problem, error
from ankigen.project import DECK_DETAILS, holds_content
from ankigen.reading.pattern import pattern_names
from ankigen.records import CardKind, DeckInfo, tag_word

_error = partial(error, code="front-matter")
"""What goes wrong here is of one kind, for tools that read problems."""

FENCE = "+++"
YAML_FENCE = "---"
KEYS = {
    "title",
    "description",
    "deck_id",
    "tag",
    "notetype_id",
    "questions",
    "cards",
    "subdecks",
}
OTHER_TOOLS = frozenset(
    [
        "date",
        "lastmod",
        "publishDate",
        "expiryDate",
        "draft",
        "weight",
        "type",
        "layout",
        "slug",
        "url",
        "permalink",
        "aliases",
        "categories",
        "keywords",
        "summary",
        "author",
        "authors",
        "series",
        "toc",
        "menu",
        "images",
        "linkTitle",
        "id",
        "sidebar_position",
        "sidebar_label",
        "nav_order",
        "parent",
        "has_children",
        "hide_title",
        "cssclass",
        "cssclasses",
    ]
)
"""Front matter keys of the static-site tools and note apps files come from (Hugo, Jekyll,
Docusaurus, Obsidian): skipped, where a key of no tool is an error (a typo of ankigen's)."""
SUBDECKS = ("files", "headings")
"""What may make the sub-decks of a deck (`subdecks = "files"` in a folder's deck.toml)."""
CARDS = ("basic", "reversed", "typed")
"""What a file's `cards` key may say its questions make (clozes are found in the text)."""
IDS = (2**30, 2**31)
"""The range deck and note type ids are chosen in (genanki's suggestion)."""
TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
KEY_LINE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=")
EXAMPLE_DECK_ID = 1111111111
"""The `deck_id` the README's example shows: a deck that copies it is refused."""


def read_front_matter(path: str, lines: Iterable[str]) -> tuple[DeckInfo, int]:
    """The deck's details and the index of the first line after the front matter: TOML
    between `+++` lines, or YAML between `---` lines (as Jekyll, Hugo and Obsidian write
    it, whose keys for other tools are skipped).

    A file without front matter gets defaults from its name. Raises `AnkigenError`.
    """
    stem = PurePath(path).stem
    lines = iter(lines)
    fence = next(lines, "").strip()
    if fence not in (FENCE, YAML_FENCE):
        return _deck_info(path, {}, stem, {}), 0
    inside: list[str] = []
    for text in lines:
        if text.strip() == fence or (fence == YAML_FENCE and text.strip() == "..."):
            break
        inside.append(text + "\n")
    else:
        if fence == YAML_FENCE:
            return _deck_info(path, {}, stem, {}), 0  # a rule at the top, not front matter
        raise _error(path, 1, "front matter opened with `+++` is never closed")
    end = len(inside) + 1
    if fence == YAML_FENCE:
        found = _yaml(path, "".join(inside))
        if found is None:
            return _deck_info(path, {}, stem, {}), 0  # a rule, text and a rule
        meta, key_lines = found
        return _deck_info(path, meta, stem, key_lines), end + 1
    meta, key_lines = _toml(path, inside, 2, "front matter")
    return _deck_info(path, meta, stem, key_lines), end + 1


def read_details(path: Path, name: str) -> DeckInfo:
    """What a deck's details file (`deck.toml`, TOML with the keys front matter has) says
    of the deck, whose name is `name` unless it gives a title. Raises `AnkigenError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _deck_info(str(path), {}, name, {})
    except (OSError, UnicodeDecodeError) as exc:
        raise _error(str(path), 0, f"cannot be read: {exc}") from None
    inside = [line + "\n" for line in text.splitlines()]
    meta, key_lines = _toml(str(path), inside, 1, "it")
    return _deck_info(str(path), meta, name, key_lines)


def _toml(
    path: str, inside: list[str], first: int, what: str
) -> tuple[dict[str, object], dict[str, int]]:
    """TOML's keys and the line each is on (`inside`'s first line is line `first`)."""
    try:
        meta = tomllib.loads("".join(inside))
    except tomllib.TOMLDecodeError as exc:
        found_at = TOML_POSITION.search(str(exc))
        end = first + len(inside)
        line, col = (int(found_at[1]) + first - 1, int(found_at[2])) if found_at else (end, 1)
        reason = TOML_POSITION.sub("", str(exc)).replace("(at end of document)", "").strip()
        raise _error(path, line, f"{what} is not valid TOML: {reason}", col) from None
    except RecursionError:
        raise _error(path, first, f"{what} nests too deep to read") from None
    key_lines = {
        found_key[1]: number
        for number, text in enumerate(inside, start=first)
        if (found_key := KEY_LINE.match(text))
    }
    return meta, key_lines


def _yaml(path: str, text: str) -> tuple[dict[str, object], dict[str, int]] | None:
    """What YAML front matter says of the deck (the keys ankigen knows; `tags` as its
    tag), with each key's line; None for text that is not a mapping (a rule at the top of
    a file, then text and another rule). Raises `AnkigenError` for YAML that cannot be read."""
    import yaml  # only files with YAML front matter pay for loading it

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if not isinstance(node, yaml.MappingNode):
            return None
        loaded = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        raise _error(path, line, f"front matter is not valid YAML: {exc.problem}", col) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise _error(path, 2, f"front matter cannot be read as YAML: {exc}") from None
    if not isinstance(loaded, dict):
        return None
    meta: dict[str, object] = {}
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        known = "tag" if key == "tags" else key
        if known in KEYS and key in loaded:
            value = loaded[key]
            if known == "tag":  # other tools' tags: one word is the deck's tag, more are not
                words = [value] if isinstance(value, str) else value
                if not isinstance(words, list) or len(words) != 1 or "tag" in meta:
                    continue
                value = str(words[0]).lstrip("#")
                if not value or tag_word(value) != value:
                    continue
            meta[known] = value
            key_lines[known] = key_node.start_mark.line + 2
    return meta, key_lines


def decks_beside(folder: Path, besides: Path | None = None) -> dict[Path, DeckInfo]:
    """The deck of each content file, and of each deck folder (its `deck.toml`), in a folder
    (but `besides`) whose details can be read: a file with broken front matter says so when
    it is checked."""
    decks = {}
    for other in sorted(folder.glob("*")):
        if besides is not None and other.name == besides.name:
            continue
        try:
            if other.suffix == ".md" and other.is_file():
                decks[other] = read_deck(other)
            elif holds_content(other):
                decks[other] = read_details(other / DECK_DETAILS, other.name)
        except AnkigenError:
            continue
    return decks


def read_deck(path: Path) -> DeckInfo:
    """What a content file's front matter says of its deck, reading no further than it.
    Raises `AnkigenError`."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would never answer
            raise _error(str(path), 0, "is not a regular file")
        with path.open(encoding="utf-8", errors="replace", newline=None) as stream:
            return read_front_matter(str(path), (line.rstrip("\n") for line in stream))[0]
    except OSError as exc:
        raise _error(str(path), 0, f"cannot be read: {exc.strerror or exc}") from None


def slugify(title: str) -> str:
    """File-name form of a title: `Machine Learning!` -> `machine-learning`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "deck"


def derived_deck_id(slug: str) -> int:
    """A stable deck id in genanki's suggested range [2**30, 2**31), for files that name none."""
    return _derived_id(slug)


def derived_notetype_id(deck_id: int) -> int:
    """The id of a deck's own note type, for files that pin none: stable, in [2**30, 2**31),
    and another for every deck."""
    return _derived_id(f"note type of deck {deck_id}")


def _derived_id(text: str) -> int:
    digest = hashlib.sha256(text.encode()).digest()
    return IDS[0] + int.from_bytes(digest[:4], "big") % (IDS[1] - IDS[0])


def _deck_info(
    path: str, meta: dict[str, object], stem: str, key_lines: dict[str, int]
) -> DeckInfo:
    def line(key: str) -> int:
        return key_lines.get(key, 1)

    meta = {  # a YAML key left empty (`description:`) is one not given
        key: value for key, value in meta.items() if key not in OTHER_TOOLS and value is not None
    }
    unknown = sorted(meta.keys() - KEYS)
    if unknown:
        raise AnkigenError(
            Problem(
                path,
                line(key),
                f"unknown front matter key {key!r}; known: {sorted(KEYS)}",
                code="front-matter",
            )
            for key in unknown
        )
    title = meta.get("title", stem)
    description = meta.get("description", "")
    slug = slugify(stem)
    tag = meta.get("tag", slug)
    deck_id = meta.get("deck_id", derived_deck_id(slug))
    if not isinstance(title, str) or not title.strip():
        raise _error(path, line("title"), "front matter `title` must be a non-empty string")
    if "::" in title or any(unicodedata.category(character) == "Cc" for character in title):
        raise _error(
            path,
            line("title"),
            "front matter `title` must be one line without `::` (Anki would make it a deck "
            "inside another) or control characters",
        )
    if not isinstance(description, str):
        raise _error(path, line("description"), "front matter `description` must be a string")
    if not isinstance(tag, str) or not tag or tag_word(tag) != tag:
        raise _error(path, line("tag"), "front matter `tag` must be one word without spaces")
    for key, value in (("deck_id", deck_id), ("notetype_id", meta.get("notetype_id", IDS[0]))):
        if not isinstance(value, int) or isinstance(value, bool) or not IDS[0] <= value < IDS[1]:
            raise _error(
                path,
                line(key),
                f"front matter `{key}` must be a whole number from "
                f"{IDS[0]} to {IDS[1] - 1} (2**30 to 2**31 - 1)",
            )
    if deck_id == EXAMPLE_DECK_ID:
        raise _error(
            path,
            line("deck_id"),
            f"`deck_id` {deck_id} is the README's example: every "
            "deck needs its own (`ankigen new` picks one)",
        )
    questions = meta.get("questions", "")
    if questions != "" and questions not in pattern_names():
        known = ", ".join(f'"{name}"' for name in pattern_names())
        raise _error(path, line("questions"), f"front matter `questions` must be one of {known}")
    subdecks = meta.get("subdecks", "")
    if subdecks != "" and subdecks not in SUBDECKS:
        known = ", ".join(f'"{name}"' for name in SUBDECKS)
        raise _error(path, line("subdecks"), f"front matter `subdecks` must be one of {known}")
    cards = meta.get("cards", "basic")
    if cards not in CARDS:
        known = ", ".join(f'"{name}"' for name in CARDS)
        raise _error(path, line("cards"), f"front matter `cards` must be one of {known}")
    assert isinstance(deck_id, int)  # checked above
    notetype_id = meta.get("notetype_id", derived_notetype_id(deck_id))
    assert isinstance(notetype_id, int)
    lines = tuple(sorted(key_lines.items()))
    return DeckInfo(
        title.strip(),
        description.strip(),
        deck_id,
        slug,
        tag,
        notetype_id,
        str(questions),
        lines,
        CardKind(cards),
        str(subdecks),
    )
