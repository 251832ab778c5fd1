"""A new deck: a content file to start from, with a deck id of its own."""

from __future__ import annotations

import json
import random
from pathlib import Path

from ankigen.errors import error
from ankigen.files import write_files
from ankigen.reading.front_matter import EXAMPLE_DECK_ID, IDS, decks_beside, slugify

LONGEST = 100
"""The longest file name (before `.md`) a new deck gets: its deck files add their versions."""
STARTER = """\
+++
title = {title}
description = "What this deck is about, in a sentence or two."
deck_id = {deck_id}    # this deck's own: never change it, or learners get every card twice
+++

### {section}

1. What does a question look like?
Like this one: a numbered line, with its answer on the lines below it.

2. What can an answer hold?
Markdown as GitHub shows it: **bold** and `code`, lists, tables, images, and math such as
$e^{{i\\pi}} + 1 = 0$.
"""


def new_deck(name: str, folder: Path, chance: random.Random | None = None) -> Path:
    """Write `folder/<name>.md`: front matter with a `deck_id` no other content file in
    the folder uses, one section and two example questions. Raises `AnkigenError` if the
    file exists."""
    path = folder / f"{slugify(name)[:LONGEST].rstrip('-')}.md"
    if path.exists():
        raise error(str(path), 0, "already exists: edit it, or give another name")
    used = {EXAMPLE_DECK_ID, *(deck.deck_id for deck in decks_beside(folder).values())}
    chance = chance or random.SystemRandom()
    deck_id = EXAMPLE_DECK_ID
    while deck_id in used:
        deck_id = chance.randrange(*IDS)
    title = name.strip() if name != name.lower() or " " in name else name.replace("-", " ")
    title = title[:1].upper() + title[1:]
    text = STARTER.format(
        title=json.dumps(title, ensure_ascii=False), deck_id=deck_id, section="Getting started"
    )
    write_files({path: text.encode("utf-8")})
    return path
