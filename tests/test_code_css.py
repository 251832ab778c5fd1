"""ankigen/code.css is Pygments' own CSS for the note type's two code styles."""

from __future__ import annotations

from pathlib import Path

from pygments.formatters import HtmlFormatter

from ankigen.cards import notetype

CODE_CSS = Path(notetype.__file__).with_name("code.css")
NIGHT = (".nightMode", ".night_mode")


def code_css() -> str:
    """The light style's token colours, and the dark one's under Anki's night-mode classes."""
    light_style, dark_style = notetype.CODE_CSS_STYLES
    light = HtmlFormatter(style=light_style).get_style_defs(  # type: ignore[no-untyped-call]
        ".ankigen .highlight"
    )
    scopes = [f"{night} .ankigen .highlight" for night in NIGHT]
    scopes += [f".card{night} .ankigen .highlight" for night in NIGHT]
    dark = HtmlFormatter(style=dark_style).get_style_defs(scopes)  # type: ignore[no-untyped-call]
    return f"{_token_rules(light)}\n{_token_rules(dark)}\n"


def _token_rules(css: str) -> str:
    """Only the rules that colour tokens: the card's variables set the code background."""
    return "\n".join(line for line in css.splitlines() if ".highlight ." in line)


def test_code_css_is_what_pygments_makes() -> None:
    assert CODE_CSS.read_text(encoding="utf-8") == code_css(), (
        "Pygments' styles changed: regenerate with `python -c \"from tests.test_code_css import"
        ' code_css, CODE_CSS; CODE_CSS.write_text(code_css())"` (a new look: a patch version)'
    )
