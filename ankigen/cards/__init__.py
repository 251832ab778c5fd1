"""Making cards: Markdown rendered into HTML fields, the math a card may hold, images, and
the note type."""
