"""Text -> note records, decided for the whole file: its lines and front matter
(`reading.prepare`), its blocks (`gfm.outline`), the candidates among them (`candidates`),
the file's question pattern (`pattern.choose`), the questions cut at it (`splitting`), each
taken apart into question, prompt and answer (`prompts`), then the notes, with every
problem a reader should hear of: unanswered questions, numbering, questions asked twice.

What is never a question nor answer text: tables of contents, "back to top" links, badges,
and sections such as License.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice, pairwise

from ankigen.cloze import ClozeError, holds_deletions, note_clozes
from ankigen.errors import AnkigenError, Problem, Severity, column, place_of
from ankigen.gfm import MAX_DEPTH, Block, Kind, Outline, outline
from ankigen.reading.answer_key import Key, answer_key, keyed, part_for
from ankigen.reading.candidates import candidates
from ankigen.reading.pattern import Pattern, choose, named_pattern
from ankigen.reading.prompts import Parts, bracketed_answers, parts
from ankigen.reading.shapes import (
    ANSWER_WORDS,
    ASKS,
    ITEM_MARKER,
    LONG_QUESTION,
    Candidate,
    Shape,
    answer_marker,
    asks,
    bold_title,
    decoration,
    heading_of,
    instructs,
    titles_a_section,
)
from ankigen.reading.splitting import DETAILS_TAG, Question, split
from ankigen.reading.text import Document, Text, prepare
from ankigen.records import CardKind, DeckInfo, Deletion, Note, Source, normalise

NOT_QUESTIONS = re.compile(
    r"\W*(?:licen[cs]e|contributing|contribution|contributions|contributors|sponsors?|backers|"
    r"support(?: us)?|donat\w*|acknowledge?ments?|credits|references|resources|sources|"
    r"further reading|see also|related|authors?|maintainers?|changelog|star history|to ?do|"
    r"referencias|recursos|licencia|contribuir|referências|licença|quellen|referenzen|"
    r"lizenz|références|ressources|источники|литература|лицензия|ссылки|tài liệu tham khảo|"
    r"参考(?:资料|文献|链接)?|相关链接|许可证?|待完成|待办|参考文献|ライセンス|참고(?:\s?자료)?|"
    r"라이선스)\W*",
    re.I,
)
"""Sections that are never questions nor answers: what a README holds besides its list (in
the languages lists are written in; either half of a title in two, `参考资料 / References`)."""
MARKED = frozenset(
    {
        Shape.MARKED_HEADING,
        Shape.MARKED_LINE,
        Shape.FLASHCARD,
        Shape.SUMMARY,
        Shape.TABLE_ROW,
        Shape.ADMONITION,
    }
)
"""Shapes that say they are questions, whether or not they end with a question mark."""
STRUCTURAL_HTML = frozenset(
    {"details", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "b"}
)
"""Tags that only fold an answer away or hold a question: read, not warned about."""
BELOW = frozenset({Shape.FLASHCARD, Shape.QUOTE, Shape.PARAGRAPH})
"""Shapes whose answer is everything under them up to the next of their shape (other
shapes, such as the bullets of an answer, stand inside it)."""
WEAK = frozenset({Shape.STATEMENT_HEADING, Shape.PARAGRAPH})
"""Candidates that are text under the question before them as likely as questions: a
heading over text, a paragraph that asks (the text of `### Question 3`, or its answer's)."""
ELSEWHERE = re.compile(
    rf"\[(?:{ANSWER_WORDS}|read more|more|see (?:the )?answer|here|link)\]\([^()\s]*\)", re.I
)
"""A link that is all of an answer and says the answer is where it leads (`[Answer](x.md)`)."""
PLACEHOLDER = re.compile(
    r"(?:[\W_]*(?:todo|tbd|fixme|wip|xxx)[\W_]*)+|(?:\.[ \t]*){3,}|\u2026", re.I
)
"""A place kept for later (`TODO`, `` `#TODO` TODO ``, `...`): no question, or no answer,
yet."""
HINT = re.compile(r"(?:\*\*|__|\*|_)?hints?(?:\*\*|__|\*|_)?\s*[:\uff1a]", re.I)
"""A hint's label (`Hint:`, `**Hint**:`): under a question, a hint alone is no answer."""
CARD_MARKER = re.compile(r"^[ \t]*<!--\s*(basic|reversed|typed)\s*-->[ \t]*$\n?", re.M | re.I)
"""A line that says what cards a question makes (invisible where GitHub shows the file)."""
ITEM_LINE = re.compile(r"(?:[0-9]{1,9}[.)]|[-*+])\s")


def parse(text: Text, skip_unanswered: bool = False, deck: DeckInfo | None = None) -> Source:
    """Parse a content file's text into its deck and notes, or raise `AnkigenError`.

    The error carries every problem found, warnings included; a `Source` carries warnings.
    A question without an answer is an error, unless `skip_unanswered` leaves it out (with
    a warning that counts them). `deck`: the deck the file is part of (a file of a deck
    that is a folder), whose details its front matter may only add to.
    """
    document = prepare(text)
    if deck is not None:
        document = replace(document, deck=of_deck(deck, document.deck))
    reading = read(document, skip_unanswered)
    if any(problem.severity is Severity.ERROR for problem in reading.source.warnings):
        raise AnkigenError(reading.source.warnings)
    return reading.source


@dataclass(frozen=True)
class Reading:
    """A file read: what it holds, and how its questions were found (`parse --explain`)."""

    source: Source
    """Its deck and notes; its `warnings` hold every problem found, errors included."""
    pattern: Pattern | None
    """The shape of its questions; None where it has no candidate."""
    candidates: tuple[Candidate, ...]
    questions: tuple[Question, ...] = ()


def read(document: Document, skip_unanswered: bool = False) -> Reading:
    """Read a prepared document: its question pattern, its questions and their notes, and
    every problem found (`parse` raises those that are errors)."""
    path, lines, start = document.path, document.lines, document.start
    # the front matter as blank lines, which Markdown passes over: lines as in the file
    found = outline("\n" * start + "\n".join(lines[start:]))
    blocks = found.blocks
    inside = _inside_one_item(blocks, lines)
    if inside is not None:  # a file held in one list item: read as it reads inside it
        unwrapped = read(replace(document, lines=inside[0]), skip_unanswered)
        if len(unwrapped.source.notes) > 1:
            return _at_columns_in_the_file(unwrapped, inside[1])
    problems = list(document.warnings) + _outline_problems(path, found, lines)
    depths = _details_depths(blocks, lines)
    key = answer_key(blocks, lines)
    skipped = _skipped(blocks, lines, key)
    title = document.deck.title if "title" in dict(document.deck.key_lines) else ""
    listed = [
        c for c in candidates(blocks, lines, title) if not depths[c.line] and not skipped[c.block]
    ]
    answered, marked = _under(listed, blocks, lines)
    shape, level = named_pattern(document.deck.questions)
    pattern = choose(listed, answered, marked, _ancestors(listed, blocks, lines), shape, level)
    if pattern is None:
        text = next((b for b in blocks if not decoration(lines[b.first : b.last + 1])), None)
        if text is not None:
            skipped_text = "text before the first question is skipped"
            at = column(lines[text.first])
            problems.append(
                Problem(path, text.first + 1, skipped_text, Severity.WARNING, at, "skipped-text")
            )
        if document.deck.questions:
            message = f"no questions of the kind `questions = {document.deck.questions!r}` names"
            line = document.deck.line_of("questions")
            problems.append(Problem(path, line, message, code="no-questions"))
        else:
            message = "no questions found: expected lines like `1. What is ...?`"
            problems.append(Problem(path, 1, message, code="no-questions"))
        source = Source(path, document.deck, (), tuple(_ordered(problems)))
        return Reading(source, None, tuple(listed))
    if not document.deck.questions:
        pattern = _with_sections_of_their_own(pattern, listed, blocks, lines)
    code = {line for first, last in found.code for line in range(first, last + 1)}
    cut = list(split(blocks, lines, pattern, depths, skipped, code, problems, path))
    problems = _fences_after_the_questions(problems, cut)
    notes = _notes(document, cut, key, skip_unanswered, problems)
    notes, repeated = without_repeats(notes)
    problems += repeated
    _warn_of_html(path, notes, cut, found, lines, problems)
    if not notes and not any(p.severity is Severity.ERROR for p in problems):
        message = "no questions found: expected lines like `1. What is ...?`"
        problems.append(Problem(path, 1, message, code="no-questions"))
    problems = [_located(problem, lines) for problem in problems]
    sections = tuple(sorted({q.section_line for q in cut if q.section_line}))
    source = Source(path, document.deck, tuple(notes), tuple(_ordered(problems)), sections)
    return Reading(source, pattern, tuple(listed), tuple(cut))


def _inside_one_item(
    blocks: Sequence[Block], lines: Sequence[str]
) -> tuple[list[str], dict[int, int]] | None:
    """A file whose text is all in one list item (an outliner's page under its title):
    its lines with the item's title as a heading and what is under it dedented, and how
    many characters each line lost; None for other files."""
    text = list(islice((b for b in blocks if not decoration(lines[b.first : b.last + 1])), 2))
    if len(text) != 1 or text[0].kind is not Kind.ITEM or text[0].last == text[0].first:
        return None
    item = text[0]
    marker = ITEM_MARKER.match(lines[item.first])
    if marker is None:
        return None
    under = range(item.first + 1, item.last + 1)
    shared = min(
        (len(lines[i]) - len(lines[i].lstrip(" ")) for i in under if lines[i].strip()), default=0
    )
    indent = min(max(shared, marker.end()), marker.end() + 3)  # never code made text
    inside, lost = list(lines), {item.first: marker.end() - 2}
    inside[item.first] = "# " + lines[item.first][marker.end() :]
    for index in under:
        line = lines[index]
        cut = min(len(line) - len(line.lstrip(" ")), indent)
        inside[index], lost[index] = line[cut:], cut
    return inside, lost


def _at_columns_in_the_file(reading: Reading, lost: dict[int, int]) -> Reading:
    """A reading of a file's lines as dedented, with its problems at their columns in the
    file."""
    problems = tuple(
        replace(problem, col=problem.col + lost.get(problem.line - 1, 0))
        for problem in reading.source.warnings
    )
    return replace(reading, source=replace(reading.source, warnings=problems))


def _located(problem: Problem, lines: Sequence[str]) -> Problem:
    """A problem about a line of the file at the column where that line's text starts,
    unless it names its column (the line of a question: where its heading, item or line
    begins)."""
    if problem.col != 1 or not 0 < problem.line <= len(lines):
        return problem
    return replace(problem, col=column(lines[problem.line - 1]))


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (not p.line, p.line, p.col))


def _fences_after_the_questions(problems: list[Problem], cut: Sequence[Question]) -> list[Problem]:
    """The problems, with a fence never closed after the last question's text (in a closing
    section such as `## Feedback`) a warning: it runs to the end of the file as GitHub shows
    it, and changes no card."""
    end = max((question.last for question in cut), default=-1)
    return [
        replace(
            problem,
            message=f"{problem.message}; it stands after the questions and changes no card",
            severity=Severity.WARNING,
        )
        if problem.code == "unclosed-fence" and problem.line - 1 > end and cut
        else problem
        for problem in problems
    ]


def _outline_problems(path: str, found: Outline, lines: Sequence[str]) -> list[Problem]:
    """The problems of the file's Markdown itself: unclosed fences and math, nesting."""
    problems = [
        Problem(path, fence + 1, "this code fence is never closed", code="unclosed-fence")
        for fence in found.unclosed_fences
    ]
    problems += [
        Problem(
            path,
            math + 1,
            "this math block is never closed",
            col=column(lines[math], "$$"),
            code="unclosed-math",
        )
        for math in found.unclosed_math
    ]
    if found.too_deep is not None:
        problems.append(
            Problem(
                path,
                found.too_deep + 1,
                f"lists, quotes or emphasis nest more than {MAX_DEPTH} levels deep here; "
                "no card needs so many",
                code="too-deep",
            )
        )
    return problems


EMPTY_HTML = re.compile(r"</?(?:p|br|div|span|b|strong|em|i)\b[^<>]*>", re.I)
"""Tags that show nothing of their own (an image or a table would)."""
LEADING_CLOSE = re.compile(r"(?:\s*</details\s*>)+", re.I)
"""`</details>` tags a block starts with."""


def _details_depths(blocks: Sequence[Block], lines: Sequence[str]) -> list[int]:
    """How many `<details>` are open where each line starts (the `</details>` it starts
    with closed; code is not counted): a `<details>` opened after one closed in the same
    block of HTML stands at the depth of the first."""
    if not any("etails" in line for line in lines):  # most files: none
        return [0] * len(lines)
    depths, depth = [0] * len(lines), 0
    for block in blocks:
        counted = block.kind in (Kind.HTML, Kind.PARAGRAPH, Kind.ITEM)
        for index in range(block.first, block.last + 1):
            closing = LEADING_CLOSE.match(lines[index]) if counted or index == block.first else None
            closed = closing[0].lower().count("</details") if closing else 0
            depths[index] = max(0, depth - closed)  # before it starts
            if counted and "etails" in lines[index]:
                for tag in DETAILS_TAG.finditer(lines[index]):
                    depth = max(0, depth - 1) if tag[1] else depth + 1
    return depths


def _skipped(blocks: Sequence[Block], lines: Sequence[str], key: Key) -> list[bool]:
    """The blocks of sections that hold no questions (License, Contributing, a quiz's
    answer `key`, ...)."""
    skipped, level = [], 0
    for block in blocks:
        heading = heading_of(block, lines) if block.kind in (Kind.HEADING, Kind.HTML) else None
        if heading is not None and (not level or heading.level <= level):
            aside = any(NOT_QUESTIONS.fullmatch(part) for part in heading.text.split(" / "))
            level = heading.level if aside else 0
        skipped.append(bool(level) or key.holds(block.first))
    return skipped


def _with_sections_of_their_own(
    pattern: Pattern, listed: Sequence[Candidate], blocks: Sequence[Block], lines: Sequence[str]
) -> Pattern:
    """The pattern, with the questions of sections that hold none of its own: such a
    section (under a heading, or a bold title) is read by the pattern of its candidates,
    where two or more of them (or one in the pattern's own shape, at another level), most
    asking (or marked `Q:`), make one; unless most are asked again by the pattern's own
    questions (an overview of what the page answers)."""
    asking = {c.block for c in listed if c.shape is not Shape.STATEMENT_HEADING}
    questions = [c for c in listed if pattern.holds(c)]
    held = {c.block for c in questions}
    starts = []
    for index, block in enumerate(blocks):
        if index in asking and index not in held:
            continue  # a question of another pattern
        heading = heading_of(block, lines) if block.kind in (Kind.HEADING, Kind.HTML) else None
        if heading is not None:
            if not pattern.level or heading.level <= pattern.level:
                starts.append(block.first)  # a section's heading, not one inside an answer
        elif bold_title(lines[block.first : block.last + 1]) and block.kind is Kind.PARAGRAPH:
            starts += [block.first] if titles_a_section(lines[block.first], pattern.level) else []
    regions: dict[int, list[Candidate]] = {}
    for candidate in listed:
        if candidate.shape is Shape.PARAGRAPH and pattern.shape is not Shape.PARAGRAPH:
            continue  # text that asks is no section's question where the file's are marked
        regions.setdefault(bisect_right(starts, candidate.line), []).append(candidate)
    own_questions = {normalise(c.question) for c in questions}
    elsewhere: set[int] = set()
    for found in regions.values():
        if any(pattern.holds(candidate) for candidate in found):
            continue
        answered, nowhere = [True] * len(found), [frozenset[int]()] * len(found)
        own = choose(found, answered, answered, nowhere, pattern.shape) or choose(
            found, answered, answered, nowhere
        )  # the pattern's own shape at another level first
        members = [c for c in found if own and (c.shape, c.level) == (own.shape, own.level)]
        asked = sum(c.question.endswith(ASKS) or c.shape in MARKED for c in members)
        again = sum(normalise(c.question) in own_questions for c in members)
        alike = bool(members) and all(c.shape is pattern.shape for c in members)
        enough = len(members) >= 2 or alike  # one question of the pattern's shape is one
        if enough and 2 * asked >= len(members) and 2 * again < len(members):
            elsewhere.update(c.line for c in members)
            elsewhere.update(own.shallower if own else ())  # a FAQ's entries among them
    return replace(pattern, elsewhere=frozenset(elsewhere)) if elsewhere else pattern


def _ancestors(
    listed: Sequence[Candidate], blocks: Sequence[Block], lines: Sequence[str]
) -> list[frozenset[int]]:
    """For each candidate, the lines of the headings it stands under."""
    found: list[frozenset[int]] = []
    stack: list[tuple[int, int]] = []  # (level, line) of the headings open here
    position = 0
    for candidate in listed:
        while position < candidate.block:
            heading = (
                heading_of(blocks[position], lines)
                if blocks[position].kind in (Kind.HEADING, Kind.HTML)
                else None
            )
            if heading is not None:
                while stack and stack[-1][0] >= heading.level:
                    stack.pop()
                stack.append((heading.level, heading.first))
            position += 1
        depth = candidate.level or 7
        found.append(frozenset(line for level, line in stack if level < depth))
    return found


def _under(
    listed: Sequence[Candidate], blocks: Sequence[Block], lines: Sequence[str]
) -> tuple[list[bool], list[bool]]:
    """For each candidate: whether text stands under it before the next candidate, and
    whether an answer marker does: for a heading, before the next heading or candidate of
    its shape and level; for other shapes, on its own line (`Q: ... A: ...`)."""
    answered, marked = [], []
    following: dict[tuple[Shape, int], int] = {}
    ends = [0] * len(listed)
    for index in range(len(listed) - 1, -1, -1):
        key = (listed[index].shape, listed[index].level)
        ends[index] = following.get(key, len(blocks))
        following[key] = listed[index].block
    strong = [i for i, c in enumerate(listed) if c.shape not in WEAK]
    following_strong = dict(pairwise(strong))
    for index, candidate in enumerate(listed):
        after = following_strong.get(index, index + 1)  # text that may ask is no question yet
        end = listed[after].block if after < len(listed) else len(blocks)
        own = bool(candidate.answer.strip()) or (candidate.last < blocks[candidate.block].last)
        if candidate.shape in BELOW and not own:  # its answer below
            end = ends[index]
        answered.append(
            own
            or any(
                b.kind is not Kind.HEADING and not decoration(lines[b.first : b.last + 1])
                for b in blocks[candidate.block + 1 : end]
            )
        )
        marker = bool(candidate.answer.strip())
        for block in blocks[candidate.block + 1 : ends[index]] if candidate.level else ():
            if marker:
                break
            marker = answer_marker(block, lines)
            if block.kind in (Kind.HEADING, Kind.HTML) and heading_of(block, lines):
                break  # the marker of a heading's question stands before the next heading
        marked.append(marker)
    return answered, marked


def _notes(
    document: Document,
    cut: Sequence[Question],
    key: Key,
    skip_unanswered: bool,
    problems: list[Problem],
) -> list[Note]:
    """Notes of the questions cut; unanswered ones are errors (or left out, counted).
    Where the file's answer `key` answers most of them by their numbers, what stands under
    each is its prompt, and the key's entry its answer."""
    path, deck = document.path, document.deck
    taken = bracketed_answers([parts(question) for question in cut])
    if key.entries:
        cut, taken = _with_answer_key(path, key, cut, taken, problems)
    answered = [
        (bool(p.answer.strip()) and not _only_asks(p.answer))
        or holds_deletions(p.question, p.prompt)  # a cloze is its own answer
        for p in taken
    ]
    mostly_answered = sum(answered) >= 0.8 * max(len(taken), 1)
    notes: list[Note] = []
    unanswered: list[tuple[int, int]] = []
    tags: dict[str, tuple[str, ...]] = {}
    sections_of: dict[str, tuple[str, int]] = {}
    """The first section (and its line) to get each tag, as Anki compares tags."""
    previous: int | None = None
    numbers: dict[tuple[str, int], int] = {}
    given = [question.candidate.number for question in cut]
    alike = len(given) > 2 and len(set(given)) == 1  # `1.` each: the numbers say nothing
    for index, (question, part) in enumerate(zip(cut, taken, strict=True)):
        line = question.candidate.line + 1
        answer = part.answer
        if question.candidate.number is not None and not alike:
            _check_numbering(
                path, numbers, question.section, question.candidate.number, previous, line, problems
            )
            previous = question.candidate.number
        if PLACEHOLDER.fullmatch(part.question):
            message = "a question that is only a placeholder (`TODO`) is skipped"
            problems.append(Problem(path, line, message, Severity.WARNING, code="placeholder"))
            continue
        if not answered[index]:
            empty = not question.body and not part.prompt
            over = (
                index + 1 < len(cut)
                and 0 < question.candidate.level < cut[index + 1].candidate.level
            )
            if empty and (mostly_answered or over) and not _asked(question, part.question):
                message = "a heading with nothing under it is skipped"
                problems.append(Problem(path, line, message, Severity.WARNING, code="placeholder"))
                continue
            shares = (  # `### Q: A` on the line over `### Q: B`, then their answer
                empty
                and question.candidate.shape.is_heading
                and index + 1 < len(taken)
                and answered[index + 1]
                and cut[index + 1].candidate.line == question.candidate.last + 1
            )
            if shares:  # two questions over one answer
                answer = taken[index + 1].answer
            else:
                unanswered.append((question.candidate.number or index + 1, line))
                continue
        if not part.question:
            problems.append(Problem(path, line, "this question has no text", code="no-text"))
            continue
        number = None if alike else question.candidate.number
        if number is None:
            number = (previous or 0) + 1
            previous = number
        if len(part.question) > LONG_QUESTION:
            problems.append(
                Problem(
                    path,
                    line,
                    f"question {number} is {len(part.question)} characters long; "
                    "is its answer on the same line?",
                    Severity.WARNING,
                    code="long-question",
                )
            )
        section = question.section
        note_tags = tags.get(section)
        if note_tags is None:
            note_tags = tags[section] = deck.tags_for(section)
            same_tag = normalise(note_tags[0])  # as Anki compares tags: case and forms aside
            other = sections_of.setdefault(same_tag, (section, question.section_line))
            if other[0] != section:
                message = (
                    f"section {section!r} gets the tag of section {other[0]!r} "
                    f"(line {other[1]}): {note_tags[0]}; name them apart"
                )
                at = question.section_line
                problems.append(Problem(path, at, message, Severity.WARNING, code="one-tag"))
        prompt = part.prompt
        try:
            deletions = _deletions(part.question, prompt, answer)
        except ClozeError as exc:
            at, col = place_of(document.lines, question.candidate.line + 1, exc.written)
            problems.append(Problem(path, at, str(exc), col=col, code="cloze"))
            continue
        if deletions:
            kind = CardKind.CLOZE
        else:
            kind, prompt, answer = _kind(document, question, part.question, prompt, answer)
        subdeck = section if deck.subdecks == "headings" else ""
        note = Note(
            number, section, part.question, answer, line, note_tags, prompt, kind, path,
            deletions=deletions,
        )  # fmt: skip
        notes.append(note._replace(subdeck=subdeck) if subdeck else note)
    _report_unanswered(path, unanswered, bool(notes), skip_unanswered, problems)
    return notes


def _with_answer_key(
    path: str, key: Key, cut: Sequence[Question], taken: list[Parts], problems: list[Problem]
) -> tuple[Sequence[Question], list[Parts]]:
    """The questions with the answers the key gives them, where it answers most: what
    stands under each is its prompt, the key's entry its answer; a numbered list in a
    section that a key in parts does not name (how to use the quiz) is text."""
    answers = [
        keyed(key, question.section, question.candidate.number, question.candidate.line)
        for question in cut
    ]
    if 2 * sum(answer is not None for answer in answers) < len(cut):
        return cut, taken
    kept: list[tuple[Question, Parts]] = []
    left: dict[str, int] = {}
    for question, part, answer in zip(cut, taken, answers, strict=True):
        if answer is not None:
            kept.append((question, Parts(part.question, _front(part), answer)))
        elif part_for(key, question.section, question.candidate.line) is not None:
            kept.append((question, part))
        else:
            left.setdefault(question.section, question.section_line or question.candidate.line + 1)
    for section, line in left.items():
        message = f"section {section!r} is not in the answer key: its list is text"
        problems.append(Problem(path, line, message, Severity.WARNING, code="skipped-text"))
    return [question for question, _ in kept], [part for _, part in kept]


def _front(part: Parts) -> str:
    """All that stands under a question the answer key answers: its prompt."""
    return "\n\n".join(text for text in (part.prompt, part.answer) if text.strip())


def _deletions(asked: str, prompt: str, answer: str) -> tuple[Deletion, ...]:
    """A note's cloze deletions as written, numbered 0 where the lock numbers them
    (`==text==`); `ClozeError` for one written wrong."""
    return tuple(
        Deletion(cloze.number or 0, cloze.text) for cloze in note_clozes(asked, prompt, answer)
    )


def _kind(
    document: Document, question: Question, asked: str, prompt: str, answer: str
) -> tuple[CardKind, str, str]:
    """What cards a note without deletions makes, and its prompt and answer without the
    marker that says so: as a marker line in it says (`<!-- reversed -->`, `<!-- typed -->`);
    else reversed for `Term:::Definition` (or `;;;`), for a card over a `??` line, and for a
    term (not a question) and its definition written `term :: definition`
    (`Question::Answer`, as the spaced-repetition plugin writes a one-way card, stays one
    way); else as the file says."""
    if "<!--" in prompt or "<!--" in answer:
        marked = [
            CardKind(found[1].lower())
            for text in (prompt, answer)
            for found in CARD_MARKER.finditer(text)
        ]
        if marked:
            prompt, answer = (CARD_MARKER.sub("", text).strip("\n") for text in (prompt, answer))
            return marked[-1], prompt, answer
    if question.candidate.shape is Shape.FLASHCARD:
        written = document.lines[question.candidate.line]
        term = " :: " in written and not asks(asked)
        both_ways = document.lines[question.candidate.last].strip() == "??"
        if ":::" in written or ";;;" in written or term or both_ways:
            return CardKind.REVERSED, prompt, answer
    return document.deck.cards, prompt, answer


def _asked(question: Question, text: str) -> bool:
    """Whether a question with nothing under it is one all the same: it asks, or it is an
    item of a numbered list that instructs (`18. Explain ...`), where a heading that does
    not ask (`### 6. Suggest your own!`) is a placeholder."""
    if asks(text):
        return True
    return question.candidate.shape is Shape.NUMBERED_ITEM and instructs(text)


def _only_asks(answer: str) -> bool:
    """Whether an "answer" answers nothing: only a list of further questions (under a
    question that sets the scene), only a hint, only empty HTML (`</br><p></p>`), or only
    the place left for one (`[Your answer here]`, `...`, `TODO`, under its label or in a
    code block)."""
    start = answer.lstrip()
    if start.startswith("<") and not EMPTY_HTML.sub("", start).strip():
        return True
    if PLACEHOLDER.fullmatch(start.rstrip()):  # `A: ...`, `TODO`
        return True
    if start[:1] == "[" and ELSEWHERE.fullmatch(start.rstrip()):
        return True  # `[Answer](answers/x.md)`: the answer is elsewhere
    if ("[" in start[:200] or start.startswith(("```", "~~~"))) and _left_to_fill(start):
        return True
    if not ITEM_LINE.match(start) and not HINT.match(start):  # most answers: text
        return False
    items = [line.strip() for line in answer.split("\n") if line.strip()]
    if items and HINT.match(items[0]):
        return True
    # one bullet that says something before it asks: `- A catalogue of needs: WHAT is to
    # be built?` answers; `- If so: why?` asks further
    said, colon, _ = items[0].partition(": ") if len(items) == 1 else ("", "", "")
    if colon and len(said.split()) > 3:
        return False
    return all(ITEM_LINE.match(item) and item.endswith(ASKS) for item in items)


def _left_to_fill(answer: str) -> bool:
    """Whether an answer is only a place left to fill in: words in brackets, alone or in a
    code block, under a label that ends with a colon (`**Space for the answer:**`), or a
    code block holding only a comment that says an answer goes there (`// answer`)."""
    written = [line.strip() for line in answer.split("\n") if line.strip()]
    written = [line for line in written if not line.startswith(("```", "~~~"))]
    if len(written) == 2 and written[0].rstrip("*_ ").endswith((":", "\uff1a")):
        written = written[1:]
    return len(written) == 1 and FILL_IN.fullmatch(written[0]) is not None


FILL_IN = re.compile(
    r"\[[^\W\d_]+(?:[ \t]+[^\W\d_]+)+\]"
    r"|(?://|#|--|/\*)[ \t]*(?:(?:your[ \t]+)?answer(?:[ \t]+here)?|todo|답변|정답|답|回答|答案|"
    r"解答|réponse|respuesta|resposta|antwort|ответ)[ \t]*(?:\*/)?",
    re.I,
)
"""Where an answer goes: words in brackets (`[Your answer here]`, `[Seu texto aqui]`), or
a comment that says so (`// answer`, `//답변`)."""


def _check_numbering(
    path: str,
    numbers: dict[tuple[str, int], int],
    section: str,
    number: int,
    previous: int | None,
    line: int,
    problems: list[Problem],
) -> None:
    first = numbers.setdefault((section, number), line)
    if first != line:
        message = f"question number {number} is used twice (first on line {first})"
    elif previous is None or number == previous + 1 or number == 1:
        return
    elif number > previous + 1:
        message = f"numbering jumps from {previous} to {number}: is one missing?"
    else:
        message = f"numbering restarts at {number} after {previous}"
    problems.append(Problem(path, line, message, Severity.WARNING, code="numbering"))


def _report_unanswered(
    path: str,
    unanswered: list[tuple[int, int]],
    any_notes: bool,
    skip_unanswered: bool,
    problems: list[Problem],
) -> None:
    """Questions without answers: each an error, with a word on leaving them out; or,
    when they are left out, one warning that counts them (unless that leaves none: then
    each is an error all the same, and there is nothing to build)."""
    if not unanswered:
        return
    count = len(unanswered)
    questions = f"{count} question{'s' * (count != 1)}"
    if skip_unanswered and any_notes:
        lines = ", ".join(str(line) for _, line in unanswered)
        problems.append(
            Problem(
                path,
                unanswered[0][1],
                f"left out {questions} without an answer (line{'s' * (count != 1)} {lines})",
                Severity.WARNING,
                code="unanswered",
            )
        )
        return
    for number, line in unanswered:
        problems.append(Problem(path, line, f"question {number} has no answer", code="unanswered"))
    if not any_notes:
        message = f"none of the {questions} has an answer"
        problems.append(Problem(path, 0, message, code="unanswered"))
    else:
        message = (
            f"{questions} ha{'ve' if count != 1 else 's'} no answer: "
            "`--skip-unanswered` builds the others"
        )
        problems.append(Problem(path, 0, message, code="unanswered"))


def of_deck(deck: DeckInfo, own: DeckInfo) -> DeckInfo:
    """What a file of a deck made of files reads with: the deck's details, and what the
    file's own front matter says of its questions (`questions`, `cards`)."""
    written = {key for key, _ in own.key_lines}
    return replace(
        deck,
        questions=own.questions if "questions" in written else deck.questions,
        cards=own.cards if "cards" in written else deck.cards,
        key_lines=own.key_lines,
    )


def without_repeats(notes: Sequence[Note]) -> tuple[list[Note], list[Problem]]:
    """The notes without copies: a question asked again with its prompt and its answer
    word for word is left out with a warning; asked again with another answer, it is kept,
    with a warning there (naming the place of the first, in the file it is in)."""
    firsts: dict[str, Note] = {}
    answers: dict[str, dict[str, Note]] = {}  # of each question asked again, by answer
    kept, problems = [], []
    for note in notes:
        question = normalise(note.asked)
        first = firsts.setdefault(question, note)
        if first is note:
            kept.append(note)
            continue
        seen = answers.setdefault(question, {normalise(first.answer): first})
        answer = normalise(note.answer)
        copied = seen.get(answer)
        if copied is not None:
            message = (
                f"this question and its answer are a copy of {_place(copied, note)}'s: left out"
            )
            problems.append(Problem(note.file, note.line, message, Severity.WARNING, code="copy"))
            continue
        message = (
            f"the same question is asked on {_place(first, note)}, with another answer: "
            "both are cards"
        )
        problems.append(
            Problem(note.file, note.line, message, Severity.WARNING, code="asked-twice")
        )
        seen[answer] = note
        kept.append(note)
    return kept, problems


def _place(first: Note, note: Note) -> str:
    """Where a note stands, as said in a problem of another note."""
    return f"line {first.line}" if first.file == note.file else f"{first.file} line {first.line}"


def _warn_of_html(
    path: str,
    notes: Sequence[Note],
    cut: Sequence[Question],
    found: Outline,
    lines: Sequence[str],
    problems: list[Problem],
) -> None:
    """A word on raw HTML kept in an answer (sanitised), once a note."""
    html = sorted((line + 1, tag) for line, tag in found.html.items() if tag not in STRUCTURAL_HTML)
    if not html:
        return
    spans = {q.candidate.line + 1: q.last for q in cut}
    position = 0
    for note in notes:
        last = spans.get(note.line, note.line)
        while position < len(html) and html[position][0] < note.line:
            position += 1
        if position < len(html) and html[position][0] <= last:
            line, tag = html[position]
            problems.append(
                Problem(
                    path,
                    line,
                    f"raw HTML <{tag}> is kept (sanitised); "
                    "put it in `backticks` to show it as text",
                    Severity.WARNING,
                    column(lines[line - 1], f"<{tag}"),
                    "raw-html",
                )
            )
