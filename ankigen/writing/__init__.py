"""Writing what a build made: the `.apkg` package, the preview page, the cache that lets an
unchanged rebuild stop early, and a running Anki (AnkiConnect)."""
