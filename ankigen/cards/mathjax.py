"""What math on a card may hold: the TeX commands Anki's MathJax typesets without harm.

Anki typesets `\\(...\\)` and `\\[...\\]` wherever they stand in a field's HTML, however
they got there (Markdown math, an HTML block, an entity such as `&#92;(`, a section's
title). MathJax also knows commands that make links, classes, styles, boxes laid over the
card, or load code (`\\href`, `\\class`, `\\bbox`, `\\mmlToken`, `\\require`, ...), and a list
of forbidden ones would always miss one: so a field's math may use only the commands below.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right

from ankigen.gfm import tex_math

GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa "
    "lambda mu nu xi omicron pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi "
    "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega digamma"
)
SYMBOLS = (
    "pm mp times div cdot cdotp ast star circ bullet oplus ominus otimes oslash odot cap cup "
    "sqcap sqcup uplus vee wedge lor land setminus smallsetminus wr diamond bigtriangleup "
    "bigtriangledown triangleleft triangleright lhd rhd unlhd unrhd dagger ddagger amalg le "
    "leq ge geq leqslant geqslant neq ne equiv sim simeq approx approxeq cong propto prec succ "
    "preceq succeq ll gg lll ggg subset supset subseteq supseteq subsetneq supsetneq sqsubset "
    "sqsupset sqsubseteq sqsupseteq in ni notin owns vdash dashv models perp mid nmid parallel "
    "nparallel bowtie smile frown asymp doteq lt gt lneq gneq nless ngtr nleq ngeq nsim ncong "
    "leftarrow rightarrow to gets leftrightarrow Leftarrow Rightarrow Leftrightarrow "
    "longleftarrow longrightarrow longleftrightarrow Longleftarrow Longrightarrow "
    "Longleftrightarrow iff implies impliedby mapsto longmapsto uparrow downarrow updownarrow "
    "Uparrow Downarrow Updownarrow nearrow searrow swarrow nwarrow hookleftarrow hookrightarrow "
    "leftharpoonup leftharpoondown rightharpoonup rightharpoondown rightleftharpoons "
    "leftrightarrows rightleftarrows xrightarrow xleftarrow infty nabla partial forall exists "
    "nexists neg lnot emptyset varnothing aleph beth hbar hslash ell wp Re Im angle measuredangle "
    "triangle square blacksquare Box prime backprime top bot flat natural sharp clubsuit "
    "diamondsuit heartsuit spadesuit checkmark ldots cdots vdots ddots dots dotsb dotsc dotsi "
    "dotsm dotso colon therefore because complement circledast circledcirc boxplus boxminus "
    "boxtimes centerdot"
)
OPERATORS = (
    "sum prod coprod int iint iiint oint bigcap bigcup bigsqcup bigvee bigwedge bigodot "
    "bigotimes bigoplus biguplus lim limsup liminf sup inf max min arg det dim exp gcd hom ker "
    "lg ln log Pr sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth deg injlim "
    "projlim varlimsup varliminf mod bmod pmod pod operatorname limits nolimits displaylimits "
    "mathop mathbin mathrel mathord mathpunct mathinner mathopen mathclose"
)
STRUCTURE = (
    "frac dfrac tfrac cfrac binom dbinom tbinom sqrt root of over choose atop left right "
    "middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm langle "
    "rangle lfloor rfloor lceil rceil lvert rvert lVert rVert vert Vert backslash lbrace "
    "rbrace lbrack rbrack begin end substack sideset boxed fbox cancel bcancel xcancel "
    "underbrace overbrace stackrel overset underset hline cline label tag notag nonumber"
)
FONTS = (
    "mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr mathnormal boldsymbol "
    "bm pmb rm bf it sf tt cal text textrm textbf textit texttt textsf textup textnormal mbox "
    "displaystyle textstyle scriptstyle scriptscriptstyle tiny small normalsize large Large "
    "color textcolor"
)
ACCENTS = (
    "hat widehat tilde widetilde bar overline underline vec overrightarrow overleftarrow "
    "overleftrightarrow dot ddot dddot acute grave breve check mathring not"
)
SPACING = (
    "quad qquad space enspace thinspace medspace thickspace negthinspace hspace kern mkern "
    "mskip hskip phantom hphantom vphantom smash strut"
)
CHEMISTRY = "ce pu"
"""mhchem's formulas and units, which Anki loads (what they hold is checked as all math is)."""
TEX_COMMANDS = frozenset(
    " ".join((GREEK, SYMBOLS, OPERATORS, STRUCTURE, FONTS, ACCENTS, SPACING, CHEMISTRY)).split()
)
"""The TeX commands a card's math may use: symbols, structure, fonts, accents, spacing,
chemistry."""
COMMAND = re.compile(r"\\([A-Za-z]+)")
CODE = re.compile(r"<(pre|code)\b.*?</\1\s*>", re.I | re.S)
"""Code, which Anki's MathJax does not typeset."""


def forbidden_command(field: str) -> str | None:
    """The first TeX command a field's math holds that a card may not (`\\href`), or None.
    The field is read as the card's HTML: its entities as the characters they stand for."""
    if "\\" not in field and "&" not in field:
        return None
    text = html.unescape(field) if "&" in field else field
    if "\\(" not in text and "\\[" not in text:
        return None
    code = [(found.start(), found.end()) for found in CODE.finditer(text)]
    starts = [start for start, _ in code]

    def in_code(position: int) -> bool:
        inside = bisect_right(starts, position) - 1
        return inside >= 0 and code[inside][1] > position

    for math in tex_math(text, in_code):
        for command in COMMAND.finditer(math.math):
            if command[1] not in TEX_COMMANDS:
                return command[1]
    return None
