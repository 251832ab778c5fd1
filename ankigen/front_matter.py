"""A content file's TOML front matter (between `+++` lines) -> what it says of the deck."""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath

from ankigen.errors import AnkigenError, Problem, error
from ankigen.records import DeckInfo, tag_word

FENCE = "+++"
KEYS = {"title", "description", "deck_id", "tag", "notetype_id"}
IDS = (2**30, 2**31)
"""The range deck and note type ids are chosen in (genanki's suggestion)."""
TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_front_matter(path: str, lines: Iterable[str]) -> tuple[DeckInfo, int]:
    """The deck's details and the index of the first line after the front matter.

    A file without front matter gets defaults from its name. Raises `AnkigenError`.
    """
    stem = PurePath(path).stem
    lines = iter(lines)
    if next(lines, "").strip() != FENCE:
        return _deck_info(path, {}, stem, 0), 0
    toml: list[str] = []
    for text in lines:
        if text.strip() == FENCE:
            break
        toml.append(text + "\n")
    else:
        raise error(path, 1, "front matter opened with `+++` is never closed")
    end = len(toml) + 1
    try:
        meta = tomllib.loads("".join(toml))
    except tomllib.TOMLDecodeError as exc:
        found = TOML_POSITION.search(str(exc))
        line, col = (int(found[1]) + 1, int(found[2])) if found else (end + 1, 1)
        reason = TOML_POSITION.sub("", str(exc)).replace("(at end of document)", "").strip()
        raise error(path, line, f"front matter is not valid TOML: {reason}", col) from None
    return _deck_info(path, meta, stem, 1), end + 1


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


def _deck_info(path: str, meta: dict[str, object], stem: str, line: int) -> DeckInfo:
    unknown = sorted(meta.keys() - KEYS)
    if unknown:
        raise AnkigenError(
            Problem(path, line, f"unknown front matter key {key!r}; known: {sorted(KEYS)}")
            for key in unknown
        )
    title = meta.get("title", stem)
    description = meta.get("description", "")
    slug = slugify(stem)
    tag = meta.get("tag", slug)
    deck_id = meta.get("deck_id", derived_deck_id(slug))
    if not isinstance(title, str) or not title.strip():
        raise error(path, line, "front matter `title` must be a non-empty string")
    if not isinstance(description, str):
        raise error(path, line, "front matter `description` must be a string")
    if not isinstance(tag, str) or not tag or tag_word(tag) != tag:
        raise error(path, line, "front matter `tag` must be one word without spaces")
    if not isinstance(deck_id, int) or isinstance(deck_id, bool) or not 1 <= deck_id < 2**63:
        raise error(path, line, "front matter `deck_id` must be a positive integer")
    notetype_id = meta.get("notetype_id", derived_notetype_id(deck_id))
    if not isinstance(notetype_id, int) or isinstance(notetype_id, bool) or notetype_id < 1:
        raise error(path, line, "front matter `notetype_id` must be a positive integer")
    return DeckInfo(title.strip(), description.strip(), deck_id, slug, tag, notetype_id)
