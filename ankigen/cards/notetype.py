"""Each deck's own note type: its schema is frozen, its look may change.

Anki matches note types by id: each deck has its own (derived from the deck's id, or pinned
in its front matter), named after the deck, so that the look of one deck, or a learner's
edits to it, never reach another. Changing the *schema* (the fields' or templates' number,
order or names, or the sort field) makes Anki refuse to update every existing note, so those
are fixed here for good (tests/test_schema.py guards them). Template text and CSS may
change: the new look reaches learners with the next version.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ankigen.records import CardKind, DeckInfo, KeptNoteType

FIELDS = (
    {"name": "Question", "id": 1672312284},
    {"name": "Answer", "id": 1148554476},
    {"name": "Section", "id": 2039120987},
)
SORT_FIELD = 0
FIELD_REFERENCE = re.compile(r"{{([#/]?)(\w+)}}")
SECTION_BLOCK = re.compile(r"{{#Section}}.*?{{/Section}}\n?", re.DOTALL)
"""Where a card shows its section (a kept note type has no field for it: its tag says it)."""
TEMPLATE_NAME = "Question > Answer"
TEMPLATE_ID = 1708869162
FRONT = """\
<div class="ankigen">
{{#Section}}<div class="section">{{Section}}</div>{{/Section}}
<div class="question">{{Question}}</div>
</div>"""
BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="ankigen answer">{{Answer}}</div>"""
REVERSE_NAME = "Answer > Question"
REVERSE_ID = 1290857411
REVERSE_FRONT = """\
<div class="ankigen">
{{#Section}}<div class="section">{{Section}}</div>{{/Section}}
<div class="answer">{{Answer}}</div>
</div>"""
REVERSE_BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="ankigen"><div class="question">{{Question}}</div></div>"""
TYPED_FRONT = """\
<div class="ankigen">
{{#Section}}<div class="section">{{Section}}</div>{{/Section}}
<div class="question">{{Question}}</div>
<div class="typed">{{type:Answer}}</div>
</div>"""
TYPED_BACK = """\
<div class="ankigen">
{{#Section}}<div class="section">{{Section}}</div>{{/Section}}
<div class="question">{{Question}}</div>
<div class="typed">{{type:Answer}}</div>
</div>
<hr id="answer">
<div class="ankigen answer">{{Answer}}</div>"""
CLOZE_FIELDS = (
    {"name": "Text", "id": 1544170512},
    {"name": "Back Extra", "id": 1933287720},
    {"name": "Section", "id": 2039120987},
)
CLOZE_NAME = "Cloze"
CLOZE_ID = 1365312866
CLOZE_FRONT = """\
<div class="ankigen">
{{#Section}}<div class="section">{{Section}}</div>{{/Section}}
<div class="question">{{cloze:Text}}</div>
</div>"""
CLOZE_BACK = """\
<div class="ankigen">
{{#Section}}<div class="section">{{Section}}</div>{{/Section}}
<div class="question">{{cloze:Text}}</div>
</div>
{{#Back Extra}}<hr id="answer">
<div class="ankigen answer">{{Back Extra}}</div>{{/Back Extra}}"""
KIND_CSS = """\
.cloze { font-weight: 700; color: var(--accent); }
.typed { margin-top: 0.8em; }
.typed input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.3em 0.5em; }
"""
CODE_CSS_STYLES = ("friendly", "github-dark")
"""The Pygments styles of code.css: light, and dark under Anki's night-mode classes."""
BASE_CSS = """\
.card {
  --text: #1f2328; --muted: #59636e; --background: #ffffff; --rule: #d1d9e0;
  --accent: #0969da; --code-background: #f6f8fa;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans",
    "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.5; text-align: left;
  color: var(--text); background-color: var(--background);
  margin: 0; padding: 12px 0; overflow-wrap: break-word;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --text: #e6edf3; --muted: #9198a1; --background: #1e1e1e; --rule: #3d444d;
  --accent: #4493f8; --code-background: #151b23;
}
.ankigen { max-width: 40em; margin: 0 auto; padding: 0 16px; }
.ankigen .section {
  font-size: 0.7em; letter-spacing: 0.04em; text-transform: uppercase; color: var(--muted);
  margin-bottom: 0.4em;
}
.ankigen .question { font-size: 1.15em; font-weight: 600; }
hr#answer { max-width: 40em; margin: 1em auto; border: 0; border-top: 1px solid var(--rule); }
.answer p, .answer ul, .answer ol, .answer blockquote, .answer pre, .answer table {
  margin: 0 0 0.8em;
}
.answer li { margin: 0.2em 0; }
.answer a { color: var(--accent); }
.answer blockquote {
  margin-left: 0; padding-left: 0.9em; border-left: 4px solid var(--rule); color: var(--muted);
}
.ankigen code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.85em; background-color: var(--code-background); border-radius: 4px;
  padding: 0.1em 0.3em;
}
.ankigen pre {
  overflow-x: auto; padding: 0.7em 0.9em; border-radius: 6px;
  background-color: var(--code-background); line-height: 1.4;
}
.ankigen pre code { padding: 0; background: none; font-size: 0.8em; }
.ankigen table { display: block; overflow-x: auto; border-collapse: collapse; }
.ankigen th, .ankigen td { border: 1px solid var(--rule); padding: 0.3em 0.6em; }
.ankigen img { max-width: 100%; height: auto; }
.answer .removed {
  margin-top: 1em; padding: 0.4em 0.7em; border-left: 4px solid var(--rule); color: var(--muted);
  font-size: 0.85em;
}
@media (max-width: 600px) {
  .card { font-size: 18px; padding: 8px 0; }
  .ankigen { padding: 0 10px; }
}
"""


def _renamed(template: str, names: dict[str, str]) -> str:
    """A card template whose fields are called by other names."""
    return FIELD_REFERENCE.sub(lambda m: "{{" + m[1] + names.get(m[2], m[2]) + "}}", template)


@dataclass(frozen=True)
class NoteType:
    """A deck's note type, ready for genanki, with a digest of everything in it."""

    id: int
    name: str
    fields: tuple[dict[str, object], ...]
    templates: tuple[dict[str, object], ...]
    css: str
    hash: str
    kind: CardKind = CardKind.BASIC


def note_type(deck: DeckInfo, kept: KeptNoteType | None = None) -> NoteType:
    """The deck's note type: its id, its name (the deck's title), and the one template and
    CSS (code colours included) every deck shares. A deck that took over one made by
    another tool keeps that deck's note type (`kept`): its id, and its fields' and card's
    names, without ids, so that Anki matches them by name."""
    return _note_type(deck.notetype_id, f"{deck.title} (ankigen)", kept)


def kind_note_type(deck: DeckInfo, kind: CardKind) -> NoteType:
    """The deck's note type for notes of another kind than basic: its id derived from the
    basic one's (fixed for good), its fields and templates fixed for good, the same CSS."""
    return _kind_note_type(deck.notetype_id, deck.title, kind)


@cache
def _kind_note_type(notetype_id: int, title: str, kind: CardKind) -> NoteType:
    digest = hashlib.sha256(f"{notetype_id}:{kind.value}".encode()).digest()
    kind_id = 2**30 + int.from_bytes(digest[:4], "big") % 2**30
    css = BASE_CSS + KIND_CSS + Path(__file__).with_name("code.css").read_text(encoding="utf-8")
    fields: tuple[dict[str, object], ...] = tuple(dict(field) for field in FIELDS)
    basic = {"name": TEMPLATE_NAME, "id": TEMPLATE_ID, "qfmt": FRONT, "afmt": BACK}
    if kind is CardKind.REVERSED:
        reverse = {
            "name": REVERSE_NAME,
            "id": REVERSE_ID,
            "qfmt": REVERSE_FRONT,
            "afmt": REVERSE_BACK,
        }
        templates: tuple[dict[str, object], ...] = (basic, reverse)
    elif kind is CardKind.TYPED:
        templates = ({**basic, "qfmt": TYPED_FRONT, "afmt": TYPED_BACK},)
    else:
        fields = tuple(dict(field) for field in CLOZE_FIELDS)
        templates = ({"name": CLOZE_NAME, "id": CLOZE_ID, "qfmt": CLOZE_FRONT, "afmt": CLOZE_BACK},)
    name = f"{title} ({kind.value}, ankigen)"
    definition = {"name": name, "fields": fields, "templates": templates, "css": css}
    digest_text = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()
    return NoteType(kind_id, name, fields, templates, css, digest_text[:16], kind)


@cache
def _note_type(notetype_id: int, name: str, kept: KeptNoteType | None) -> NoteType:
    css = BASE_CSS + Path(__file__).with_name("code.css").read_text(encoding="utf-8")
    fields = tuple(dict(field) for field in FIELDS)
    template = {"name": TEMPLATE_NAME, "id": TEMPLATE_ID, "qfmt": FRONT, "afmt": BACK}
    if kept is not None:  # its own two fields and one card, by the names they have
        notetype_id = kept.id
        names = {"Question": kept.question, "Answer": kept.answer}
        fields = ({"name": kept.question}, {"name": kept.answer})
        front = _renamed(SECTION_BLOCK.sub("", FRONT), names)
        template = {"name": kept.card, "qfmt": front, "afmt": _renamed(BACK, names)}
    templates = (template,)
    definition = {"name": name, "fields": fields, "templates": templates, "css": css}
    digest = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()
    return NoteType(notetype_id, name, fields, templates, css, digest[:16])
