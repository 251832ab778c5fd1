"""What the blocks of a Markdown file look like, as far as questions go: the shapes a
question takes (`Shape`, `Candidate`), the marks and labels that number, ask or answer
(`1.`, `Q:`, `Answer:`), headings in Markdown or HTML, and what is never a question
(badges, banners, tables of contents). The recognisers (`candidates`) and the steps after
them read blocks in these words.
"""

from __future__ import annotations

import enum
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ankigen.gfm import Block, Kind

ASKS = ("?", "\uff1f", "\u061f")
"""How a question ends: `?`, the full-width one of Chinese and Japanese, the Arabic script's."""
CLOSING = "*_ `\t\"'\u201d\u2019\u00bb\u300d\u300f"
"""What may close a question after its mark: emphasis, a code span, and quotation marks
(`“Why?”`)."""


ONLY_ASKING = (
    r"explain|describe|discuss|expli(?:que|ca|quez)|descr(?:iba|eva|ibe|ivez)|"
    r"erkl(?:ä|ae)re(?:n sie)?|beschreibe(?:n sie)?|descrivi|wyjaśnij|opisz|"
    r"объясни(?:те)?|опиши(?:те)?"
)
"""Verbs of instructions that only ever ask (an answer never starts with `Explain`),
unlike `Name`, `List` or `State`."""
EXPLAINS = re.compile(rf"(?:{ONLY_ASKING}|justify|spiega)\b", re.I)
"""An instruction that only ever asks."""


def asks(text: str) -> bool:
    """Whether a text ends as a question does (`Why?`, `**Why?**`, `“Why?”`)."""
    return text.rstrip(CLOSING).endswith(ASKS)


INSTRUCTS = re.compile(
    rf"(?:{ONLY_ASKING}|define|compare|contrast|differentiate|distinguish|list|"
    r"name|give|d[êé]|state|outline|summari[sz]e|illustrate|tell me|walk me through|"
    r"defin(?:a|e|issez)|mencione|enumere|cite|citez|nenne(?:n sie)?|"
    r"definiere(?:n sie)?|vergleiche(?:n sie)?|z(?:ä|ae)hle(?:n sie)? auf|"
    r"spiega(?:re)?|elenca|definisci|confronta|wymień|zdefiniuj|porównaj|"
    r"назови(?:те)?|перечисли(?:те)?|расскажи(?:те)?)\b[ \t]*[^\s.:]"
    r"|(?:请|請)?(?:简单)?(?:介绍|说说|说一说|谈谈|谈一谈|讲讲|简述|简要说明|解释|描述|列举|比较)"
    r"|.*(?:説明せよ|述べよ|説明してください|答えよ|"
    r"설명하시오|설명하세요|설명해 ?(?:주세요|보세요)|서술하시오|말해 ?(?:주세요|보세요)|"
    r"비교하시오|비교해 ?(?:주세요|보세요)|설명 ?부탁드립니다|알려 ?주세요|"
    r"나열해 ?주세요|나열하시오)"
    r"[。.]?(?:[ \t]*\([^()]*\))?$",
    re.I | re.S,
)
"""What opens (or, in Japanese and Korean, ends, a remark in brackets aside) a question
written as an instruction: `Explain ...`, `Describe ...`, `介绍...`, `...を説明せよ`,
`...을 알려주세요. (hint: ...)`. The verb names what it asks
about (`## Outline` alone, or `## Outline:`, titles a section)."""


def paragraph_asks(text: str) -> bool:
    """Whether a paragraph's text asks: as a question ends (`What is a kernel?`), or asking
    and then telling what to give (`What is Git? Explain how it ...`, `Why? ... as
    follows:`), or with a remark in brackets after it (`Which ...? (Select 2)`)."""
    asked, mark, after = text.rpartition("? ")
    if asks(text) or bool(mark and asked and (instructs(after) or after.endswith(":"))):
        return True
    return text.endswith((")", "\uff09")) and asks_then_says(text)  # `...? (Select 2)`


def instructs(text: str) -> bool:
    """Whether a text asks as an instruction does, without a question mark (`Explain the
    bias-variance trade-off`, `介绍JavaScript的基本数据类型`)."""
    return INSTRUCTS.match(text.strip("*_ \t")) is not None


LONG_QUESTION = 300
"""A question longer than this many characters is probably an answer run into it."""
MAX_DIGITS = 6
"""A question's number has at most this many digits (`1000000.` is a number in an answer)."""
NUMBER = rf"(?P<number>[0-9]{{1,{MAX_DIGITS}}})"
QUESTION_WORDS = (
    r"question|frage|pregunta|pergunta|quest[aã]o|domanda|вопрос|pytanie|vraag|soru|câu hỏi|"
    r"问题|問題|質問|질문"
)
"""The words that name a question, in the languages question lists are written in: for
the labels of questions (`Question 3:`, `Pytanie 3`, `Q:`) and of slides and callouts (a
regular expression's alternatives)."""
NUMBERED = re.compile(
    rf"(?P<q>(?:q|{QUESTION_WORDS}|câu|問|задача|punto|ejercicio|exercise|aufgabe|zadanie|challenge)"
    rf"[ \t]*)?#?(?:[0-9]{{1,3}}\.(?=[0-9]))*{NUMBER}"
    r"(?:[ \t]*(?P<mark>[.):|\uff1a\u3001]|\ufe0f?\u20e3|[-\u2013\u2014](?=[ \t]))|(?=[ \t])|$)"
    r"[ \t]*(?P<text>.*)",
    re.I | re.S,
)
"""`1. Q`, `1) Q`, `Q12. Q`, `Question 3: Q`, `Question 3 | Q` (and `Câu 3:`, `Frage 3:`,
`Punto 3:`...), `4 Q`, `#4 Q`; and `Question 1` alone. A number under a section's (`2.3.
Q`) is its last part."""
MARKED = re.compile(
    rf"(?:q|{QUESTION_WORDS}|问|問)"
    r"[ \t]*[.:\uff1a]"
    r"[ \t]*(?P<text>.+)",
    re.I | re.S,
)
"""`Q: Q`, `Q. Q`, `Question: Q`."""
PROBLEM = re.compile(
    r"(?:(?:problem|exercise|task)\s*#?\s*|第\s*)(?P<number>[0-9]{1,6})(?:\s*[题題])?\b(?P<text>.*)",
    re.I,
)
"""A heading that numbers a problem whose text is under it (`#### Problem 3`, `## 第 3 题`)."""
TEMPLATE = re.compile(r"-{2}\s*question\s*-{2}", re.I)
TEMPLATE_MARK = re.compile(r"-{2}\s*[a-z]+\s*-{2}", re.I)
SLIDE_LABEL = rf"(?:{QUESTION_WORDS}|q)\s*[0-9]{{1,4}}\s*[-\u2013\u2014:]\s*"
"""What a slide's heading says before the part of its question it holds (`Question 3 - `)."""
ANSWER_WORDS = (
    r"(?:(?:correct|right|sample|suggested|possible|example|model|expected)\s+)?answers?|"
    r"solutions?|ответ|respuesta(?:\s+correcta)?|resposta(?:\s+correta)?|"
    r"(?:bonne\s+)?réponse(?:\s+correcte)?|(?:richtige\s+)?antwort|lösung|"
    r"(?:possibile\s+)?risposta(?:\s+corretta)?|corrigé|(?:câu\s+)?trả\s+lời|đáp\s+án|"
    r"(?:poprawna\s+)?odpowied[źz]|"
    r"odpověď|відповідь|jawaban|解答|答案|回答|答え|정답|답변|답"
)
"""The words that name an answer, in the languages question lists are written in: for
headings, labels and summaries that open one (a regular expression's alternatives)."""
LABEL_WORDS = rf"ans|odp|back|(?:doğru\s+)?cevap|antwoord|答|{ANSWER_WORDS}"
"""What a label that opens an answer may say (but for `A:`)."""
ANSWER_HEADING = re.compile(
    rf"(?:{SLIDE_LABEL}(?=(?:{ANSWER_WORDS})\b))?"
    rf"(?:{ANSWER_WORDS}|-{{2}}\s*answer\s*-{{2}})\b.*"
    r"|approach(?:es)?(?:\s+[0-9]+)?\s*[:\uff1a].*",
    re.I | re.S,
)
"""A heading that opens an answer (`#### Solution`, `#### Answer: B`, a slide's `## Question 3 -
Answer`), never a question."""
ANSWER_MARKS = "\u2705\u2714\u2611\U0001f4a1\U0001f449"
"""Marks an author puts before an answer's label (`✅ Answer:`, `👉 Answer:`)."""
ANSWER_LABEL = re.compile(
    rf"(?:[{ANSWER_MARKS}][ \t\ufe0f]*)?(?:\*\*\*|\*\*|__|\*|_)?(?:[{ANSWER_MARKS}][ \t\ufe0f]*)?"
    rf"(?:a|{LABEL_WORDS})"
    r"[ \t]*(?:\*\*\*|\*\*|__|\*|_)?[ \t]*(?:[:\uff1a]|$)(?:\*\*\*|\*\*|__|\*|_)?[ \t]*"
    rf"|(?:{LABEL_WORDS})[ \t]+[-\u2013\u2014][ \t]+"  # `Ans - B` (`A - ...` is an option)
    r"|\?\??[ \t]*$",
    re.I,
)
"""A line that opens an answer: `Answer:`, `A:`, `**A:**`, `***A***:`, `Solution:` (and
`Respuesta:`, `Resposta correta:`, `Ответ:`, `Doğru cevap:`, `Antwort:`, `Réponse:`,
`Risposta:`, `Antwoord:`, `答案:`, `答え:`, `답:`; with full-width colons too; and `Ans - B`)."""
INLINE_ANSWER = re.compile(r"[ \t](?:\*\*|__)?(?:a|ans|answer)[ \t]*:(?:\*\*|__)?[ \t]+", re.I)
SENTENCE_ENDS = (".", "?", "!", ":", "\u3002", "\uff1f", "\uff01", "\uff1a")
"""How a sentence ends, in the scripts question lists are written in."""
RULE = re.compile(
    r"\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|<hr[ \t]*/?>\s*|[\u2e3a\u2e3b]+\s*)", re.I
)
"""A thematic break (`---`, `***`, `___`, HTML's `<hr>`, or a long dash `⸻` on its own line)
at an answer's edge: a separator, not text."""
MOST_OPTIONS = 8
"""The most options a question offers (a longer list is no list of options)."""
WIDE = "\u3040-\u9fff\uac00-\ud7af"
"""The letters of Chinese, Japanese and Korean, as a range of a character class."""
WIDE_LETTER = re.compile(f"[{WIDE}]")


def is_rule(block: Block, lines: Sequence[str]) -> bool:
    """Whether a block is a thematic break (`---`), which only separates what it stands
    between (a table or a quote, also blocks of no kind of their own, holds text)."""
    return (
        block.kind is Kind.OTHER
        and block.first == block.last
        and RULE.fullmatch(lines[block.first]) is not None
    )


HEADING_MARKS = re.compile(r"#{1,6}[ \t]+")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
SHORTCODES = re.compile(r"(?:[ \t]*(?:\[:[a-z0-9_+-]+:\]\([^()\s]*\)|:[a-z0-9_+-]+:))+$")
"""Emoji written as shortcodes after a heading's words (`:fire:`, a linked one too): marks
of its level or mood, never part of what it says."""
HEADING_ID = re.compile(r"[ \t]+\{:?[ \t]*#[\w:.-]+(?:[ \t][^{}]*)?\}$")
"""A heading's id as Pandoc, Hugo and kramdown write it after its text (`{#why}`)."""
EMPTY_ANCHOR = re.compile(r"<a\s[^>]*>\s*</a>\s*", re.I)
HTML_HEADING = re.compile(
    r"\s*<h(?P<level>[1-6])\b[^>]*>(?P<text>.*?)(?:</h(?P=level)\s*>|$)", re.I | re.S
)
SUMMARY_LABELS = re.compile(
    r"\W*(?:show|hide|click|toggle|expand|view|see|reveal|explanation|hints?|soluci[oó]n|"
    rf"решение|ver|mostrar|mostra|voir|afficher|zeige|показать|해설|풀이|{ANSWER_WORDS})\b.*"
    r"|[^?\uff1f]{0,12}(?:答案|解答|回答|答え|정답|답변)\W*",
    re.I | re.S,
)
"""What a `<summary>` says when it folds an answer away rather than asking (`Show answer`,
`Ver respuesta`, `📖 Antwort anzeigen`, `第 1 题的答案`, `답변 예시`)."""
BADGE_SPAN = re.compile(r"<span\b", re.I)
"""Where a badge (`<span class="level">Beginner</span>`) follows a summary's question."""
CODE_TAG = re.compile(r"<code>(.*?)</code>", re.I | re.S)
ITEM_MARKER = re.compile(
    r"[ ]{0,3}(?:(?P<number>[0-9]{1,9})[.)]|[-*+])(?:[ ]{1,4}(?=[^ \t])|\t[ \t]*|[ \t]*$)"
)
"""A list item's marker and the spaces (or tab) after it: the width its content is
indented."""
TASK = re.compile(r"\[[ xX]\][ \t]")
BOLD_LINE = re.compile(r"(?P<mark>\*\*\*|\*\*|__)(?P<inner>.+?)(?P=mark)(?P<rest>.*)", re.S)
FLASHCARD = re.compile(
    r"(?P<question>.*?\S)[ \t]*(?:(?<!:):::?(?!:)|(?<!;);;;?(?!;))[ \t]*(?P<answer>\S.*)"
)
"""`Question::Answer` on one line, as Obsidian's spaced-repetition plugin writes cards
(`Term:::Definition` for a reversed one), or `term :: definition`; or `Question;;Answer`
(and `;;;`), the separators its users choose where Dataview reads `key:: value`."""
SEPARATORS = ("::", ";;")
"""What may separate a one-line card's question from its answer (a quick test)."""


def section_title(text: str) -> str:
    """A section's title, without emphasis around the whole of it (`**Part 1: Cells**`)."""
    found = EMPHASIS.fullmatch(text)
    return found["text"] if found and found["mark"] not in found["text"] else text


EMPHASIS = re.compile(r"(?P<mark>\*\*|__|\*|_)(?P<text>.+)(?P=mark)", re.S)
"""A text in emphasis as a whole."""


def bold_words(text: str) -> str | None:
    """The words of a text that is bold as a whole (`**Why?**`, `***True***`), or None."""
    bold = BOLD_LINE.fullmatch(text)
    return bold["inner"] if bold is not None and not bold["rest"].strip() else None


CARD_BULLET = re.compile(r"(?P<indent>[ \t]*)[-*+][ \t]+")
CARD_TAG = re.compile(
    r"(?<=\s)(?:#(?:flash)?card(?:/[\w-]+)?|\[\[card\]\])(?=\s|$)|#(?:flash)?card(?:/[\w-]+)?(?=\s*$)"
)
"""Logseq's tag on a flashcard's bullet (`#flashcard`, as the plugins that sync Logseq with
Anki write it; `#card/idea`, a kind of card named under it; glued to the text at its end)."""
PROPERTY = re.compile(r"\s*(?:card-[a-z-]+|collapsed|id)::\s.*")
"""A property Logseq keeps on a card's block (`card-next-schedule:: ...`): not for the card."""
IDENTIFIER_PATH = re.compile(r"\w::\w")
ANCHOR_LINK = re.compile(r"\[[^\[\]]*\]\(#[^()]*\)")
BADGE = re.compile(r"\[?!\[[^\[\]]*\]\([^()]*\)(?:\]\([^()]*\))?")
TOP_LINK = (  # no bracket inside brackets, no tag inside a tag: found in linear time
    r"(?:\[[^\[\]]*\b(?:top|index|contents|home)\b[^\[\]]*\]\([^()]*\)|"
    r"<a\s[^<>]*href=\"#[^\"<>]*\"[^<>]*>[^<]*\btop\b[^<]*</a>)"
)
BACK_TO_TOP = re.compile(rf"[*_#\s]*{TOP_LINK}[*_\s]*", re.I)
"""A line that is only a link back to the top (or the index, or home)."""
TOP_LINKS = re.compile(TOP_LINK, re.I)
IN_PAGE_LINK = re.compile(
    r"\[[^\[\]]*\]\(#[^()\s]*\)|<a\s[^<>]*href=\"#[^\"<>]*\"[^<>]*>[^<]*</a>", re.I
)
"""A link to a place in the page itself, which a card cannot go to."""
NAVIGATION_MARKS = " \t*_()[]|-\u2013\u2014\u2190-\u21ff\u2b05-\u2b07\U0001f51d"


def navigation(line: str) -> bool:
    """Whether a line only links to places in the page (`**[⬆ Volver al índice](#índice)**`,
    `<b><a href="#contents">↥ back to top</a></b>`): a way around the file, not text."""
    if IN_PAGE_LINK.search(line) is None:
        return False
    return not TAG.sub("", IN_PAGE_LINK.sub("", line)).strip(NAVIGATION_MARKS)


LIST_MARKS = re.compile(r"[\s|\-*+:0-9.)]*")
"""What is left of a table of contents without its links: bullets, numbers and cells."""
TABLE_RULE = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")


class Shape(enum.Enum):
    """The shape of a block that may be a question."""

    NUMBERED_HEADING = "numbered heading", "numbered headings"
    MARKED_HEADING = "`Q:` heading", "`Q:` headings"
    ASKING_HEADING = "heading that asks", "headings that ask"
    ANSWERED_HEADING = "heading over an answer", "headings over an answer"
    TOPIC_HEADING = "heading over a question", "headings over a question"
    """A heading that names a topic, over a paragraph that asks (`#### Globals` / `Why are
    globals evil?`)."""
    STATEMENT_HEADING = "heading over text", "headings over text"
    """A heading that neither asks nor is numbered: an entry of a FAQ whose others ask."""
    FAQ_ENTRY = "entry of a FAQ", "entries of a FAQ"
    """A heading over text in a page that calls itself a FAQ (`# Troubleshooting`), where
    no deeper heading follows it: an entry that names a problem (`### Device not found`)."""
    PROBLEM_HEADING = "problem heading", "problem headings"
    TEMPLATE_HEADING = "template heading", "template headings"
    NUMBERED_ITEM = "numbered item", "numbered items"
    BULLET_ITEM = "bullet over nested lines", "bullets over nested lines"
    BOLD_ITEM = "bold bullet", "bold bullets"
    NUMBERED_LINE = "bold numbered line", "bold numbered lines"
    MARKED_LINE = "`Q:` line", "`Q:` lines"
    BOLD_QUESTION = "bold line that asks", "bold lines that ask"
    SUMMARY = "`<summary>`", "`<summary>`s"
    FLASHCARD = "flashcard", "flashcards"
    CARD_BULLET = "`#card` bullet", "`#card` bullets"
    """A bullet tagged `#card`, as Logseq marks a flashcard, at any depth of its list."""
    CARD_BLOCK = "`START` block", "`START` blocks"
    """A card between `START` and `END` lines (or `%%ANKI` and `END%%`), as Obsidian_to_Anki
    writes one: its note type's name, its front, and its back after `Back:`."""
    ADMONITION = "question box", "question boxes"
    """A box of MkDocs' admonitions that asks (`??? question "Why?"`), its answer indented
    under it."""
    QUOTE = "quote that asks", "quotes that ask"
    """A quote of one paragraph that asks (`> Why is the sky blue?`), its answer under it."""
    TABLE_ROW = "table row", "table rows"
    """A row of a table whose header names its question's and its answer's column."""
    DEFINITION = "definition", "definitions"
    """A question (or a term), then its answer on a line that starts with `: `, as definition
    lists are written for Hugo, kramdown and PHP Markdown Extra."""
    PARAGRAPH = "paragraph that asks", "paragraphs that ask"
    """A short paragraph of its own that asks (`What is a kernel?`), its answer under it:
    questions written without a number, a mark or a heading."""

    @property
    def word(self) -> str:
        """What one is called."""
        return str(self.value[0])

    def words(self, count: int) -> str:
        """What `count` of them are called."""
        return str(self.value[0] if count == 1 else self.value[1])

    @property
    def is_heading(self) -> bool:
        return self in HEADINGS

    @property
    def carries_question(self) -> bool:
        """Whether the question's text is the block's own (not the paragraph under it)."""
        return self not in (Shape.PROBLEM_HEADING, Shape.TEMPLATE_HEADING)


HEADINGS = frozenset(
    {
        Shape.NUMBERED_HEADING,
        Shape.MARKED_HEADING,
        Shape.ASKING_HEADING,
        Shape.ANSWERED_HEADING,
        Shape.TOPIC_HEADING,
        Shape.STATEMENT_HEADING,
        Shape.FAQ_ENTRY,
        Shape.PROBLEM_HEADING,
        Shape.TEMPLATE_HEADING,
    }
)


class Candidate(NamedTuple):
    """A block in the shape of a question (a named tuple: one is made for most blocks of a
    file, and a tuple is made three times as fast as a frozen dataclass)."""

    shape: Shape
    level: int
    """A heading's level (1 to 6); 0 for every other shape."""
    line: int
    """The line it starts on, counted from 0."""
    last: int
    """The last line of its block (for a line in a paragraph: that line)."""
    block: int
    """The index of its block in the file's outline."""
    question: str
    """Its question, as Markdown (empty where the question is the paragraph under it)."""
    number: int | None = None
    answer: str = ""
    """Answer text written in the same block (`Q::A`, `**1. Q** A`, a bullet's nested lines)."""
    indent: int = 0
    """For a list item or a question box: the width its answer is indented by."""
    until: int | None = None
    """The last line of its answer where its shape says where that ends (what is nested
    under a bullet deep in its list, a `START` block, a question box, a table's row); None
    where the question runs on to the next one."""


@dataclass(frozen=True)
class Heading:
    """A heading, in Markdown or in HTML, with its text as Markdown."""

    level: int
    text: str
    first: int
    last: int


def heading_of(block: Block, lines: Sequence[str]) -> Heading | None:
    """The heading a block is, in Markdown (ATX or setext) or in HTML (`<h3>`, also over
    several lines or never closed)."""
    if block.kind is Kind.HEADING:
        line = lines[block.first]
        if line.lstrip().startswith("#"):
            text = line.strip().lstrip("#").strip()
            if text[:1] == "#":  # `## ## Why?`: the marks typed twice
                text = HEADING_MARKS.sub("", text, count=1)
            closing = text.rstrip("#")
            if closing != text and (not closing or closing[-1] in " \t"):
                text = closing.rstrip()  # `### Q1: Question ###`
        else:  # setext: its text, then its rule
            text = " ".join(part.strip() for part in lines[block.first : block.last])
        text = EMPTY_ANCHOR.sub("", text).strip()
        if text.endswith((":", ")")) and (marks := SHORTCODES.search(text)):
            text = text[: marks.start()].rstrip()  # `... nedir? :fire: :fire:`: a level
        elif text and unicodedata.category(text[-1]) == "So":  # `...문제는? ⭐⭐⭐`
            words = _without_trailing_symbols(text)
            text = words if words.endswith(("?", "\uff1f")) else text
        if text.endswith("}"):  # `## Why? {#why}`: an id for a site's link, never shown
            text = HEADING_ID.sub("", text)
        return Heading(block.level, text, block.first, block.last)
    if block.kind is Kind.HTML:
        found = HTML_HEADING.match("\n".join(lines[block.first : block.last + 1]))
        if found is not None:
            text = " ".join(plain_html(found["text"]).split())
            last = block.first + found.group(0).count("\n")
            return Heading(int(found["level"]), text, block.first, min(last, block.last))
    return None


def _without_trailing_symbols(text: str) -> str:
    """A text without the symbols it ends with (`⭐⭐⭐`, `🔥`), and the spaces before them."""
    end = len(text)
    while end and _decorates(text[end - 1]):
        end -= 1
    return text[:end]


def _without_leading_symbols(text: str) -> str:
    """A text without the symbols it starts with (`❓`, `📌`), and the spaces after them."""
    start = 0
    while start < len(text) and _decorates(text[start]):
        start += 1
    return text[start:]


def _decorates(character: str) -> bool:
    """Whether a character only dresses a heading's words: a symbol (`⭐`, `❓`), a bullet
    (`•`), the selector that shows it as an emoji, or a space between them."""
    return (
        unicodedata.category(character) == "So" or character in " \t\ufe0f\u2022\u2023\u25e6\u2043"
    )


WHOLE_CODE_SPAN = re.compile(r"`(?P<inner>[^`]+)`")
"""A text that is one code span as a whole: typed so to stand out, not as code."""


def plain_html(text: str) -> str:
    """The text of some raw HTML as Markdown: `<code>` as backticks, other tags dropped,
    entities read (`&#46;` is `.`) but for those Markdown needs (`&lt;`, `&amp;`)."""
    bare = TAG.sub("", CODE_TAG.sub(r"`\1`", text)).strip()
    return html.escape(html.unescape(bare), quote=False) if "&" in bare else bare


STATEMENT_LABEL = re.compile(
    r"[-\u2013\u2014:]?\s*(?:donnée|énoncé|enonce|enunciado|statement|prompt|aufgabe|"
    r"aufgabenstellung|consegna|task)\s*",
    re.I,
)
"""What a slide's heading says of the question under it (`## Question 3 - Donnée`), its
answer on the next slide (`## Question 3 - Réponse`)."""
LETTERED = re.compile(r"[a-z]\)[ \t]+(?=\S)")
"""A letter that numbers a part of an exercise (`a) Which ...?`): no part of its question."""
LISTED_NUMBER = re.compile(r"[-*+][ \t]+[0-9]{1,6}[.)]")
"""A list's mark typed before a heading's number (`## - 1. Question`)."""


def heading_shape(text: str) -> tuple[Shape, int | None, str] | None:
    """What a heading's text says of it: its shape, number and question, or None for a
    heading that is only a title (or opens an answer)."""
    if TEMPLATE.fullmatch(text):
        return Shape.TEMPLATE_HEADING, None, ""
    problem = PROBLEM.fullmatch(text)
    if problem:
        return Shape.PROBLEM_HEADING, int(problem["number"]), ""
    if ANSWER_HEADING.fullmatch(text):
        return None
    if (words := bold_words(text)) is not None:  # `### **Q1. Question**`
        text = words.strip()
    if text and _decorates(text[0]):  # `### ❓ Question 3: ...`, `### • Why ...?`: a mark
        text = _without_leading_symbols(text)
    if (code := WHOLE_CODE_SPAN.fullmatch(text)) is not None:  # `` ### `Question 3: ...?` ``
        text = code["inner"].strip()
    if text[:1] in "-*+" and LISTED_NUMBER.match(text):  # `## - 1. Question`: as `## 1.`
        text = text[2:].lstrip()
    numbered = NUMBERED.fullmatch(text)
    if numbered and (numbered["mark"] or numbered["q"] or len(numbered["number"]) < 4):
        question = HEADING_MARKS.sub("", numbered["text"].strip(), count=1)
        if numbered["q"] and STATEMENT_LABEL.fullmatch(question):  # `Question 3 - Statement`
            question = ""  # its text is under it
        return Shape.NUMBERED_HEADING, int(numbered["number"]), question
    marked = MARKED.fullmatch(text)
    if marked:
        return Shape.MARKED_HEADING, None, marked["text"].strip()
    if asks(text) or asks_then_says(text):
        lettered = LETTERED.match(text)
        return Shape.ASKING_HEADING, None, text[lettered.end() :] if lettered else text
    return None


def asks_then_says(text: str) -> bool:
    """Whether a text asks, then says a sentence more (`Which two services ...? Each
    right answer is a whole solution.`, `What could be connected? List them!`, `Which
    apply? (Two answers)`); a count of points after it (`(5)`) is not a sentence."""
    asked, mark, after = text.partition("? ")
    if not mark and (glued := REMARK_GLUED.search(text)):  # `...?(Two answers)`
        asked, mark, after = text[: glued.start()], "?", text[glued.start() + 1 :]
    said = after.strip()
    if not (mark and asked.strip() and said):
        return False
    remark = said[0] in "(\uff08" and said[-1] in ")\uff09" and any(map(str.isalpha, said))
    return said.endswith((".", "!")) or remark


REMARK_GLUED = re.compile(r"[?\uff1f](?=[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$)")
"""A question mark with a remark in brackets written right after it, at the end."""
CALLOUT = re.compile(r">[ \t]?\[!(?P<kind>[\w-]+)\][+-]?(?:[ \t]+(?P<title>\S.*))?")
"""The first line of an Obsidian callout: `> [!question]- Why?` (`-` folded, `+` open)."""
QUOTE_MARK = re.compile(r"[ \t]*>[ \t]?")
ASKING_CALLOUTS = frozenset({"question", "faq", "help"})
ANSWER_CALLOUTS = frozenset({"answer", "done", "success", "check", "solution"})
QUESTION_LABEL = re.compile(
    rf"(?:{QUESTION_WORDS}|задача|quiz|q)\.?[ \t]*(?:numero|número|nr\.?|no\.?|n[.º°]?|#)?"
    r"[ \t]*[0-9]{1,4}\b\W*",
    re.I,
)
"""A title that only numbers a question (`Question 3`, `Domanda Numero 1 🟢`)."""


def asking_callout(line: str) -> str | None:
    """The question of a line that opens a callout that asks: its title, or "" where the
    title only numbers it (its text asks); a callout of another kind whose title asks
    (`> [!note]+ What happens ...?`) asks too; None for any other line."""
    found = CALLOUT.fullmatch(line.rstrip()) if line[:1] == ">" else None
    if found is None or not found["title"]:
        return None
    if QUESTION_LABEL.fullmatch(found["title"]):
        return ""
    title = found["title"].strip()
    if found["kind"].lower() in ASKING_CALLOUTS or asks(title):
        return title
    return None


def answer_callout(line: str) -> bool:
    """Whether a line opens a callout that holds an answer (`> [!done]- Answer`)."""
    found = CALLOUT.fullmatch(line.lstrip().rstrip())
    return found is not None and (
        found["kind"].lower() in ANSWER_CALLOUTS
        or (found["title"] is not None and ANSWER_LABEL.match(found["title"]) is not None)
    )


PAUSE = re.compile(r"\.[ ]\.[ ]\.\s*")
"""A paragraph of three spaced dots: a pause in a slide show (Pandoc's), which on a slide of
a question holds its answer back."""


def labelled_quote(line: str) -> bool:
    """Whether a line opens a quote that holds an answer under its label (`> **Answer:**`;
    `> A:` may be an option)."""
    label = ANSWER_LABEL.match(QUOTE_MARK.sub("", line, count=1))
    return label is not None and len(label.group().strip(" \t*_:\uff1a")) > 1


def answer_marker(block: Block, lines: Sequence[str]) -> bool:
    """Whether a block opens an answer: a `<details>`, an `Answer:` line, an answer heading,
    a callout or a quote that answers."""
    first = lines[block.first].lstrip()
    if block.kind is Kind.OTHER:
        return first[:1] == ">" and (answer_callout(first) or labelled_quote(first))
    if block.kind is Kind.HTML:
        opens = first[:8].lower()  # `<summary>` too: its `<details>` line is left out
        return opens in ("<details", "<summary") or first[:5].lower() == "<p><b"
    if block.kind is Kind.PARAGRAPH:
        return ANSWER_LABEL.match(first) is not None or PAUSE.fullmatch(first) is not None
    heading = heading_of(block, lines)
    return heading is not None and ANSWER_HEADING.fullmatch(heading.text) is not None


def decoration(lines: Sequence[str]) -> bool:
    """Whether lines are only badges, banners, "back to top" links or a table of contents
    (links to the file's own headings, in a list or a table)."""
    if len(lines) > 2 and TABLE_RULE.fullmatch(lines[1]):
        lines = lines[2:]  # a table's rows, without its header
    text = " ".join(line.strip() for line in lines if line.strip())
    if not text:
        return False
    if "[" not in text and "<" not in text:  # no link, badge or tag: only marks would do
        return not any(c.isdigit() for c in text) and LIST_MARKS.fullmatch(text) is not None
    bare = BADGE.sub("", TOP_LINKS.sub("", text))
    bare = ANCHOR_LINK.sub("", TAG.sub("", bare))
    return LIST_MARKS.fullmatch(bare) is not None


def bold_title(text: Sequence[str]) -> str:
    """The text of a paragraph that is one bold line and nothing else (`**Basics**`, also
    `**<h2>Basics</h2>**`), else empty."""
    if len(text) != 1:
        return ""
    line = text[0].strip().rstrip(":").rstrip()
    for marker in ("**", "__"):
        if len(line) > 4 and line.startswith(marker) and line.endswith(marker):
            inner = TAG.sub("", line[2:-2]).strip()
            return "" if marker in inner else inner.rstrip(":")
    return ""


def titles_a_section(line: str, level: int) -> bool:
    """Whether a bold title can head a section of questions at a heading `level`: any,
    over questions that are not headings (level 0); over headings, one that holds a
    heading as shallow (`**<h2>Networking</h2>**`), not a bold line inside an answer."""
    found = re.search(r"<h([1-6])\b", line, re.I)
    return not level or (found is not None and int(found[1]) <= level)


def summary_in(text: str) -> tuple[int, int, str] | None:
    """The first `<summary>` of a text: where it starts and ends, and what it holds. Found
    with `find`, in time that grows with the text (a pattern would search again from every
    `<summary` without an end)."""
    lowered = text.lower()
    opens = lowered.find("<summary")
    closes = lowered.find("</summary", opens) if opens >= 0 else -1
    inside = text.find(">", opens, closes) if closes >= 0 else -1
    end = text.find(">", closes) if closes >= 0 else -1
    if inside < 0 or end < 0:
        return None
    return opens, end + 1, text[inside + 1 : closes]
