"""A question cut from the file -> what it asks, what it shows under it (its prompt, on
the card's front: a quiz's code and options) and its answer: the body is cut at its first
answer marker (`<details>`, `Answer:`, an `Answer` or `Solution` heading, a task list with
the right option checked)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from ankigen.gfm import Block, Kind, outline
from ankigen.reading.shapes import (
    ANSWER_HEADING,
    ANSWER_LABEL,
    ANSWER_MARKS,
    ANSWER_WORDS,
    ASKS,
    BOLD_LINE,
    CARD_BULLET,
    EXPLAINS,
    HEADING_MARKS,
    ITEM_MARKER,
    LABEL_WORDS,
    LONG_QUESTION,
    MARKED,
    MOST_OPTIONS,
    PAUSE,
    QUESTION_LABEL,
    QUESTION_WORDS,
    QUOTE_MARK,
    SENTENCE_ENDS,
    SLIDE_LABEL,
    Candidate,
    Shape,
    answer_marker,
    asks,
    asks_then_says,
    bold_words,
    instructs,
    labelled_quote,
    paragraph_asks,
    summary_in,
)
from ankigen.reading.splitting import Question, kept

LABEL_LINE = re.compile(
    rf"(?:level\s*[0-9]+|(?:{QUESTION_WORDS}|enunciado|statement|题目|題目|문제)\s*[:\uff1a]?|"
    r"#{1,6}\s*-{2}\s*text\s*-{2})"
    r"\s*",
    re.I,
)
"""Lines over a question's text that only label it (`Level 1`, `Question:`, `Enunciado:`,
`### 题目`, `#### --text--`)."""


CHECKED = re.compile(r"^(\s*[-*+][ \t]+)\[[xX]\]", re.M)


CHECK = "[\u2713\u2714\u2705\u2611]"
RIGHT_MARKS = (
    rf"{CHECK}|:(?:heavy_check_mark|white_check_mark|ballot_box_with_check):"
    r"|&#(?:x2713|x2714|x2705|x2611|10003|10004|9989|9745);"
)
"""Check marks an author puts by the right options (✓, ✔, ✅, ☑; as GitHub's shortcodes
`:heavy_check_mark:` and as HTML's `&#x2714;` too)."""
CHECK_MARK = re.compile(CHECK)
WRONG_MARKS = (
    r"[\u2610\u2717\u2718\u274c]|:(?:x|white_large_square|heavy_multiplication_x):"
    r"|&#(?:x2610|x2717|x2718|x274c|9744|10007|10008|10060);"
)
"""What an author puts before the other options where a check mark leads the right ones
(☐, ✗, ❌, `:x:`, `&#x2610;`)."""
RIGHT_OPTION = re.compile(rf"^(\s*[-*+][ \t]+.*?)[ \t]*{CHECK}\ufe0f?[ \t]*$")
"""An option marked right, and the option without its mark."""
LEADING_MARK = re.compile(
    rf"(\s*[-*+][ \t]+)\[?(?:(?P<right>{RIGHT_MARKS})|{WRONG_MARKS})\ufe0f?\]?[ \t]*",
    re.I,
)
"""An option led by its mark (`- ✅ GET`, `- [:heavy_check_mark:] GET`, `- ☐ POST`)."""
TASK_ITEM = re.compile(r"\s*[-*+][ \t]+\[[ xX]\]")


MARKUP = " \t#*_-+>"
LEADING = MARKUP + ANSWER_MARKS + "\ufe0f "
"""What may stand before an answer's label: markup, and the marks put before it."""


MAY_OPEN_ANSWER = re.compile(
    r"<details|<summary|<p><b|\?|\[x\]|\[!|--answer|a\s?:|approach|"
    rf"{PAUSE.pattern}|{QUESTION_WORDS}|{LABEL_WORDS}",  # `## Question 3 - Answer`
    re.I,
)
"""How a line starts, after its markup, where it may open an answer (a quick test)."""


SHOWN = re.compile(
    r"\b(?:this|these|following|below)\b|以下|下面|这段|次の|этот|эти|следующ|"
    r"\beste\b|\bestes\b|siguiente|\bdiese[rs]?\b|folgende",
    re.I,
)
"""Words by which a question points at what is shown under it (`What does this print?`)."""
ANSWER_HEADING_SAYS = re.compile(
    rf"(?:{SLIDE_LABEL})?"
    rf"(?:{ANSWER_WORDS}|-{{2}}\s*answer\s*-{{2}})\s*[:\uff1a]?\s*",
    re.I,
)
"""The words of an answer heading before what it says (`Answer:` of `#### Answer: B`)."""


QUOTED = re.compile(r'["“「«](?P<words>[^"“”「」«»]+)["”」»]')
"""A question written in quotes as a whole (`"Tell me about yourself."`), as an interviewer
says it: its words are the question."""
QUESTION_PREFIX = re.compile(
    rf"(?:\*\*|__)?(?:{QUESTION_WORDS}|q)[ \t]*[:\uff1a](?:\*\*|__)?[ \t]*(?=\S)", re.I
)
"""The label before a question's words (`Q: What is ...?`, `**Question:** Why ...?`)."""
LEADING_IMAGE = re.compile(r"(?:!\[\[[^\[\]]+\]\]|!\[[^\[\]]*\]\([^()\s]+\))[ \t]*(?=\S)")
"""An image before a question's words (`![[diagram.png]] What does it show?`, Obsidian's
embed or Markdown's): shown under the question, as its prompt."""
CITATION = re.compile(
    r"[ \t]*\[?\[(?:src|sources?|ref|references?)\]\]?\([^()\s]+\)\]?[ \t]*$", re.I
)
"""A link to where a question comes from, at its end (`[[src](https://...)]`,
`[[src]](https://...)`): shown on the back, under the answer, not as part of the question."""
TAGS = re.compile(r"(?:(?:^|[ \t])#[^\W\d][\w/-]*)+[ \t]*\Z", re.M)
"""Tags a note-taking app reads at the end of a card (`#biology/cells #card`): no part of
what the card says."""
DEFINED = re.compile(r":[ \t]{1,4}(?=\S)")
"""The mark of a definition in a definition list written loose, a blank line under its
term (`:   Zero Install is ...`), as MkDocs and Pandoc read it."""
TEMPLATE_PART = re.compile(r"#{1,6}\s*-{2}\s*(?P<name>[a-z]+)\s*-{2}\s*", re.I)


@dataclass(frozen=True)
class Parts:
    """A question's text taken apart: its question, its prompt and its answer."""

    question: str
    prompt: str
    answer: str


def parts(question: Question) -> Parts:
    """What a question asks, shows under it and answers, from its block and body."""
    candidate, body = question.candidate, list(question.body)
    asked = candidate.question.strip().removesuffix("\\").rstrip()  # a hard break after it
    if candidate.shape is Shape.TEMPLATE_HEADING:
        return _template(body)
    if not asked or not candidate.shape.carries_question:
        asked, body = _question_from(body, fallback=asked)
    asking = ""
    if candidate.shape is Shape.TOPIC_HEADING or _numbers_a_topic(candidate, asked, body):
        asking, body = _question_from(body, fallback="")  # the paragraph under the topic asks
        if asking and _labels(asked):  # `## Pergunta:` only labels the question under it
            asked, asking = asking, ""
    elif (candidate.shape.is_heading or candidate.shape is Shape.NUMBERED_LINE) and not asks(asked):
        labelled = _labelled_question(body)
        if labelled is not None:  # `### Channels` over `**Question:** How do ...?`
            asked, body = labelled
    if (words := bold_words(asked)) is not None:  # `**What is X?**`: the words are
        asked = words.strip()
    if (quoted := QUOTED.fullmatch(asked)) is not None:  # `"Tell me about yourself."`
        asked = quoted["words"].strip()
    front = ""
    if candidate.shape is Shape.CARD_BULLET:  # the block's own lines, then its children
        front, body = _card_front(body)
    prompt, answer = _prompt_and_answer(body)
    if front:
        prompt = f"{front}\n\n{prompt}".strip("\n")
    if asked[:1] in "*_" and not prompt:  # `**Why?` / `?` / `Because.**`: bold as a whole
        asked, answer = _emphasised_across(asked, answer)
    keyed = RIGHT_LETTERS.search(asked) if prompt and not answer.strip() else None
    if keyed is not None:  # `Which streams ...? (A C)` over its options: the right letters
        asked, answer = asked[: keyed.start()].rstrip(), keyed["letters"]
    coded = (
        not prompt
        and answer.lstrip().startswith(("```", "~~~"))
        and asked.endswith(ASKS)
        and next(line for line in body if line.strip()).lstrip()[:3] in ("```", "~~~")
    )  # the code stands right under the question, no label over it
    if coded and SHOWN.search(asked):  # code under a question that points at it
        output = _code_then_output(answer, OUTPUT_ASKED.search(asked) is not None)
        if output is not None:
            prompt, answer = output  # the program asked about, then what it prints
        elif _only_code(answer):
            prompt, answer = answer, ""  # `What does this print?` over the code it asks about
    prompt = f"{asking}\n\n{prompt}".strip("\n")
    if not answer.strip() and not prompt and "? " in asked:  # `1. What is X? X is ...`
        before, mark, after = asked.partition("? ")
        if (
            not any(mark in after for mark in ASKS)
            and not re.match(r"[(\[]|hints?\b", after, re.I)
            and not EXPLAINS.match(after)  # `Why? Explain with an example.` asks it all
        ):
            asked, answer = before + mark.strip(), after
    if len(asked) > LONG_QUESTION:  # its first sentences ask; the rest is its prompt
        cut = max(asked.rfind(". ", 0, LONG_QUESTION), asked.rfind("? ", 0, LONG_QUESTION))
        if cut > 0:
            rest = asked[cut + 2 :].strip()
            asked, prompt = asked[: cut + 1], f"{rest}\n\n{prompt}".strip("\n")
    if prompt and QUESTION_LABEL.fullmatch(asked):  # `Question 3` over what it asks
        asked, shown = _question_from(prompt.split("\n"), fallback=asked)
        prompt = "\n".join(kept(shown))
    colon = asked.find(":", 0, 24) >= 0 or asked.find("\uff1a", 0, 24) >= 0  # a quick test
    if colon and (label := QUESTION_PREFIX.match(asked)) is not None:  # `Q: What is ...?`
        asked = asked[label.end() :]
    cited = CITATION.search(asked) if asked[-1:] in ")]" and answer.strip() else None
    if cited is not None and cited.start():  # `Why ...? [[src](https://...)]`
        asked, answer = asked[: cited.start()], f"{answer}\n\n{cited.group().strip()}".strip()
    if asked[:1] == "!" and (image := LEADING_IMAGE.match(asked)) is not None:
        asked, prompt = asked[image.end() :], f"{image.group().strip()}\n\n{prompt}".strip("\n")
    if asked.startswith("**") and asked.count("**") == 1 and answer.startswith("**"):
        # `**Term ::** what it means`: the bold closes after the separator
        asked, answer = f"{asked.rstrip()}**", answer[2:].lstrip()
    if answer[:1] in ":-*+":  # `:   It is ...`, `- A: ...`
        answer = _unlisted(_defined(answer))
    if "#" in asked or "#" in answer:  # `#bio/cells` at the end
        asked, answer = _untagged(asked), _untagged(answer)
    return Parts(asked, prompt, answer)


def _untagged(text: str) -> str:
    """A card's text without the tags a note-taking app reads at its end (`#psych/ch2`),
    unless that is all it says."""
    if (tags := TAGS.search(text)) is None:
        return text
    said = text[: tags.start()].rstrip()
    if said.endswith(("\n-", "\n*", "\n+")):  # a tag's own bullet (`- #reading`)
        said = said[:-1].rstrip()
    return said if said.strip(" -*+") else text


def _unlisted(answer: str) -> str:
    """An answer that is one bullet opening with its label (`- A: ...`, a note-taking
    app's child block under its question): the bullet's text, without its label."""
    item = ITEM_MARKER.match(answer)  # a bullet: the answer starts with its mark
    if item is None:
        return answer
    text = answer[item.end() :]
    label = ANSWER_LABEL.match(text)
    lines = text.split("\n")
    if label is None or not label.group().strip() or not lines[0][label.end() :].strip():
        return answer
    if any(line[:1] not in ("", " ", "\t") for line in lines[1:]):
        return answer  # a list of more than one item
    indent = " " * item.end()
    rest = [line.removeprefix(indent).removeprefix("\t") for line in lines[1:]]
    return "\n".join([lines[0][label.end() :], *rest])


def _defined(answer: str) -> str:
    """An answer written as a definition under its question (`:   It is ...`, what goes on
    indented four spaces under it): its text, without the mark and the indent."""
    if not DEFINED.match(answer):
        return answer
    lines = answer.split("\n")
    text = [DEFINED.sub("", lines[0], count=1)]
    for index, line in enumerate(lines[1:], 1):
        if line.strip() and not line.startswith("    "):
            return "\n".join([*text, *lines[index:]])  # the definition ends here
        text.append(line[4:])
    return "\n".join(text)


def _card_front(body: list[str]) -> tuple[str, list[str]]:
    """An outliner's card: the lines its own block holds under its first (code, a list of
    choices), on the front, and the blocks nested under it, its answer; where nothing is
    nested, all of it is the answer."""
    child, fenced = None, False
    for index, line in enumerate(body):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and CARD_BULLET.match(line):  # a block nested under it: its answer
            child = index
            break
    if not child or not "".join(body[:child]).strip():
        return "", body
    nested = textwrap.dedent("\n".join(body[child:]).expandtabs(4)).split("\n")
    return "\n".join(kept(body[:child])), nested


def _emphasised_across(asked: str, answer: str) -> tuple[str, str]:
    """A card emphasised as a whole, its marks opened before its question and closed after
    its answer (`**Why?` ... `Because.**`): each side without them."""
    end = answer.rstrip()
    for mark in ("***", "**", "__", "*", "_"):
        if asked.startswith(mark) and end.endswith(mark) and len(end) > len(mark):
            inside = asked[len(mark) :]
            if mark not in inside and mark not in end[: -len(mark)]:
                return inside.lstrip(), end[: -len(mark)].rstrip()
    return asked, answer


def bracketed_answers(taken: list[Parts]) -> list[Parts]:
    """The questions of a file whose answers are written in brackets after them, on their
    line (`1. ¿El teclado es hardware? (Sí)`), each answered so: where most questions
    without an answer end that way (one or two that do are remarks, `(Two answers)`)."""
    found = [
        BRACKETED.search(part.question)
        if part.question.endswith((")", "\uff09")) and not part.answer.strip() and not part.prompt
        else None
        for part in taken
    ]
    written = sum(found_one is not None for found_one in found)
    unanswered = sum(not part.answer.strip() and not part.prompt for part in taken)
    if written < 3 or written < 0.8 * unanswered:
        return taken
    return [
        part if said is None else Parts(part.question[: said.start()].rstrip(), "", said["said"])
        for part, said in zip(taken, found, strict=True)
    ]


BRACKETED = re.compile(
    r"(?<=[?.!\uff1f\u3002])[ \t]*[(\uff08](?P<said>[^()\uff08\uff09]+)[)\uff09]$"
)
"""An answer in brackets after its question, at the end of its line."""


def _numbers_a_topic(candidate: Candidate, asked: str, body: list[str]) -> bool:
    """Whether a numbered heading names a topic (`### Câu 1: Thư mục gốc`, `### 1.1
    Testes de Regressão`), over a paragraph that asks what the card asks: the paragraph goes
    on the front under the topic, as under a topic heading."""
    if candidate.shape is not Shape.NUMBERED_HEADING or asks(asked) or instructs(asked):
        return False
    start = next((line for line in body if line.strip()), "")
    if not start or INTERRUPTS.match(start) or start.lstrip().startswith(NOT_PROSE):
        return False
    paragraph, _ = _paragraph_from(body, "")
    return paragraph_asks(paragraph) or instructs(paragraph)


NOT_PROSE = ("```", "~~~", "|", "<", ">", "!", "[", "$", "*")
"""How a line starts that is no sentence: code, a table, a tag, a quote, an image, a link,
a formula, emphasis (a label, `**Answer:**`)."""


def _labelled_question(body: list[str]) -> tuple[str, list[str]] | None:
    """The question a body starts with where its author labelled it (`**Question:** How
    ...?`, `Вопрос: ...`) or wrote it in bold (`**Which ...?**`, `**... is used for:**`
    over its options), and what is left under it; None where it does not."""
    start = next((i for i, line in enumerate(body) if line.strip()), None)
    if start is None:
        return None
    line = body[start].strip()
    bold = BOLD_LINE.match(line)
    marked = MARKED.fullmatch(bold["inner"] + bold["rest"] if bold else line)
    if marked is None:
        words = bold_words(line)
        if words is None:
            return None
        stem = words.rstrip().endswith(":") and len(words.split()) > 3
        asking = asks(words) or asks_then_says(words)  # `**Which ...? (Two answers)**`
        return (words.strip(), body[start + 1 :]) if asking or stem else None
    end = next((i for i in range(start + 1, len(body)) if not body[i].strip()), len(body))
    text = " ".join(
        [marked["text"].strip(" *_"), *(line.strip() for line in body[start + 1 : end])]
    )
    return text.strip(), body[end:]


def _question_from(body: list[str], fallback: str) -> tuple[str, list[str]]:
    """The question written in the paragraph under a heading that only numbers it
    (`### Question 3`, `#### Problem 2`), and what is left under it. A paragraph that
    does not ask, over one that does (`**Category:** Logic`, then the question), is left
    for the card's front under the question that the second asks; so is code that comes
    before the paragraph that asks about it."""
    asked, rest = _paragraph_from(body, fallback)
    if not asked and (fence := _leading_fence(body)) is not None:
        following, after = _paragraph_from(body[fence + 1 :], "")
        if following:
            return following, [*body[: fence + 1], "", *after]
    if asks(asked) or rest is body:
        return asked, rest
    following, after = _paragraph_from(rest, "")
    if not asks(following):
        return asked, rest
    before = "\n".join(body[: len(body) - len(rest)]).strip("\n")
    below = "\n".join(after).lstrip("\n")
    return following, f"{before}\n\n{below}".split("\n")


INTERRUPTS = re.compile(r"[ ]{0,3}(?:[-*+]|1[.)])[ \t]+\S|[ ]{0,3}#{1,6}[ \t]")
"""A line that ends the paragraph over it (CommonMark: a bullet, a list numbered from 1, a
heading)."""


def _leading_fence(body: list[str]) -> int | None:
    """The last line of the fenced code a body starts with (past blank lines), if it does."""
    start = next((i for i, line in enumerate(body) if line.strip()), None)
    if start is None or not body[start].lstrip().startswith(("```", "~~~")):
        return None
    fence = body[start].lstrip()[:3]
    return next(
        (i for i in range(start + 1, len(body)) if body[i].lstrip().startswith(fence)), None
    )


def _paragraph_from(body: list[str], fallback: str) -> tuple[str, list[str]]:
    """The first paragraph of a body (past blank lines and labels), and the rest."""
    index = 0
    while index < len(body) and (not body[index].strip() or _labels(body[index])):
        index += 1
    taken: list[str] = []
    while index < len(body) and body[index].strip() and not _labels(body[index]):
        line = _bare(body[index])
        so_far = " ".join(taken)
        if taken and (
            (len(so_far) + len(line) > LONG_QUESTION and so_far.endswith(SENTENCE_ENDS))
            or line.startswith(("```", "~~~"))
        ):
            break  # a long paragraph is cut where a sentence ends, never inside one
        if ANSWER_LABEL.match(line) or line.startswith(("```", "~~~", "|", "<")):
            break
        if taken and INTERRUPTS.match(body[index]):
            break  # a list or a heading starts on the line after the question: not its text
        taken.append(line)
        index += 1
        if HEADING_MARKS.match(body[index - 1].lstrip()):
            break  # a heading is a block of its own: the line under it is not its text
    if not taken:
        return fallback, body
    return " ".join(taken), body[index:]


def _code_then_output(text: str, asked: bool) -> tuple[str, str] | None:
    """A program and, under it, a code block of what it prints: after a label (`Output`),
    or right under it where the question `asked` for its output; None for any other text."""
    lines = text.strip("\n").split("\n")
    if not lines[0].startswith(("```", "~~~")):
        return None
    end = _closing_fence(lines, 0)
    if end is None:
        return None
    after = [i for i in range(end + 1, len(lines)) if lines[i].strip()]
    labelled = bool(after) and OUTPUT_LABEL.fullmatch(lines[after[0]].strip()) is not None
    after = after[1:] if labelled else after
    if not (labelled or asked) or not after or not lines[after[0]].startswith(("```", "~~~")):
        return None
    return "\n".join(lines[: end + 1]), "\n".join(lines[after[0] :])


OUTPUT_ASKED = re.compile(
    r"\b(?:output|print|return|result|log)|ausgabe|salida|sa[íi]da|sortie|вывод|输出|打印|出力",
    re.I,
)
"""Words of a question that asks what a program prints."""
OUTPUT_LABEL = re.compile(
    r"(?:\*\*|__)?(?:output|result|answer|ausgabe|salida|sa[íi]da|sortie|вывод|输出|结果|出力)"
    r"[ \t]*[:\uff1a]?(?:\*\*|__)?[ \t]*[:\uff1a]?",
    re.I,
)
"""A label over the output of a program asked about (`Output`, `**Output:**`)."""


def _closing_fence(lines: Sequence[str], start: int) -> int | None:
    """The line that closes the code fence opened on line `start` (its marks alone), or
    None where nothing closes it."""
    fence = lines[start].lstrip()[:3]
    return next((i for i in range(start + 1, len(lines)) if lines[i].strip() == fence), None)


def _only_code(text: str) -> bool:
    """Whether a text is fenced code and nothing else."""
    if not text.lstrip().startswith(("```", "~~~")):
        return False
    outside, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            outside.append(line)
    return bool(text.strip()) and not "".join(outside).strip()


def _bare(line: str) -> str:
    """A line of a question's text without what only dresses it: a quote's or a heading's
    marks, and emphasis around the whole (`> **_Define a function ..._**`)."""
    line = line.strip().removeprefix(">").strip()
    line = HEADING_MARKS.sub("", line, count=1) if line.startswith("#") else line
    wrapped = line[:1] in "*_" and line[-1:] == line[:1] and len(line) > 2
    return line.strip("*_ ") if wrapped and "*" not in line.strip("*_ ")[:1] else line


def _labels(line: str) -> bool:
    """Whether a line only labels the text under it (`Question:`, `### **Question:**`)."""
    return LABEL_LINE.fullmatch(_bare(line)) is not None


def _prompt_and_answer(body: list[str]) -> tuple[str, str]:
    """A question's body cut at its first answer marker: what stands before it is the
    prompt; the marker's label (`Answer:`) is dropped from the answer. With no marker the
    body is the answer; with a task list, its options are the prompt (none checked) and
    the answer shows them checked."""
    body = _labels_set_apart(_answer_out_of_options(body))
    text = "\n".join(line for line in body if line != "<details>")
    if not text.strip():
        return "", ""
    marks = CHECK_MARK.search(text) or "check" in text or "&#" in text  # a quick test
    if marks and (marked := _marked_options(body)) is not None:
        return marked
    emphasised = _emphasised_options(body) if "**" in text or "__" in text else None
    if emphasised is not None:
        return emphasised
    if "```" in text or "\n**" in text:  # the answer in a block, or repeating an option
        found = _answer_in_the_options_block(body) if "```" in text else None
        if (found := found or _repeated_answer(body)) is not None:
            return found
    if LETTERED_OPTION.match(text.lstrip("\n")):
        written = [line for line in body if line.strip()]
        if 2 <= len(written) <= MOST_OPTIONS and all(map(LETTERED_OPTION.match, written)):
            return text.strip("\n"), ""  # options, none marked right, no answer: the front
    if not any(MAY_OPEN_ANSWER.match(line.lstrip(LEADING)) for line in body):
        return "", text.strip("\n")  # most answers: no need to outline them again
    blocks = outline("\n".join(body)).blocks
    for index, block in enumerate(blocks):
        if answer_marker(block, body):
            prompt = "\n".join(kept(body[: block.first]))
            # lines of the marker's HTML block are raw HTML (as GitHub shows them): their
            # indent is no code block (but a `<pre>`'s lines keep theirs)
            html = body[block.first : block.last + 1] if block.kind is Kind.HTML else []
            raw = len(html) if not any("<pre" in line for line in html) else 0
            answer = kept(
                [
                    line.lstrip() if number < raw else line
                    for number, line in enumerate(body[block.first :])
                    if line != "<details>"
                ]
            )
            if block.kind is Kind.OTHER:  # a callout that answers: what it holds, unquoted
                labelled = labelled_quote(body[block.first])  # a quote: its label too
                inside = body[block.first + (not labelled) : block.last + 1]
                unquoted = [QUOTE_MARK.sub("", line, count=1) for line in inside]
                answer = kept([*unquoted, *body[block.last + 1 :]])
            first = answer[0].lstrip() if answer else ""
            if first.startswith("#") and ANSWER_HEADING.fullmatch(first.lstrip("#").strip()):
                said = ANSWER_HEADING_SAYS.sub("", first.lstrip("#").strip(), count=1)
                answer = [said, *answer[1:]]  # `#### Answer: B`
            elif label := ANSWER_LABEL.match(first):
                said, opened = first[label.end() :], first[: label.end()]
                mark = next((m for m in ("**", "__") if opened.count(m) % 2), "")
                if mark and said.rstrip().endswith(mark) and mark not in said.rstrip()[:-2]:
                    said = said.rstrip()[:-2].rstrip()  # `**Answer: B**`: bold as a whole
                elif mark and mark in said:  # `**Answer: B**. Because ...`: B stays bold
                    said = mark + said
                answer = [said, *answer[1:]]  # `Answer: B`
            elif PAUSE.fullmatch(first):  # `. . .`: a slide's pause before the answer
                answer = answer[1:]
            elif first[:8].lower() == "<summary" and (shut := summary_in(first)):
                answer = [first[shut[1] :], *answer[1:]]  # `<summary>Show answer</summary>`
            ticked = _ticked_options(blocks[:index], body)
            if ticked is not None:  # the right option ticked on the front: shown there
                # unticked, and ticked on the back, over the answer
                shown = kept(body[ticked[0] : ticked[1] + 1])
                prompt, answer = CHECKED.sub(r"\1[ ]", prompt), [*shown, "", *answer]
            return prompt, "\n".join(kept(answer))
    ticked = _ticked_options(blocks, body)
    if ticked is not None:
        options = "\n".join(body[: ticked[1] + 1])
        checked = "\n".join(kept(body[ticked[0] :]))
        return CHECKED.sub(r"\1[ ]", options).strip("\n"), checked
    return "", text.strip("\n")


def _labels_set_apart(body: list[str]) -> list[str]:
    """A body whose answer's label starts a line after a hard break (`D. ...\\`, then `✅
    **Answer: B**\\`), set apart as a paragraph of its own, as GitHub shows it on a line
    of its own: the break's backslashes left out."""
    if not any(line.endswith("\\") for line in body):
        return body  # most bodies
    for index in range(len(body) - 1, 0, -1):
        line, before = body[index], body[index - 1].rstrip()
        bare = line.lstrip(LEADING)
        if before.endswith("\\") and bare[:1] != "?" and ANSWER_LABEL.match(bare):
            after = [""] if line.rstrip().endswith("\\") else []  # its own line too
            body = [
                *body[: index - 1], before[:-1].rstrip(), "", line.rstrip().removesuffix("\\"),
                *after, *body[index + 1 :],
            ]  # fmt: skip
    return body


def _ticked_options(blocks: Sequence[Block], body: list[str]) -> tuple[int, int] | None:
    """The first and last line of the options written as a task list, where one is ticked
    as the right one (`- [x] B`); None where none is."""
    tasks = [b for b in blocks if b.kind is Kind.ITEM and TASK_ITEM.match(body[b.first])]
    if not any(CHECKED.match(body[b.first]) for b in tasks):
        return None
    return tasks[0].first, tasks[-1].last


def _marked_options(body: list[str]) -> tuple[str, str] | None:
    """Options of a list where the right ones end with a check mark (`- C) GET ✓`), or
    where a mark leads each, a check mark the right ones (`- ✅ GET`, `- ☐ POST`): the
    options without the marks are the prompt, the answer shows them marked (and what
    follows); None where no list of two options or more is marked so."""
    first = next((i for i, line in enumerate(body) if OPTION_LINE.match(line)), None)
    if first is None:
        return None
    last = first  # the options: the list's lines from its first on
    while last + 1 < len(body) and OPTION_LINE.match(body[last + 1]):
        last += 1
    if last == first:
        return None
    options = body[first : last + 1]
    if any(RIGHT_OPTION.match(line) for line in options):
        prompt = "\n".join(RIGHT_OPTION.sub(r"\1", line) for line in body[: last + 1])
        return prompt.strip("\n"), "\n".join(kept(body[first:]))
    led = [LEADING_MARK.match(line) for line in options]
    rights = [found is not None and found["right"] is not None for found in led]
    if all(led) and any(rights) and not all(rights):  # `- ✅ GET`, `- ☐ POST`: marks lead
        unmarked = [LEADING_MARK.sub(r"\1", line, count=1) for line in options]
        prompt = "\n".join([*body[:first], *unmarked])
        return prompt.strip("\n"), "\n".join(kept(body[first:]))
    return None


def _answer_in_the_options_block(body: list[str]) -> tuple[str, str] | None:
    """A body that opens with a code block of lettered options whose last lines give the
    answer (`A) ...` to `E) ...`, then `Resposta Correta: C) ...`): the block without them
    is the prompt, what they say and all after the block the answer."""
    start = next((i for i, line in enumerate(body) if line.strip()), None)
    if start is None or not body[start].startswith("```"):
        return None
    end = _closing_fence(body, start)
    if end is None:
        return None
    inside = body[start + 1 : end]
    found = next(
        (
            (i, label)
            for i, line in enumerate(inside)
            if (label := ANSWER_LABEL.match(line.strip()))
        ),
        None,
    )
    if found is None or sum(bool(LETTERED_OPTION.match(line)) for line in inside[: found[0]]) < 2:
        return None
    said, label = found
    answer = [inside[said].strip()[label.end() :], *inside[said + 1 :], "", *body[end + 1 :]]
    prompt = [*body[: start + 1], *inside[:said], body[end]]
    return "\n".join(kept(prompt)), "\n".join(kept(answer))


def _repeated_answer(body: list[str]) -> tuple[str, str] | None:
    """A body whose answer is a code block, or a bold line, that repeats one of the options
    over it (`* Object` among the options, then a block holding `Object`, or `**Object**`):
    what stands before it is the prompt, its text and all after it the answer."""
    options: list[str] = []
    index = 0
    while index < len(body):
        line = body[index]
        if not line.lstrip().startswith("```"):
            bold = BOLD_LINE.match(line.strip()) if len(options) >= 2 else None
            if bold is not None and _repeats([bold["inner"].strip()], options, by_letter=False):
                # `**Object**`, as written (a letter in bold is a label's, `**Answer: B**`)
                return "\n".join(kept(body[:index])), "\n".join(kept(body[index:]))
            if line.strip():
                options = [*options, line] if OPTION_LINE.match(line) else []
            index += 1
            continue
        end = _closing_fence(body, index)
        if end is None:
            return None
        said = [line.strip() for line in body[index + 1 : end] if line.strip()]
        if len(options) >= 2 and 0 < len(said) <= 2 and _repeats(said, options):
            return "\n".join(kept(body[:index])), "\n".join(kept([*said, "", *body[end + 1 :]]))
        options, index = [], end + 1
    return None


def _repeats(said: list[str], options: list[str], by_letter: bool = True) -> bool:
    """Whether an answer's text is one of the options, as written or (`by_letter`) by its
    letter."""
    shown = {_option_text(option).casefold() for option in options}
    if _option_text(said[0]).casefold() in shown:
        return True
    letter = ANSWER_LETTER.fullmatch(said[0]) if by_letter else None
    letters = {found[1].casefold() for option in options if (found := LETTER.match(option))}
    return letter is not None and letter[1].casefold() in letters


def _option_text(option: str) -> str:
    return LETTER.sub("", OPTION_MARK.sub("", option, count=1), count=1).strip(" *_\t")


OPTION_LINE = re.compile(r"[ ]{0,3}(?:[-*+][ \t]+\S|(?:\*\*)?[A-Ha-h][.)](?:\*\*)?[ \t]+\S)")
"""An option: a bullet, or a line lettered `A.` (`**A.**`)."""
LETTER = re.compile(r"[ \t]*(?:\*\*)?([A-Ha-h])[.)](?:\*\*)?[ \t]+")
ANSWER_LETTER = re.compile(r"(?:answer[ \t]*:[ \t]*)?([A-Ha-h])[.)]?", re.I)
"""An answer that gives its option's letter (`D`, `Answer: D`)."""


def _answer_out_of_options(body: list[str]) -> list[str]:
    """A body whose answer is labelled on a line of its last option's item (`- d) ...`,
    then `  **Answer:** b) ...` under it), or in bold on a line of the paragraph over it
    (`_Level: easy_`, then `**Answer:**`), with the answer made a paragraph of its own."""
    for index in range(1, len(body)):
        line, above = body[index], body[index - 1]
        if not above.strip() or not line.strip():
            continue
        said = line.strip()
        option = line[:1] in " \t" and FLAT_OPTION.match(above) is not None
        if not option and said[:2] not in ("**", "__"):
            continue
        label = ANSWER_LABEL.match(said)
        if label is not None and (said[label.end() :] or not option):
            return [*body[: index - 1], above.rstrip(), "", said, *body[index + 1 :]]
    return body


def _emphasised_options(body: list[str]) -> tuple[str, str] | None:
    """A question's body that is only its options, a list (or lines lettered in order) in
    which the right ones are in bold (`* ***True***`, `- **B. 42**`, `**B: False**`) and the
    others not: the options without the bold
    are the prompt, the answer shows them as written; None for any other body (a list whose
    bold items are its own headings, `- **Pros:**`, or whose items are sentences)."""
    written = [line for line in body if line.strip()]
    if not 2 <= len(written) <= MOST_OPTIONS:
        return None
    separator = "\n"  # between the items of a list
    if all(map(FLAT_OPTION.match, written)):
        options = [OPTION_MARK.sub("", line, count=1) for line in written]
    elif _lettered_in_order(written):  # `A: True`, then `**B: False**`: paragraphs
        options, separator = [line.strip() for line in written], "\n\n"
    else:
        return None
    bold = [_bold_option(option) for option in options]
    right = [words for words in bold if words is not None]
    if not right or len(right) == len(options) or any(r.rstrip().endswith(":") for r in right):
        return None
    if any(len(option) > LONG_OPTION for option in options):
        return None
    plain = [
        line[: len(line) - len(option)] + (option if words is None else words)
        for line, option, words in zip(written, options, bold, strict=True)
    ]
    return separator.join(plain), separator.join(written)


def _bold_option(option: str) -> str | None:
    """An option's words where it is in bold as a whole, or all of it after its letter
    (`**b) TCP**`, `b) **TCP**`); else None."""
    words = bold_words(option)
    if words is None and (letter := OPTION_LETTER.match(option)) is not None:
        inner = bold_words(option[letter.end() :])
        return None if inner is None else option[: letter.end()] + inner
    return words


def _lettered_in_order(written: list[str]) -> bool:
    """Whether lines are options lettered `A`, `B`, `C` ... in order (in bold or not)."""
    found = [LETTERED_LINE.match(line.strip()) for line in written]
    return "".join(m["letter"] if m else "?" for m in found) == "ABCDEFGH"[: len(written)]


LETTERED_LINE = re.compile(r"(?:\*\*|__)?(?P<letter>[A-H])[.):][ \t]+\S")
"""A line that is an option by its letter (`A: True`, `**B) False**`)."""
RIGHT_LETTERS = re.compile(r"[ \t]*[(\uff08](?P<letters>[A-H](?:[ ,\u3001]*[A-H])*)[)\uff09]$")
"""The right options' letters written after a question (`...? (A C)`)."""
LETTERED_OPTION = re.compile(r"[ \t]*(?:[-*+][ \t]+\(?[A-Ha-h][.):]|\(?[A-Ha-h][.)])[ \t]+\S")
"""An option lettered as a quiz letters them (`A. ...`, `- b) ...`, `(c) ...`, `- C: ...`)."""
OPTION_LETTER = re.compile(r"\(?[A-Ha-h][.):][ \t]+")
"""An option's letter before its words (`b) `, `(C) `, `D. `)."""
LONG_OPTION = 120
"""Options longer than this are an answer's sentences, not a quiz's choices."""
OPTION_MARK = re.compile(r"\s*[-*+][ \t]+")
FLAT_OPTION = re.compile(r"[ ]{0,3}[-*+][ \t]+\S")
"""An option of a flat list (none nested under another)."""


def _template(body: list[str]) -> Parts:
    """A question in a template's parts (`#### --text--`, `#### --answer--`): the text is
    the question and its prompt; options that are wrong are not shown."""
    parts: dict[str, list[str]] = {}
    name = "text"
    for line in body:
        found = TEMPLATE_PART.fullmatch(line.strip())
        if found:
            name = found["name"].lower()
            continue
        parts.setdefault(name, []).append(line)
    asked, rest = _question_from(parts.get("text", []), "")
    prompt = "\n".join(kept(rest))
    return Parts(asked, prompt, "\n".join(kept(parts.get("answer", []))))
