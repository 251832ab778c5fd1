"""The blocks of a file -> candidates: each block in the shape of a question, typed.

A recogniser looks at one block (a heading, a list item, a paragraph, an HTML block) and
says whether it is in the shape of a question, and of which shape; it decides nothing about
the file. Which shape the file's questions take is the chooser's (`pattern.choose`). A new
shape of question is a new recogniser here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial

from ankigen.cloze import CODE_SPAN, holds_deletions
from ankigen.gfm import Block, Kind
from ankigen.reading.shapes import (
    ANSWER_HEADING,
    ASKS,
    BADGE_SPAN,
    BOLD_LINE,
    CALLOUT,
    CARD_BULLET,
    CARD_TAG,
    FLASHCARD,
    HEADING_MARKS,
    IDENTIFIER_PATH,
    INLINE_ANSWER,
    ITEM_MARKER,
    LONG_QUESTION,
    MARKED,
    MAX_DIGITS,
    MOST_OPTIONS,
    NUMBERED,
    PROPERTY,
    QUESTION_WORDS,
    QUOTE_MARK,
    SENTENCE_ENDS,
    SEPARATORS,
    SUMMARY_LABELS,
    TABLE_RULE,
    TAG,
    TASK,
    TEMPLATE_MARK,
    WIDE,
    Candidate,
    Shape,
    answer_marker,
    asking_callout,
    asks,
    asks_then_says,
    bold_words,
    decoration,
    heading_of,
    heading_shape,
    instructs,
    is_rule,
    paragraph_asks,
    plain_html,
    summary_in,
)

Finder = Callable[[Sequence[Block], int, Sequence[str]], Iterator[Candidate]]
"""A recogniser's test: given the file's blocks, one of them, and the lines, the candidates
that block is."""


@dataclass(frozen=True)
class Recogniser:
    """One shape of question: how to find it, and an example for the README."""

    shape: Shape
    example: str
    """A line in this shape."""
    then: str
    """What follows it, where that is what makes it a question."""
    find: Finder

    @property
    def kinds(self) -> frozenset[Kind]:
        """The kinds of block it looks at."""
        return LOOKS_AT[self.find]


def _holds_headings(blocks: Sequence[Block], index: int, level: int) -> bool:
    """Whether the next heading after a heading is a deeper one (it titles a section)."""
    after = range(index + 1, len(blocks))
    following = next((blocks[i] for i in after if blocks[i].kind is Kind.HEADING), None)
    return following is not None and following.level > level


def _headings(
    blocks: Sequence[Block], index: int, lines: Sequence[str], faq: bool = False
) -> Iterator[Candidate]:
    """A heading as a question (`faq`: in a page that calls itself a FAQ, where a heading
    over text that holds no deeper heading is one of its entries)."""
    block = blocks[index]
    heading = heading_of(block, lines)
    if heading is None or not heading.text:
        return
    found = heading_shape(heading.text)
    part = TEMPLATE_MARK.fullmatch(heading.text) or ANSWER_HEADING.fullmatch(heading.text)
    if found is None and part:
        return  # `#### --text--`, `#### Solution`: a part of a question, never one
    if found is None:
        after = range(index + 1, len(blocks))
        following = next((blocks[i] for i in after if not is_rule(blocks[i], lines)), None)
        if following is None or following.kind is Kind.HEADING or decoration([heading.text]):
            if instructs(heading.text):  # `### Describe a time ...` over nothing: unanswered
                yield Candidate(Shape.ASKING_HEADING, heading.level, heading.first,
                                heading.last, index, heading.text)  # fmt: skip
            return
        if answer_marker(following, lines):
            found = (Shape.ANSWERED_HEADING, None, heading.text)
        elif following.kind is Kind.PARAGRAPH and _asks(
            lines[following.first : following.last + 1], faq
        ):
            found = (Shape.TOPIC_HEADING, None, heading.text)
        elif instructs(heading.text):  # `## Explain ...`: asks, though it has no `?`
            found = (Shape.ASKING_HEADING, None, heading.text)
        elif (
            faq
            and not _holds_headings(blocks, index, heading.level)
            and not decoration(lines[following.first : following.first + 1])
        ):  # not a part of the page's table of contents
            found = (Shape.FAQ_ENTRY, None, heading.text)
        else:
            found = (Shape.STATEMENT_HEADING, None, heading.text)
    if found is not None:
        shape, number, question = found
        yield Candidate(shape, heading.level, heading.first, heading.last, index, question, number)


def _asks(paragraph: Sequence[str], faq: bool = False) -> bool:
    """Whether a short paragraph of prose asks: one of its sentences ends with a question
    mark (a paragraph in the shape of a question of its own is that question); in a FAQ,
    where a heading over a paragraph is an entry over its answer, it must end as one."""
    if _line_shape(paragraph[0].strip()) is not None:
        return False
    text = " ".join(line.strip() for line in paragraph)
    if faq:
        return len(text) <= LONG_QUESTION and asks(text)
    return len(text) <= 2 * LONG_QUESTION and any(mark in text for mark in ASKS)


def _items(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A numbered item; or, read once a list of bullets, its bullets that ask or hold an
    answer nested under them, and every bullet of a list most of whose bullets ask (a list
    of questions, some of which are written as tasks)."""
    block = blocks[index]
    if block.ordered:
        above = lines[block.first - 1] if block.first else ""
        if above.strip() and _options_under_a_label(block, lines):
            return  # `**Options:**` over `1. ...`: a question's choices
        found = _item(block, index, lines)
        if found is not None:
            yield found
        return
    if index and blocks[index - 1].kind is Kind.ITEM and not blocks[index - 1].ordered:
        return  # read with the first bullet of its list
    end = index
    while end < len(blocks) and blocks[end].kind is Kind.ITEM and not blocks[end].ordered:
        end += 1
    bullets = [c for i in range(index, end) if (c := _item(blocks[i], i, lines)) is not None]
    asking = sum(c.question.endswith(ASKS) for c in bullets)
    for candidate in bullets:
        below = lines[candidate.line + 1 : blocks[candidate.block].last + 1]
        nested = any(line.strip() for line in below)  # not the blank line of a loose list
        if (
            nested
            or candidate.shape in (Shape.BOLD_ITEM, Shape.FLASHCARD)
            or 2 * asking >= len(bullets)
            or (candidate.question.endswith(ASKS))
        ):
            yield candidate


OPTIONS_LABEL = re.compile(
    r"\W*(?:(?:the\s+)?(?:options|choices|alternatives)|alternativas|opciones|opções|optionen|"
    r"antwortm[öo]glichkeiten|choix|scelte|opzioni|варианты(?:\s+ответа)?|选项|選択肢|선택지|보기)"
    r"\W*",
    re.I,
)
"""A line that only labels the options under it (`**Options:**`, `선택지:`)."""


def _options_under_a_label(block: Block, lines: Sequence[str]) -> bool:
    """Whether a numbered item is one of a few options right under their label
    (`**Options:**`, then `1. ...`, `2. ...`, a line each)."""
    for number in range(block.first - 1, max(block.first - MOST_OPTIONS, 0) - 1, -1):
        line = lines[number]
        if not NUMBERED_LINE.match(line):
            return OPTIONS_LABEL.fullmatch(line) is not None
    return False


NUMBERED_LINE = re.compile(r"[ ]{0,3}[0-9]{1,2}[.)][ \t]")


def _item(block: Block, index: int, lines: Sequence[str]) -> Candidate | None:
    """An item of a list as a question: numbered, bold, or a bullet."""
    line = lines[block.first]
    marker = ITEM_MARKER.match(line)
    if marker is None:
        return None
    linked = "[" in line or "<" in line  # an item of a table of contents starts with its link
    if linked and decoration(lines[block.first : block.last + 1]):
        return None
    text = line[marker.end() :].strip()
    if not text or TASK.match(text):
        return None
    if ("::" in text or ";;" in text) and not "".join(
        lines[block.first + 1 : block.last + 1]
    ).strip():
        card = _line_shape(text)
        if card is not None and card[0] is Shape.FLASHCARD:  # `1. **URG**;; urgent data`
            return Candidate(
                Shape.FLASHCARD, 0, block.first, block.first, index, card[1], None, card[2]
            )
    said = ITEM_ANSWER.search(text) if ":" in text or "\uff1a" in text else None
    text, answer = (text[: said.start()].strip(), text[said.end() :]) if said else (text, "")
    if marker["number"] is not None:
        if len(marker["number"]) > MAX_DIGITS:
            return None  # numbered beyond any list of questions
        text = HEADING_MARKS.sub("", text, count=1)
        number = int(marker["number"])
        last = block.first
        if not answer and not text.endswith(SENTENCE_ENDS):
            last, text = _wrapped(lines, block, text)
        return Candidate(
            Shape.NUMBERED_ITEM, 0, block.first, last, index, text, number, answer,
            indent=marker.end(),
        )  # fmt: skip
    bold = bold_words(text)
    tagged = re.fullmatch(r"<b>(.+?)</b>(.*)", text, re.I)
    if bold is not None or (tagged and not tagged[2].strip()):
        inner = bold if bold is not None else plain_html(tagged[1]) if tagged else text
        shape = Shape.BOLD_ITEM
        return Candidate(
            shape, 0, block.first, block.first, index, inner.strip(), indent=marker.end()
        )
    then = BOLD_LINE.match(text) if text[:1] in "*_" and "](" in text else None
    if then is not None and WHOLE_LINK.fullmatch(then["rest"].strip()):
        inner = then["inner"].strip()  # `**What is X?** [Answer](x.md)`: the link after it
        return Candidate(
            Shape.BOLD_ITEM, 0, block.first, block.first, index, inner,
            answer=then["rest"].strip(), indent=marker.end(),
        )  # fmt: skip
    label: int | None = None
    if _labelled(text):
        labelled = NUMBERED.fullmatch(text)  # `- Pergunta 3: ...`: the label numbers it
        if labelled and labelled["q"] and labelled["mark"] and labelled["text"].strip():
            text, label = labelled["text"].strip(), int(labelled["number"])
    return Candidate(
        Shape.BULLET_ITEM, 0, block.first, block.first, index, text, label, answer,
        indent=marker.end(),
    )  # fmt: skip


def _wrapped(lines: Sequence[str], block: Block, text: str) -> tuple[int, str]:
    """An item's question written over several lines of its paragraph, as it was wrapped
    (`1. How does the system answer` / `   our query?`): its last line and its words; the
    first line and its words where no line of the paragraph ends as a question does."""
    taken = [text]
    for number in range(block.first + 1, min(block.last, block.first + MOST_WRAPPED) + 1):
        line = lines[number].strip()
        if not line or line.startswith(NOT_WRAPPED) or ENUMERATION.match(line):
            break
        taken.append(line)
        if line.endswith(ASKS):
            return number, " ".join(taken)
        if line.endswith(SENTENCE_ENDS):
            break
    return block.first, text


MOST_WRAPPED = 6
"""A question wraps over at most this many more lines."""
NOT_WRAPPED = ("-", "*", "+", ">", "```", "~~~", "|", "<", "!", "$$")
"""How a line starts that begins a block of its own, not a question's next line."""
ENUMERATION = re.compile(r"(?:[0-9]{1,3}|[A-Za-z]|[ivx]{1,4})[.)][ \t]")
"""A line that starts a part of a list (`a. ...`, `ii. ...`): a part, not a wrapped line."""


ITEM_ANSWER = re.compile(
    r"(?<=[.?!)\uff1f])[ \t]+(?:\*\*|__)?(?:Answer|Ans|ANSWER|Correct answer|Respuesta|Resposta|"
    r"Antwort|Réponse|Risposta|Ответ|答案)[ \t]*[:\uff1a](?:\*\*|__)?[ \t]*(?=\S)"
)
"""An answer written after an item's question or statement, on its line (`- CSS is case
sensitive. Answer: False`)."""


def _lines(
    blocks: Sequence[Block], index: int, lines: Sequence[str], scheduled: bool = False
) -> Iterator[Candidate]:
    """Question lines in a paragraph: `Q: Q`, `**1. Q**`, `**What is X?**`, `Q::A`, a
    flashcard written over lines around a `?` line (`??` for a reversed one), and a
    paragraph that holds a cloze deletion and no other card (a card of its own, as the
    spaced-repetition plugin reads one in a note of flashcards)."""
    block = blocks[index]
    if block.kind is Kind.HTML:  # raw HTML: only its lines bold as a whole, as `<b>` shows
        number = block.first
        while number <= block.last:
            last = _bold_until(lines, number, block.last)  # `<li><b>` / `R1. Why?` / `</b></li>`
            whole = ITEM_TAGS.sub("", " ".join(map(str.strip, lines[number : last + 1]))).strip()
            found = _line_shape(whole) if TAGGED_BOLD.fullmatch(whole) else None
            if found is not None:
                shape, question, answer, numbered = found
                yield Candidate(shape, 0, number, last, index, question, numbered, answer)
            number = last + 1
        return
    if block.kind is not Kind.PARAGRAPH:
        return
    cards = False
    listed = (
        block.last > block.first
        and all(  # lines of `Q::A` one under another: cards,
            any(mark in line for mark in SEPARATORS) and FLASHCARD.fullmatch(line.strip())
            for line in lines[block.first : block.last + 1]
        )
    )  # even those that would read as code alone (`Berlin Wall fell::1989`)
    for number in range(block.first, block.last + 1):
        line = lines[number].strip()
        found = _line_shape(line, scheduled or listed)
        if found is not None:
            shape, question, answer, numbered = found
            cards = True
            ends = number if shape is Shape.FLASHCARD else None  # `Q::A`: its line alone
            yield Candidate(shape, 0, number, number, index, question, numbered, answer, 0, ends)
        elif number > block.first and (
            line in ("?", "??")
            or (scheduled and line[:1] == "?" and line[1:2] not in "?-")
            or (scheduled and line in DASH_SEPARATORS)
        ):  # `Question` / `?` / answer (`?answer`, its `?` typed on its first line)
            question = " ".join(text.strip() for text in lines[block.first : number])
            glued = line[1:].strip() if line not in ("?", "??") else ""
            answer = "\n".join([glued] * bool(glued) + list(lines[number + 1 : block.last + 1]))
            cards = True
            yield Candidate(Shape.FLASHCARD, 0, block.first, number, index, question, None, answer)
    if not cards:
        text = " ".join(line.strip() for line in lines[block.first : block.last + 1])
        bold = bold_words(text) if block.last > block.first else None
        if holds_deletions(text):
            yield Candidate(Shape.FLASHCARD, 0, block.first, block.last, index, text)
        elif bold is not None and _bold_asks(bold):  # over lines
            question = bold.strip()
            yield Candidate(Shape.BOLD_QUESTION, 0, block.first, block.last, index, question)


DASH_SEPARATORS = ("\u2014", "\u2013")
"""A dash on a line of its own, that some users of the spaced-repetition plugin set as the
separator of a card over lines in place of `?`."""
WHOLE_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\([^()\s]*\)")
"""A link that is all of a bold line (`**[Why?](#why)**`): its text is what the line says."""


def _bold_asks(inner: str) -> bool:
    """Whether bold text asks: it ends as a question, asks and says a sentence more
    (`**What could be connected? List them!**`), or is an instruction (`**Explain ...**`)."""
    return asks(inner) or asks_then_says(inner) or "\uff1f" in inner[:-1] or instructs(inner)


ASKED_SEPARATOR = re.compile(
    r"(?<=[?\uff1f])[ \t]*(?P<mark>(?<!:):::?|(?<!;);;;?)(?![:;])[ \t]*(?=\S)"
)
"""A card's separator right after its question mark, which code never holds."""


def _line_shape(line: str, scheduled: bool = False) -> tuple[Shape, str, str, int | None] | None:
    """The shape of a question a line of a paragraph is (`scheduled`: in a file whose cards
    the spaced-repetition plugin schedules, `a::b` is a card even where it reads as code)."""
    if any(mark in line for mark in SEPARATORS) and "{{" not in line:
        readable = CODE_SPAN.sub(lambda code: "x" * len(code[0]), line)  # `a::b` is code
        asked = ASKED_SEPARATOR.search(readable)
        if asked is not None:  # `What does std::move do?::...`: after the question mark
            question, answer = line[: asked.start("mark")], line[asked.end("mark") :].strip()
            return Shape.FLASHCARD, question, answer, None
        card = FLASHCARD.fullmatch(readable)
        looks_like_code = (
            IDENTIFIER_PATH.search(readable[: len(card["question"]) + 4]) if card else None
        )
        if card and (scheduled or not looks_like_code):
            question, answer = line[: card.end("question")], line[card.start("answer") :]
            return Shape.FLASHCARD, question, answer, None
    tagged = TAGGED_BOLD.fullmatch(line) if line[:1] == "<" else None
    if tagged is not None:  # `<b>[3] What ...?</b>`: as `**3. What ...?**`
        line = "**" + BRACKET_NUMBER.sub(r"\1. ", tagged["inner"].strip(), count=1) + "**"
    bold = BOLD_LINE.match(line)
    if bold is not None:
        inner, rest = bold["inner"].strip(), bold["rest"]
        if inner[:1] == "[" and (linked := WHOLE_LINK.fullmatch(inner)):  # `**[Why?](#why)**`
            inner = linked["text"]
        marked = MARKED.fullmatch(inner + rest) or (
            re.fullmatch(r"(?:q|question)[.:\uff1a]?", inner, re.I)
            and rest.lstrip()[:1] in ":\uff1a"
        )
        if marked:  # `**Q:** Question`, `***Q***: Question`
            text = MARKED.fullmatch(inner + rest)
            question = text["text"] if text else rest.lstrip()[1:]
            return Shape.MARKED_LINE, question.strip().strip("*_ ").strip(), "", None
        numbered = NUMBERED.fullmatch(inner)
        if numbered and numbered["mark"]:
            if numbered["text"].strip():  # `**1. Question** answer`
                return (
                    Shape.NUMBERED_LINE,
                    numbered["text"].strip(),
                    rest.strip(),
                    int(numbered["number"]),
                )
            return (
                Shape.NUMBERED_LINE,
                rest.strip().lstrip(".").strip(),
                "",
                int(numbered["number"]),
            )
        if not rest.strip() and _bold_asks(inner):
            return Shape.BOLD_QUESTION, inner, "", None
        return None
    keycap = KEYCAP_NUMBER.match(line) if line[:1].isdigit() or line[:1] == "\U0001f51f" else None
    if keycap is not None:  # `1️⃣ What ...?`: numbered as an emoji shows a number
        number = int(keycap["number"]) if keycap["number"] else 10
        question, answer = _inline_answer(keycap["text"])
        return Shape.NUMBERED_LINE, question, answer, number
    if _labelled(line):
        numbered = NUMBERED.fullmatch(line)
        if numbered and numbered["q"] and numbered["mark"] and numbered["text"].strip():
            question, answer = _inline_answer(numbered["text"])
            return Shape.MARKED_LINE, question, answer, int(numbered["number"])
        marked = MARKED.fullmatch(line) if line[:1] in "Qq" else None
        if marked and line[1:2] != ".":  # `Q. ...` asks only as a heading
            question, answer = _inline_answer(marked["text"])
            return Shape.MARKED_LINE, question, answer, None
    return None


TAGGED_BOLD = re.compile(
    r"<(?:b|strong)>(?P<inner>(?:(?!</?(?:b|strong)>).)+)</(?:b|strong)>(?:[ \t]*</?br[ \t]*/?>)*",
    re.I,
)
"""A line bold as a whole in HTML (`<b>What is X?</b>`, a line break after it too)."""


def _bold_until(lines: Sequence[str], first: int, end: int) -> int:
    """The last line of what a line of raw HTML opens in bold (`<b>` alone on it, or after
    `<li>`), closed on a line of its own a few lines on; the line itself otherwise."""
    if ITEM_TAGS.sub("", lines[first].strip()).lower() not in ("<b>", "<strong>"):
        return first
    for number in range(first + 1, min(end, first + MOST_WRAPPED) + 1):
        if "</b>" in lines[number].lower() or "</strong>" in lines[number].lower():
            return number
    return first


ITEM_TAGS = re.compile(r"^<li>|</li>$", re.I)
"""The tags of an HTML list item around what it holds."""
BRACKET_NUMBER = re.compile(r"^\[([0-9]{1,4})\][ \t]*")
"""A question's number in brackets (`[3] What ...?`)."""


LABELLED = re.compile(
    rf"(?:{QUESTION_WORDS}|punto|ejercicio|exercise|aufgabe|zadanie)[ \t]*#?[0-9]", re.I
)
"""A line labelled as a question in words other than `Q` (`Pregunta 3:`, `Punto 5:`)."""


def _labelled(text: str) -> bool:
    """Whether a text may start with a question's label (`Q1:`, `Question 2.`, `Punto 3:`):
    the cheap test before the dear one of its number."""
    return (text[:1] in "Qq" and text[1:2] in " \t.:\uff1a0123456789u") or bool(
        LABELLED.match(text)
    )


def _inline_answer(text: str) -> tuple[str, str]:
    """A question and the answer written after it on its line (`Q: ... A: ...`)."""
    found = INLINE_ANSWER.search(text) if ":" in text else None
    if found is None:
        return text.strip(), ""
    return text[: found.start()].strip(), text[found.end() :].strip()


def _summaries(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A `<details>` whose `<summary>` asks: the question, folding its answer away; each
    `<details>` of a block (where no blank line parts one from the one before, its
    `</details>` and the next `<details>` are one block of HTML)."""
    block = blocks[index]
    if block.kind is not Kind.HTML:
        return
    starts = [
        number
        for number in range(block.first, block.last + 1)
        if lines[number].lstrip()[:8].lower() == "<details"
    ]
    if not starts and _summary_apart(blocks, index, lines):
        starts = [blocks[index - 1].last]  # `<details>`, a blank line, then its `<summary>`
    ends = [number - 1 for number in starts[1:]] + [block.last] if starts else []
    for start, end in zip(starts, ends, strict=True):
        yield from _summary(Block(block.kind, start, end), index, lines)


def _summary_apart(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> bool:
    """Whether a block of HTML opens with a `<summary>` set apart from its `<details>` line
    by a blank line (two blocks of HTML, where GitHub shows one folded answer)."""
    block = blocks[index]
    if not index or lines[block.first].lstrip()[:8].lower() != "<summary":
        return False
    above = blocks[index - 1]
    return above.kind is Kind.HTML and lines[above.last].strip().lower() == "<details>"


def _summary(block: Block, index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """The question of one `<details>`, from its first line (`block`) to the next."""
    text = "\n".join(lines[block.first : block.last + 1])
    found = summary_in(text)
    if found is None:
        yield from _summary_running_on(block, index, text)
        return
    _, end, inside = found
    question = " ".join(plain_html(inside).split())
    numbered = NUMBERED.fullmatch(question)
    number = None
    labelled = numbered is not None and (numbered["mark"] or question.startswith("#"))
    if numbered and labelled and numbered["text"].strip():  # `3. Q`, `#3 Q`
        question, number = numbered["text"].strip(), int(numbered["number"])
    if question and not SUMMARY_LABELS.fullmatch(question):
        last = block.first + text.count("\n", 0, end)
        after = text[end:].removeprefix("<br>").removeprefix("<br/>")
        after = CLOSING_DETAILS.sub("", after)  # the block's own end, where it holds it
        yield Candidate(Shape.SUMMARY, 0, block.first, last, index, question, number, after.strip())


def _summary_running_on(block: Block, index: int, text: str) -> Iterator[Candidate]:
    """A `<summary>` that holds more than its question (code under it, options) and so runs
    on past its block: its question is its first words (without a badge in a `<span>`);
    what follows up to `</summary>` is the question's prompt."""
    lowered = text.lower()
    opens = lowered.find("<summary")
    inside = text.find(">", opens) if opens >= 0 else -1
    if inside < 0:
        return
    rest = text[inside + 1 :]
    first = next((line for line in rest.split("\n") if plain_html(line)), "")
    question = " ".join(plain_html(BADGE_SPAN.split(first, maxsplit=1)[0]).split())
    numbered = NUMBERED.fullmatch(question)
    number = None
    if numbered and numbered["mark"] and numbered["text"].strip():
        question, number = numbered["text"].strip(), int(numbered["number"])
    if question and not SUMMARY_LABELS.fullmatch(question) and first:
        last = block.first + text.count("\n", 0, inside + 1 + rest.find(first))
        yield Candidate(Shape.SUMMARY, 0, block.first, last, index, question, number)


def _cards(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """Bullets tagged `#card` or `#flashcard` (Logseq's flashcards), however deep in their
    list, a heading block's (`- # Philosophy #card`) by its words, a block of lines by the
    lines it holds down to its tag (its properties aside): each with what is nested under
    it as its answer."""
    block = blocks[index]
    for number in range(block.first, block.last + 1):
        line = lines[number]
        if "card" not in line or not CARD_TAG.search(line):  # `#card`, `#flashcard`
            continue
        start = _block_start(lines, block.first, number)
        if start is None:
            continue
        first, bullet = start
        written = [lines[first][bullet.end() :]] + [
            text.strip() for text in lines[first + 1 : number + 1] if not PROPERTY.fullmatch(text)
        ]
        text = " ".join(written).strip()
        question = CARD_TAG.sub(" ", f" {text} ").strip()
        if not question or question == text:
            continue
        question = HEADING_MARKS.sub("", question, count=1) if question[:1] == "#" else question
        depth = len(bullet["indent"].expandtabs(4))
        until = number
        for after in range(number + 1, block.last + 1):
            below = lines[after]
            if (
                below.strip()
                and len(below.expandtabs(4)) - len(below.expandtabs(4).lstrip()) <= depth
            ):
                break
            until = after
        yield Candidate(
            Shape.CARD_BULLET, 0, first, number, index, question, indent=-1, until=until
        )


def _block_start(lines: Sequence[str], top: int, number: int) -> tuple[int, re.Match[str]] | None:
    """The bullet that starts the outline's block a line is part of (the line's own, or
    the one its text lines up under), from line `top` on."""
    bullet = CARD_BULLET.match(lines[number])
    if bullet is not None:
        return number, bullet
    width = len(lines[number].expandtabs(4)) - len(lines[number].expandtabs(4).lstrip())
    for above in range(number - 1, top - 1, -1):
        bullet = CARD_BULLET.match(lines[above])
        if bullet is not None:
            return (above, bullet) if len(bullet[0].expandtabs(4)) == width else None
    return None


def _quotes(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A quote that asks (`> Why is the sky blue?`): one paragraph, every line of it quoted."""
    block = blocks[index]
    quoted = lines[block.first : block.last + 1]
    if lines[block.first][:1] == ">" and (marked := _marked_quote(quoted)) is not None:
        asked, answer = marked  # `> Q: ...`, then its options and `> A: B`, all quoted
        yield Candidate(Shape.QUOTE, 0, block.first, block.last, index, asked, None, answer)
        return
    if block.last - block.first > 3 or not all(line.startswith(">") for line in quoted):
        return
    text = " ".join(line[1:].strip() for line in quoted)
    if text and not text.startswith((">", "-", "*", "#", "[!")) and asks(text):
        yield Candidate(Shape.QUOTE, 0, block.first, block.last, index, text)


def _marked_quote(quoted: Sequence[str]) -> tuple[str, str] | None:
    """A quote that holds a question marked `Q:` and what goes with it (options, `A: B`):
    the question's words, and the rest of the quote unquoted; None for other quotes."""
    inside = [QUOTE_MARK.sub("", line, count=1) for line in quoted]
    found = MARKED.match(inside[0])
    if found is None or not found["text"].strip() or len(inside) < 3:
        return None
    end = next((i for i, line in enumerate(inside) if not line.strip()), len(inside))
    asked = " ".join([found["text"].strip(), *(line.strip() for line in inside[1:end])])
    rest = "\n".join(inside[end:]).strip("\n")
    return (asked, rest) if rest else None


def _paragraphs(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A short paragraph of its own that asks (`What is a kernel?`), or asks and goes on
    (`What is Git? Explain how it ...`, `Why? ... as follows:`): no line of it a question of
    another shape, no link, image or tag first; or whose first line asks, its answer on the
    lines under it (`What is React?` / `A library for interfaces.`)."""
    block = blocks[index]
    if block.kind is not Kind.PARAGRAPH or block.last - block.first > 2:
        return
    written = [line.strip() for line in lines[block.first : block.last + 1]]
    text = " ".join(line.removesuffix("\\") for line in written)  # `\`: a line break
    if not paragraph_asks(text) and (  # an option over the answer (`D. ...`) asks nothing
        ENUMERATION.match(text) or not _over_a_folded_answer(blocks, index, lines)
    ):
        first = written[0]
        if len(written) > 1 and (asks(first) or instructs(first)) and _line_shape(first) is None:
            yield Candidate(Shape.PARAGRAPH, 0, block.first, block.first, index, first)
        return  # most paragraphs: the tests below are dearer
    if written[0].startswith(("[", "!", "<", "|", "\\")) or any(
        _line_shape(line) is not None or line in ("?", "??") for line in written
    ):
        return
    if len(text) <= LONG_QUESTION and not holds_deletions(text):
        numbered = DASHED_NUMBER.match(text)  # `1.- ¿Qué ...?`, as Spanish lists number
        number = int(numbered["number"]) if numbered else None
        text = text[numbered.end() :] if numbered else text
        label = _number_label(written[0]) if len(written) > 1 else None
        if label is not None:  # `**Question 3**` over the lines that ask
            text, number = " ".join(written[1:]), label
        yield Candidate(Shape.PARAGRAPH, 0, block.first, block.last, index, text, number)


def _number_label(line: str) -> int | None:
    """The number of a line that only labels the question under it (`**Question 3**`,
    `Pytanie 3:`), or None."""
    labelled = NUMBERED.fullmatch(bold_words(line) or line)
    if labelled is None or not labelled["q"] or labelled["text"].strip(" *_:"):
        return None
    return int(labelled["number"])


def _definitions(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A question (or a term) over its answer on a line that starts with `: `, as a
    definition list is written: the paragraph's lines before it ask, the rest of the
    paragraph (and what is indented under it) answers."""
    block = blocks[index]
    for number in range(block.first + 1, block.last + 1):
        if lines[number][:2] == ": " and lines[number][2:].strip():
            question = " ".join(line.strip() for line in lines[block.first : number])
            answer = "\n".join([lines[number][2:].strip(), *lines[number + 1 : block.last + 1]])
            yield Candidate(Shape.DEFINITION, 0, block.first, number, index, question, None, answer)
            return


def _over_a_folded_answer(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> bool:
    """Whether a paragraph stands right over a `<details>` whose summary says it folds an
    answer away (`<summary>Antwort</summary>`): it asks, with a question mark or without."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None or following.kind is not Kind.HTML:
        return False
    opening = "\n".join(lines[following.first : min(following.first + 2, following.last + 1)])
    found = summary_in(opening) if opening.lstrip().lower().startswith("<details") else None
    return found is not None and SUMMARY_LABELS.fullmatch(TAG.sub("", found[2]).strip()) is not None


DASHED_NUMBER = re.compile(r"(?P<number>[0-9]{1,4})\.-[ \t]+(?=\S)")


def _enumerated(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A paragraph numbered with an ideographic comma (`3、补充缺失的代码`), or with a point
    and no space before Chinese, Japanese or Korean (`1.什么是...`) or before a word
    (`1)What is Git?`), which GitHub shows as text and a reader as an item of a list: its
    first line is the question."""
    block = blocks[index]
    numbered = ENUMERATED.match(lines[block.first])
    if numbered is not None:
        text = lines[block.first][numbered.end() :].strip()
        number = int(numbered["number"])
        yield Candidate(Shape.NUMBERED_ITEM, 0, block.first, block.first, index, text, number)


ENUMERATED = re.compile(
    rf"[ ]{{0,3}}(?P<number>[0-9]{{1,4}})"
    rf"(?:\u3001[ \t]*(?=\S)|\.(?=[{WIDE}])|[.)](?=[A-Z¿¡][a-zà-ÿ])|\.?-[ \t]+(?=\S))"
)
"""`3、...`, `1.什么...`, `1)What ...?` typed without its space, and `1- ...` (or `1.- ...`):
a paragraph, numbered."""


def _admonitions(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A question box as MkDocs writes one (`??? question "Why?"`, `!!! faq "How?"`): its
    title is the question, the lines indented under it (four spaces) its answer."""
    block = blocks[index]
    opened = ADMONITION.fullmatch(lines[block.first])
    if opened is None:
        return
    last = block.first
    for number in range(block.first + 1, len(lines)):
        line = lines[number]
        if line.strip() and not line.startswith(("    ", "\t")):
            break
        if line.strip():
            last = number
    if last > block.first:
        yield Candidate(
            Shape.ADMONITION, 0, block.first, block.first, index, opened["title"].strip(),
            indent=4, until=last,
        )  # fmt: skip


def _callouts(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A question box as Obsidian writes one (`> [!question]- Why?`, a callout, folded or
    not): its title is the question, the rest of its quote the answer; or a callout titled
    as a question's label (`> [!note] Question 3`), whose text is the question; or the
    one-line cards a callout holds (`> Why?;;Because.`), each its own."""
    block = blocks[index]
    if not lines[block.first].startswith(">"):
        return
    if CALLOUT.match(lines[block.first]):  # one-line cards kept in a callout, a line each
        for number in range(block.first + 1, block.last + 1):
            found = _line_shape(QUOTES.sub("", lines[number], count=1).strip())
            if found is not None and found[0] is Shape.FLASHCARD:
                _, question, answer, _ = found
                yield Candidate(
                    Shape.FLASHCARD, 0, number, number, index, question, None, answer, 0, number
                )
    starts = [
        (number, title)
        for number in range(block.first, block.last + 1)
        if (title := asking_callout(lines[number])) is not None
    ]
    ends = [number - 1 for number, _ in starts[1:]] + [block.last] if starts else []
    for (number, title), end in zip(starts, ends, strict=True):
        body = [QUOTE_MARK.sub("", line, count=1) for line in lines[number + 1 : end + 1]]
        yield Candidate(
            Shape.ADMONITION, 0, number, end, index, title,
            answer="\n".join(body).strip("\n"), until=end,
        )  # fmt: skip


KEYCAP_NUMBER = re.compile(
    r"(?:(?P<number>[0-9]{1,3})\ufe0f?\u20e3|\U0001f51f)[ \t]*(?P<text>\S.*)"
)
"""A line numbered with a keycap emoji (`1️⃣ ...`, `11️⃣ ...`, `🔟 ...`)."""
QUOTES = re.compile(r"[ \t]*(?:>[ \t]?)+")
"""The quote marks a line of a quote starts with (`> `, `>> ` nested)."""
ADMONITION = re.compile(
    r"(?:\?\?\?\+?|!!!)[ \t]+(?:question|faq|help)\b[^\"]*\"(?P<title>[^\"]+)\"[ \t]*", re.I
)
"""The first line of a question box: `??? question "Why?"` (folded), `???+` (open), `!!!`."""


def _card_blocks(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """A card between a `START` line (then its note type's name) and an `END` line: its
    front is the text after the note type's name, its back what follows (to `END`)."""
    block = blocks[index]
    opening = lines[block.first].strip()
    named = CARD_BLOCK_START.fullmatch(opening)  # `START_CARD`: a user's own marker
    closing = CARD_BLOCK_ENDS.get(opening) or (f"END{named[1]}" if named else None)
    if closing is None or block.last < block.first + 1:
        return
    end = next(
        (
            number
            for number in range(block.first + 2, len(lines))
            if lines[number].strip() == closing
        ),
        None,
    )
    if end is None:
        return
    front = block.first + 2 if block.last >= block.first + 2 else None
    if front is None:  # the front is the paragraph after the note type's line
        after = [b for b in blocks[index + 1 :] if b.first < end]
        if not after or after[0].kind is not Kind.PARAGRAPH:
            return
        front_block = after[0]
        question = " ".join(
            line.strip() for line in lines[front_block.first : front_block.last + 1]
        )
        yield Candidate(
            Shape.CARD_BLOCK, 0, block.first, front_block.last, index, question, until=end - 1
        )
        return
    if front >= end:  # `START`, a note type, `END`: no card
        return
    question = lines[front].strip()
    yield Candidate(Shape.CARD_BLOCK, 0, block.first, front, index, question, until=end - 1)


def _table_rows(blocks: Sequence[Block], index: int, lines: Sequence[str]) -> Iterator[Candidate]:
    """The rows of a table whose header names a question column and an answer column after
    it (`| # | Question | Answer |`, in a language of `HEADER_WORDS`): each
    row a question, its answer in its cell, numbered by its first cell where that counts."""
    block = blocks[index]
    if block.last < block.first + 2 or not TABLE_RULE.fullmatch(lines[block.first + 1]):
        return
    header = _cells(lines[block.first])
    asks = next((i for i, cell in enumerate(header) if _names(cell, ASKED)), None)
    if asks is None:
        return
    says = next((i for i in range(asks + 1, len(header)) if _names(header[i], ANSWERED)), None)
    if says is None:
        return
    for number in range(block.first + 2, block.last + 1):
        cells = _cells(lines[number])
        if len(cells) <= says or not cells[asks]:
            continue
        counted = cells[0] if asks else ""
        numbered = int(counted) if counted.isdigit() and len(counted) <= MAX_DIGITS else None
        yield Candidate(
            Shape.TABLE_ROW, 0, number, number, index, cells[asks], numbered, cells[says],
            until=number,
        )  # fmt: skip


def _cells(row: str) -> list[str]:
    """A table row's cells, as Markdown (`\\|` is a `|` in a cell)."""
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in CELL_BORDER.split(inner)]


def _names(cell: str, words: frozenset[str]) -> bool:
    """Whether a header cell names a column by one of `words` (a letter alone, `Q` or `A`,
    only where it is the whole cell)."""
    found = WORD.findall(cell.casefold())
    return any(word in words for word in found if len(word) > 1 or len(found) == 1)


CELL_BORDER = re.compile(r"(?<!\\)\|")
WORD = re.compile(r"[^\W\d_]+")
HEADER_WORDS = {  # language: the words of a question's column, then of an answer's
    "en": (
        "q question questions front term terms word words",
        "a answer answers back definition definitions meaning meanings",
    ),
    "de": (
        "frage fragen begriff begriffe wort",
        "antwort antworten definition bedeutung erklärung",
    ),
    "es": ("pregunta preguntas término palabra", "respuesta respuestas definición significado"),
    "pt": ("pergunta perguntas questão termo palavra", "resposta respostas definição significado"),
    "it": ("domanda domande termine parola", "risposta risposte definizione significato"),
    "fr": ("question questions terme mot", "réponse réponses définition sens"),
    "nl": ("vraag vragen woord begrip term", "antwoord antwoorden definitie betekenis"),
    "pl": ("pytanie pytania", "odpowiedź odpowiedzi"),
    "cs": ("otázka otázky", "odpověď odpovědi"),
    "hu": ("kérdés kérdések", "válasz válaszok"),
    "tr": ("soru sorular", "cevap cevaplar"),
    "ru": ("вопрос вопросы", "ответ ответы"),
    "uk": ("питання", "відповідь відповіді"),
    "sv": ("fråga frågor", "svar"),
    "no": ("spørsmål", "svar"),
    "da": ("spørgsmål", "svar"),
    "fi": ("kysymys kysymykset", "vastaus vastaukset"),
    "zh": ("问题 問題", "答案 回答"),
    "ja": ("質問 問題", "答え 回答"),
    "ko": ("질문 문제", "답 답변 정답"),
}
"""The words a table's header names its questions' and its answers' columns by (a glossary's
`| Term | Definition |` too: each term a card)."""
ASKED = frozenset(word for asked, _ in HEADER_WORDS.values() for word in asked.split())
ANSWERED = frozenset(word for _, said in HEADER_WORDS.values() for word in said.split())


CLOSING_DETAILS = re.compile(r"\s*</details\s*>\s*\Z", re.I)
CARD_BLOCK_ENDS = {"START": "END", "%%ANKI": "END%%"}
"""The lines that open a card block and the line that closes each: Obsidian_to_Anki's own,
and those of its users who keep their cards in Obsidian's comments (hidden as they read)."""
CARD_BLOCK_START = re.compile(r"START(_[A-Z]+)")
"""A card block's opening line as its user renamed it in Obsidian_to_Anki's settings
(`START_CARD`, closed by `END_CARD`)."""


LOOKS_AT: dict[Finder, frozenset[Kind]] = {
    _headings: frozenset({Kind.HEADING, Kind.HTML}),
    _items: frozenset({Kind.ITEM}),
    _cards: frozenset({Kind.ITEM}),
    _lines: frozenset({Kind.PARAGRAPH, Kind.HTML}),
    _summaries: frozenset({Kind.HTML}),
    _card_blocks: frozenset({Kind.PARAGRAPH}),
    _admonitions: frozenset({Kind.PARAGRAPH}),
    _table_rows: frozenset({Kind.OTHER}),
    _quotes: frozenset({Kind.OTHER}),
    _paragraphs: frozenset({Kind.PARAGRAPH}),
    _enumerated: frozenset({Kind.PARAGRAPH}),
    _definitions: frozenset({Kind.PARAGRAPH}),
    _callouts: frozenset({Kind.OTHER}),
}
RECOGNISERS = (
    Recogniser(Shape.NUMBERED_HEADING, "## 12. What is overfitting?", "", _headings),
    Recogniser(Shape.MARKED_HEADING, "### Q: What is overfitting?", "", _headings),
    Recogniser(Shape.ASKING_HEADING, "### Why does dropout help?", "", _headings),
    Recogniser(
        Shape.ANSWERED_HEADING, "### Start a pod named web", "over a `<details>`", _headings
    ),
    Recogniser(Shape.TOPIC_HEADING, "#### Globals", "over a paragraph that asks", _headings),
    Recogniser(
        Shape.STATEMENT_HEADING, "## The sync is slow", "among headings that ask", _headings
    ),
    Recogniser(
        Shape.FAQ_ENTRY,
        "### Device not found",
        "in a page titled `FAQ` or `Troubleshooting`",
        _headings,
    ),
    Recogniser(
        Shape.PROBLEM_HEADING, "#### Problem 3", "its text, then `#### Solution`", _headings
    ),
    Recogniser(Shape.TEMPLATE_HEADING, "### --question--", "then `#### --text--`", _headings),
    Recogniser(Shape.NUMBERED_ITEM, "1. What is overfitting?", "", _items),
    Recogniser(
        Shape.NUMBERED_ITEM,
        "3、What is a tuple?",
        "a paragraph, as Chinese lists number",
        _enumerated,
    ),
    Recogniser(Shape.BULLET_ITEM, "- What is a tensor?", "its answer nested under it", _items),
    Recogniser(Shape.BOLD_ITEM, "- **What did you learn this week?**", "", _items),
    Recogniser(Shape.NUMBERED_LINE, "**3) FizzBuzz.** Print the numbers", "", _lines),
    Recogniser(Shape.MARKED_LINE, "**Q:** What is a kernel?", "then `**A:**`", _lines),
    Recogniser(Shape.BOLD_QUESTION, "**What is a kernel?**", "", _lines),
    Recogniser(Shape.FLASHCARD, "What is a kernel?::A similarity", "or a line `?`", _lines),
    Recogniser(Shape.SUMMARY, "<summary>What is a kernel?</summary>", "in `<details>`", _summaries),
    Recogniser(
        Shape.CARD_BULLET, "- What is a kernel? #card", "its answer nested under it", _cards
    ),
    Recogniser(
        Shape.CARD_BLOCK,
        "START",
        "its note type, its front (`What is a kernel?`), `Back:` and its back, `END` (or "
        "`%%ANKI` ... `END%%`, or markers renamed as `START_CARD` ... `END_CARD`)",
        _card_blocks,
    ),
    Recogniser(
        Shape.ADMONITION,
        '??? question "Why does it crash?"',
        "its answer indented under it",
        _admonitions,
    ),
    Recogniser(
        Shape.ADMONITION,
        "> [!question]- Why does it crash?",
        "its answer in the rest of the quote",
        _callouts,
    ),
    Recogniser(Shape.QUOTE, "> Why is the sky blue?", "its answer under it", _quotes),
    Recogniser(
        Shape.DEFINITION,
        "What is a kernel?",
        "then a line `: A similarity`, as in a definition list",
        _definitions,
    ),
    Recogniser(
        Shape.TABLE_ROW,
        "| # | Question | Answer |",
        "a table's header (in the file's language; a glossary's `| Term | Definition |` too), "
        "then a card a row",
        _table_rows,
    ),
    Recogniser(
        Shape.PARAGRAPH,
        "What is a kernel?",
        "a paragraph of its own, its answer under it",
        _paragraphs,
    ),
)
"""Every shape of question ankigen reads, with an example (the README's table is made from
these)."""
FINDERS: dict[Kind, tuple[Finder, ...]] = {
    kind: tuple(dict.fromkeys(r.find for r in RECOGNISERS if kind in r.kinds)) for kind in Kind
}
"""The recognisers that look at each kind of block."""


@cache
def _finders(scheduled: bool, faq: bool) -> dict[Kind, tuple[Finder, ...]]:
    """The recognisers that look at each kind of block, in a file whose cards Obsidian's
    spaced-repetition plugin schedules (`scheduled`), and in one that calls itself a FAQ."""

    def made(find: Finder) -> Finder:
        if find is _lines and scheduled:
            return partial(_lines, scheduled=True)
        if find is _headings and faq:
            return partial(_headings, faq=True)
        return find

    return {kind: tuple(map(made, finders)) for kind, finders in FINDERS.items()}


SCHEDULE = "<!--SR:"
"""How the spaced-repetition plugin's comment under a card it schedules starts."""


def candidates(blocks: Sequence[Block], lines: Sequence[str], title: str = "") -> list[Candidate]:
    """Every block of a file in the shape of a question, in file order (`title`: the
    file's title, where its front matter gives one)."""
    found: list[Candidate] = []
    scheduled = any(SCHEDULE in line for line in lines)
    faq = FAQ_TITLE.search(title) is not None or _calls_itself_a_faq(blocks, lines)
    finders = _finders(scheduled, faq)
    for index, block in enumerate(blocks):
        for find in finders.get(block.kind, ()):
            found.extend(find(blocks, index, lines))
    return found


FAQ_TITLE = re.compile(
    r"\b(?:faqs?|frequently asked questions|troubleshooting|preguntas frecuentes|perguntas "
    r"frequentes|häufig gestellte fragen|foire aux questions|domande frequenti|veelgestelde "
    r"vragen|s\u0131k sorulan sorular|часто задаваемые вопросы)\b|常见问题|常見問題|よくある質問|"
    r"자주\s*묻는\s*질문",
    re.I,
)
"""A title that says its page is a FAQ (or a list of problems and their fixes)."""


def _calls_itself_a_faq(blocks: Sequence[Block], lines: Sequence[str]) -> bool:
    """Whether a file's first heading (its title) says it is a FAQ."""
    title = next((b for b in blocks if b.kind is Kind.HEADING), None)
    heading = heading_of(title, lines) if title is not None else None
    return heading is not None and FAQ_TITLE.search(heading.text) is not None
