"""ankigen: numbered question-and-answer text in, an Anki deck that updates cleanly out."""

__version__ = "0.1.0"

__all__ = ["__version__"]
