"""Writing what a build made: the `.apkg` package, files written all or nothing, the preview
page, and the cache that lets an unchanged rebuild stop early."""
