"""Math as a learner meets it: the built deck imported with Anki's backend, its cards typeset
in headless Chromium by MathJax 3 (from npm) configured as Anki configures it. Whatever
math ankigen lets through makes no link, runs no script and lays nothing over the card."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from ankigen.building import plan_build
from tests.anki_helpers import Learner
from tests.test_preview import CHROMIUM, dump_dom

MATHJAX = os.environ.get("ANKIGEN_MATHJAX", "")
"""MathJax's `es5` folder (.ci/run puts the npm package's there and names it here)."""

ANKI_MATHJAX_CONFIG = """
window.MathJax = {
  tex: {
    displayMath: [["\\\\[", "\\\\]"]],
    processRefs: false,
    processEnvironments: false,
    processEscapes: false,
    packages: {"[+]": ["noerrors", "mhchem"]},
  },
  startup: {typeset: false},
  options: {renderActions: {addMenu: []}},
  loader: {load: ["[tex]/noerrors", "[tex]/mhchem"]},
};
"""
"""Anki's own MathJax configuration (ts/mathjax in Anki's source), as its cards get it."""

PROBE = """
window.pwned = false;
MathJax.startup.promise.then(() => MathJax.typesetPromise()).then(() => {
  const all = [...document.querySelectorAll("#cards *")];
  const found = {
    typeset: document.querySelectorAll("#cards mjx-container").length,
    links: all.filter((e) => e.closest("a") || e.hasAttribute("href")).length,
    fixed: all.filter((e) => ["fixed", "absolute"].includes(getComputedStyle(e).position)
      && !e.closest("mjx-assistive-mml")).length,
    handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
    pwned: window.pwned,
  };
  document.getElementById("result").textContent = JSON.stringify(found);
});
"""

CONTENT = """\
+++
title = "Math"
deck_id = 1300000002
+++

1. What does a card's math hold?
$\\frac{a}{b} + \\sqrt[3]{x} \\le \\sum_{i=1}^{n} x_i^2$ and $\\mathbb{R}^n \\to \\mathcal{L}$,
$\\text{javascript:window.pwned=true}$ and $\\mathrm{href}(x)$.

2. And display math?
$$
\\begin{aligned} f(x) &= \\int_0^\\infty e^{-t} \\, dt \\\\ &= \\lim_{n \\to \\infty} \\binom{n}{k}
\\end{aligned}
$$
\\(\\left( \\begin{matrix} 1 & 0 \\\\ 0 & 1 \\end{matrix} \\right)\\) and \\[ \\ce{H2O} \\]
"""


def typeset(cards: list[str], tmp_path: Path) -> dict[str, object]:
    """What MathJax makes of the cards' HTML in Chromium."""
    page = tmp_path / "cards.html"
    script = (Path(MATHJAX) / "tex-chtml-full.js").as_uri()
    page.write_text(
        f"<!doctype html><html><head><script>{ANKI_MATHJAX_CONFIG}</script>"
        f'<script src="{script}"></script></head><body><div id="cards">{"".join(cards)}</div>'
        f'<pre id="result"></pre><script>{PROBE}</script></body></html>',
        encoding="utf-8",
    )
    dom = dump_dom(page, tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=20000")
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    assert found is not None
    assert found[1], "MathJax did not finish typesetting"
    result: dict[str, object] = json.loads(found[1].replace("&quot;", '"'))
    return result


@pytest.mark.skipif(
    CHROMIUM is None or not MATHJAX,
    reason="needs Debian's chromium and MathJax from npm (.ci/run installs both)",
)
def test_the_math_a_deck_holds_makes_no_link_and_runs_nothing(
    tmp_path: Path, learner: Learner
) -> None:
    content = tmp_path / "content" / "math.md"
    content.parent.mkdir()
    content.write_text(CONTENT, encoding="utf-8")
    planned = plan_build(content, tmp_path / "decks", now=1_800_000_000)
    planned.write()
    learner.import_deck(planned.deck_path)
    cards = [learner.col.get_card(card_id) for card_id in learner.col.find_cards("")]
    sides = [side for card in cards for side in (card.question(), card.answer())]
    found = typeset(sides, tmp_path)
    assert found == {"typeset": 7, "links": 0, "fixed": 0, "handlers": 0, "pwned": False}
    # the same harness sees what the math ankigen refuses would do
    control = typeset(
        ["\\(\\href{javascript:window.pwned=true}{x}\\) \\(\\bbox[position:fixed]{y}\\)"],
        tmp_path,
    )
    assert control["links"]
    assert control["fixed"]
