"""The baseline: a minimal genanki script writing the same notes, fixed GUIDs, no Markdown.

Usage: python raw_genanki.py NOTES.jsonl OUT.apkg
"""

import html
import json
import sys

import genanki

MODEL = genanki.Model(
    1607392319,
    "Raw Q/A",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Section"}],
    templates=[{"name": "Card", "qfmt": "{{Question}}", "afmt": "{{FrontSide}}<hr>{{Answer}}"}],
)


def main(notes_path: str, out: str) -> None:
    deck = genanki.Deck(2059400110, "Raw benchmark deck")
    with open(notes_path, encoding="utf-8") as lines:
        for line in lines:
            note = json.loads(line)
            fields = [html.escape(note["question"]), html.escape(note["answer"]), note["section"]]
            deck.add_note(
                genanki.Note(model=MODEL, fields=fields, guid=note["guid"], tags=[note["tag"]])
            )
    genanki.Package(deck).write_to_file(out, timestamp=1_700_000_000)


if __name__ == "__main__":
    main(*sys.argv[1:])
