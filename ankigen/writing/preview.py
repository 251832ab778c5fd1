"""A release -> one self-contained HTML page showing every card's front and back."""

from __future__ import annotations

import base64
import html
import json
import mimetypes
import re
from collections.abc import Sequence

from ankigen.cards.notetype import NoteType
from ankigen.cards.rendering import IMAGE_SOURCE
from ankigen.cards.typesetting import typeset_field
from ankigen.cloze import ANKI_CLOZE
from ankigen.errors import Problem
from ankigen.records import CardKind
from ankigen.versions.release import DeckNote, Release

PAGE_CSS = """
body.preview { margin: 0; background: #e9ecef; color: #1f2328; font-family: system-ui, sans-serif; }
body.preview.nightMode { background: #0d1117; color: #e6edf3; }
.preview header {
  position: sticky; top: 0; z-index: 1; display: flex; gap: 1em; align-items: center;
  padding: 10px 16px; background: inherit; border-bottom: 1px solid #8884;
}
.preview header h1 { font-size: 1.1em; margin: 0; flex: 1; }
.preview header button { font: inherit; padding: 4px 12px; cursor: pointer; }
.preview main { max-width: 1200px; margin: 0 auto; padding: 8px 16px 32px; }
.preview .note h2 { font-size: 0.8em; font-weight: 600; margin: 20px 0 6px; opacity: 0.7; }
.preview .sides {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px;
}
.preview .side { border-radius: 10px; box-shadow: 0 1px 3px #0003; min-height: 4em; }
.preview .side-name { font-size: 0.65em; text-transform: uppercase; opacity: 0.6; padding: 0 16px; }
.preview .problems {
  margin: 12px 16px; padding: 10px 14px; border-left: 4px solid #d1242f; background: #d1242f1a;
  white-space: pre-wrap; font-size: 0.85em;
}
.preview .math-error { color: #d1242f; outline: 2px dashed #d1242f; cursor: help; }
"""
SCRIPT = """
const body = document.body, button = document.getElementById("night-mode");
function show(night) {
  body.classList.toggle("nightMode", night);
  button.textContent = night ? "Light mode" : "Night mode";
}
button.addEventListener("click", () => show(!body.classList.contains("nightMode")));
show(location.hash === "#night");
"""


WATCH = """
const watched = WATCHED;
let seen;
window.scrollTo(0, Number(sessionStorage.getItem("preview-y") || 0));
setInterval(() => {
  const script = document.createElement("script");
  script.src = watched + "?" + Date.now();
  script.onload = () => {
    if (seen === undefined) seen = window.previewVersion;
    else if (window.previewVersion !== seen) {
      sessionStorage.setItem("preview-y", String(window.scrollY));
      location.reload();
    }
    script.remove();
  };
  document.head.appendChild(script);
}, 400);
"""
"""Reloads the page when the script beside it says a new version (a page opened from a
file may load a script beside it, where it may not read the file itself)."""
TAG = re.compile(r"<[^<>]*>")
TEMPLATE_TAG = re.compile(r"{{(?:([^#/{}][^{}]*)|#([^{}]+)}}(.*?){{/\2)}}", re.DOTALL)


CardMemo = dict[tuple[object, ...], str]
"""Notes laid out before: each note's cards, by what they show and their note type's digest."""


def preview_page(
    release: Release,
    problems: Sequence[Problem] = (),
    reload_from: str = "",
    memo: CardMemo | None = None,
) -> str:
    """The page: the deck's CSS, each of the release's cards as Anki lays it out, and a
    night-mode toggle; `problems` over the cards (the last good ones, while a file being
    watched is broken); with `reload_from` (a script beside the page, which a watch
    rewrites on each change), the page reloads itself when it changes. A `memo` kept from
    one page to the next lays out only the notes that changed."""
    images = {name: _data_uri(name, image.data) for name, image in release.media.items()}
    deck = release.deck
    laid_out = []
    for note in release.notes:
        kind = release.notetypes[note.kind]
        key = (note.fields, note.tags, note.due, note.kind, note.subdeck, kind.hash)
        card = memo.get(key) if memo is not None else None
        if card is None:
            card = _card(note, kind, images)
            if memo is not None:
                memo[key] = card
        laid_out.append(card)
    cards = "\n".join(laid_out)
    said = "\n".join(html.escape(str(problem)) for problem in problems)
    banner = f'<pre class="problems">{said}</pre>' if problems else ""
    watch = (
        f"<script>{WATCH.replace('WATCHED', json.dumps(reload_from))}</script>"
        if reload_from
        else ""
    )
    css = max((notetype.css for notetype in release.notetypes.values()), key=len)
    title = html.escape(f"{deck.title} {release.version}")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — preview</title>
<style>{css}{PAGE_CSS}</style>
</head>
<body class="preview">
<header><h1>{title} · {release.card_count} cards</h1>
<button id="night-mode" type="button">Night mode</button></header>
{banner}<main>
{cards}
</main>
<script>{SCRIPT}</script>{watch}
</body>
</html>
"""


def _card(note: DeckNote, kind: NoteType, images: dict[str, str]) -> str:
    """Every card of a note, front and back: one for each template, or for each deletion
    number of a cloze."""
    section = note.fields[2]
    names = [str(field["name"]) for field in kind.fields]
    values = dict(zip(names, note.fields[: len(names)], strict=True))
    cards = [
        (template, number)
        for template in kind.templates
        for number in (_cloze_numbers(values) if kind.kind is CardKind.CLOZE else [0])
    ]
    sides = []
    for template, number in cards:
        front = _fill(str(template["qfmt"]), _shown(values, number, answered=False))
        shown = _shown(values, number, answered=True)
        back = _fill(str(template["afmt"]), {**shown, "FrontSide": front})
        card = f"{template['name']} {number}: " if number else f"{template['name']}: "
        card = html.escape(card) if len(cards) > 1 else ""
        sides += [
            f'<div><div class="side-name">{card}{name}</div>'
            f'<div class="card side">{_with_images(typeset_field(side)[0], images)}</div></div>'
            for name, side in (("front", front), ("back", back))
        ]
    label = html.escape(f"{note.due}. {section} · {' '.join(note.tags)}", quote=False)
    return (
        f'<section class="note"><h2>{label}</h2><div class="sides">{"".join(sides)}</div></section>'
    )


def _cloze_numbers(values: dict[str, str]) -> list[int]:
    """The deletion numbers of a cloze note's fields, in order."""
    found = (cloze for text in values.values() for cloze in ANKI_CLOZE.finditer(text))
    return sorted({int(cloze["number"]) for cloze in found})


def _shown(values: dict[str, str], number: int, answered: bool) -> dict[str, str]:
    """The values a side's template is filled with, as Anki fills them: `{{cloze:F}}` with
    deletion `number` hidden (shown, on the back), and `{{type:F}}` as a box to type in
    (with what was to be typed, on the back)."""
    shown = dict(values)
    for name, text in values.items():
        shown[f"cloze:{name}"] = ANKI_CLOZE.sub(
            lambda found: _deletion(found, number, answered), text
        )
        typed = html.escape(TAG.sub("", text).strip())
        shown[f"type:{name}"] = (
            f'<code class="typed-answer">{typed}</code>'
            if answered
            else '<input type="text" placeholder="type the answer">'
        )
    return shown


def _deletion(found: re.Match[str], number: int, answered: bool) -> str:
    """One deletion as a side shows it: hidden (its hint, or `...`) on the front of its
    own card, shown on its back, and as text on every other card."""
    if int(found["number"]) != number:
        return found["text"]
    if answered:
        return f'<span class="cloze">{found["text"]}</span>'
    return f'<span class="cloze">[{found["hint"] or "..."}]</span>'


def _fill(template: str, values: dict[str, str]) -> str:
    """Anki's template syntax as ankigen's templates use it: `{{#F}}...{{/F}}` and `{{F}}`,
    filled in one pass over the template (a field's own `{{...}}` stays as written, as Anki
    shows it)."""

    def filled(tag: re.Match[str]) -> str:
        if tag[1]:
            return values.get(tag[1], tag[0])
        return _fill(tag[3], values) if values.get(tag[2]) else ""

    return TEMPLATE_TAG.sub(filled, template)


def _with_images(side: str, images: dict[str, str]) -> str:
    return IMAGE_SOURCE.sub(lambda m: m[1] + images.get(html.unescape(m[2]), m[2]) + m[3], side)


def _data_uri(name: str, data: bytes) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"
