"""The parser reads the seed and the content file into exactly the notes their authors wrote."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ankigen.errors import AnkigenError, Severity
from ankigen.reading.parsing import parse
from ankigen.reading.text import Text, read_text
from tests.conftest import CONTENT, SEED

SECTIONS = [
    "Basics",
    "Algorithms and Models",
    "Model Evaluation",
    "Feature Engineering",
    "Advanced Topics",
    "Tools and Libraries",
    "Model Deployment",
    "Machine Learning in Practice",
    "Theoretical Concepts",
    "Emerging Trends and Future Directions",
]


def problems_of(content: str) -> list[str]:
    with pytest.raises(AnkigenError) as caught:
        parse(Text("deck.md", content))
    return [str(p) for p in caught.value.problems]


class TestTheSeed:
    """The raw seed file as it arrived: preamble skipped, mojibake repaired, 100 notes."""

    def test_reads_100_notes_in_10_sections_of_10(self) -> None:
        source = parse(read_text(SEED))
        assert [note.number for note in source.notes] == list(range(1, 101))
        assert list(Counter(note.section for note in source.notes).items()) == [
            (section, 10) for section in SECTIONS
        ]

    def test_first_and_last_questions_exact(self) -> None:
        first, *_, last = parse(read_text(SEED)).notes
        assert first.question == (
            "What is machine learning, and how does it differ from traditional programming?"
        )
        assert first.answer.startswith("Machine learning is a subfield of artificial intelligence")
        assert first.answer.endswith(
            "which are difficult or impossible for traditional programming to tackle."
        )
        assert last.question == (
            "How do you stay updated with the latest research and developments in machine learning?"
        )
        assert last.answer.endswith(
            "hands-on training in the latest machine learning techniques and tools."
        )
        assert last.section == "Emerging Trends and Future Directions"

    def test_preamble_is_skipped_and_its_mojibake_reported(self) -> None:
        source = parse(read_text(SEED))
        assert all("Certainly" not in note.answer for note in source.notes)
        messages = [(w.line, w.severity, w.message) for w in source.warnings]
        assert (1, Severity.WARNING, "repaired mis-encoded characters (mojibake)") in messages
        assert (1, Severity.WARNING, "text before the first question is skipped") in messages


class TestTheContentFile:
    """`content/ml-interview-questions.md` is the seed, word for word, with deck metadata."""

    def test_same_notes_as_the_seed(self) -> None:
        content, seed = parse(read_text(CONTENT)), parse(read_text(SEED))
        strip = [(n.number, n.section, n.question, n.answer) for n in content.notes]
        assert strip == [(n.number, n.section, n.question, n.answer) for n in seed.notes]
        assert content.warnings == ()

    def test_front_matter(self) -> None:
        deck = parse(read_text(CONTENT)).deck
        assert deck.title == "Machine Learning Interview Questions"
        assert deck.deck_id == 1391735954
        assert deck.slug == deck.tag == "ml-interview-questions"
        assert "10 sections" in deck.description

    def test_notes_are_tagged_by_section(self) -> None:
        notes = parse(read_text(CONTENT)).notes
        assert notes[0].tags == ("ml-interview-questions::Basics",)
        assert notes[-1].tags == ("ml-interview-questions::Emerging_Trends_and_Future_Directions",)
        assert notes[0].line == 10


class TestShapes:
    """What an answer may hold without being mistaken for new questions."""

    def test_numbered_list_in_an_answer_stays_in_it(self) -> None:
        text = "1. Q one?\nSteps:\n1. first\n2. second\n\n2. Q two?\nA two.\n"
        source = parse(Text("d.md", text))
        assert [n.question for n in source.notes] == ["Q one?", "Q two?"]
        assert source.notes[0].answer == "Steps:\n1. first\n2. second"

    def test_code_fence_in_an_answer_is_kept_whole(self) -> None:
        text = "1. Q?\n```\n2. not a question\n# not a heading\n```\n\n2. R?\nB.\n"
        notes = parse(Text("d.md", text)).notes
        assert notes[0].answer == "```\n2. not a question\n# not a heading\n```"
        assert notes[1].question == "R?"

    def test_no_sections_means_the_deck_tag_alone(self) -> None:
        note = parse(Text("my deck.md", "1. Q?\nA.\n")).notes[0]
        assert (note.section, note.tags) == ("", ("my-deck",))


class TestErrors:
    """Every problem names the file and line, and all are reported at once."""

    def test_no_questions(self) -> None:
        assert problems_of("just some prose\n") == [
            "deck.md:1:1: warning: text before the first question is skipped",
            "deck.md:1:1: error: no questions found: expected lines like `1. What is ...?`",
        ]

    def test_question_without_answer_and_duplicate_number(self) -> None:
        assert problems_of("1. First?\nYes.\n\n2. Second?\n\n2. Third?\nNo.\n") == [
            "deck.md:4:1: error: question 2 has no answer",
            "deck.md:6:1: warning: question number 2 is used twice (first on line 4)",
            "deck.md: error: 1 question has no answer: `--skip-unanswered` builds the others",
        ]

    def test_same_question_twice(self) -> None:
        """Asked again with another answer, both are cards, with a word on the second."""
        source = parse(Text("deck.md", "1. Why?\nA.\n\n2. why?\nB.\n\n3. Why?\nB.\n"))
        assert [note.answer for note in source.notes] == ["A.", "B."]
        assert [str(p) for p in source.warnings] == [
            "deck.md:4:1: warning: the same question is asked on line 1, with another answer: "
            "both are cards",
            "deck.md:7:1: warning: this question and its answer are a copy of line 4's: left out",
        ]

    def test_same_question_in_compatibility_characters(self) -> None:
        """As the lock matches questions: full-width letters and a ligature read the same."""
        source = parse(
            Text(
                "deck.md",
                "1. What is \uff2d\uff2c?\nA.\n\n2. What is ml?\nA.\n\n3. \ufb01t?\nC.\n\n"
                "4. fit?\nC.\n",
            )
        )
        assert [note.line for note in source.notes] == [1, 7]
        assert [p.code for p in source.warnings] == ["copy", "copy"]

    def test_unclosed_fence(self) -> None:
        assert problems_of("1. Q?\n```\ncode\n") == [
            "deck.md:2:1: error: this code fence is never closed",
        ]

    @pytest.mark.parametrize(
        ("front_matter", "message"),
        [
            ("title = \n", "deck.md:2:9: error: front matter is not valid TOML: Invalid value"),
            (
                "deck_id = 'x'\n",
                "deck.md:2:1: error: front matter `deck_id` must be a whole number from "
                "1073741824 to 2147483647 (2**30 to 2**31 - 1)",
            ),
            (
                "title = 'T'\ndeck_id = 1\n",
                "deck.md:3:1: error: front matter `deck_id` must be a whole number from "
                "1073741824 to 2147483647 (2**30 to 2**31 - 1)",
            ),
            (
                "deck_id = 1111111111\n",
                "deck.md:2:1: error: `deck_id` 1111111111 is the README's example: every deck "
                "needs its own (`ankigen new` picks one)",
            ),
            (
                'title = """Two\nlines"""\n',
                "deck.md:2:1: error: front matter `title` must be one line without `::` (Anki "
                "would make it a deck inside another) or control characters",
            ),
            (
                "colour = 1\n",
                "deck.md:2:1: error: unknown front matter key 'colour'; known: "
                "['cards', 'deck_id', 'description', 'notetype_id', 'questions', 'subdecks', "
                "'tag', 'title']",
            ),
        ],
    )
    def test_bad_front_matter(self, front_matter: str, message: str) -> None:
        assert problems_of(f"+++\n{front_matter}+++\n1. Q?\nA.\n") == [message]

    def test_binary_file(self, tmp_path: Path) -> None:
        path = tmp_path / "deck.md"
        path.write_bytes(b"1. Q?\nA\x00B\n")
        with pytest.raises(AnkigenError, match=r"deck.md:2:1: error: is not a text file"):
            read_text(path)

    def test_windows_1252_is_read_with_a_warning(self, tmp_path: Path) -> None:
        path = tmp_path / "deck.md"
        path.write_bytes("1. Caf\u00e9?\nYes \u2013 really.\n".encode("cp1252"))
        source = parse(read_text(path))
        assert source.notes[0].question == "Caf\u00e9?"
        assert source.notes[0].answer == "Yes \u2013 really."
        assert [w.message for w in source.warnings] == [
            "is not UTF-8; read as Windows-1252: check its accents and quotes"
        ]


class TestFrontMatterOfOtherTools:
    """YAML front matter, as Jekyll, Hugo and Obsidian write it, says what TOML's does;
    the keys of those tools are skipped, and none of it is read as content."""

    def test_yaml_keys(self) -> None:
        text = (
            "---\nlayout: post\ntitle: Spanish\ndeck_id: 1400000000\ndate: 2021-08-03\n"
            "aliases: [verbs]\ncssclass: wide\ntags: [spanish]\n---\n\n1. Q?\nA.\n"
        )
        source = parse(Text("deck.md", text))
        assert (source.deck.title, source.deck.deck_id, source.deck.tag) == (
            "Spanish",
            1400000000,
            "spanish",
        )
        assert [(note.line, note.question) for note in source.notes] == [(11, "Q?")]
        assert source.warnings == ()

    def test_a_key_left_empty_is_one_not_given(self) -> None:
        text = "---\nlayout: page\ntitle:\ndescription:\n---\n\n1. Q?\nA.\n"
        source = parse(Text("spanish-verbs.md", text))
        assert (source.deck.title, source.deck.description) == ("spanish-verbs", "")
        assert [note.question for note in source.notes] == ["Q?"]

    def test_a_yaml_error_has_its_line(self) -> None:
        assert problems_of("---\ntitle: Spanish\ndeck_id: [1\n---\n1. Q?\nA.\n") == [
            "deck.md:4:1: error: front matter is not valid YAML: "
            "expected ',' or ']', but got '<stream end>'"
        ]

    def test_a_rule_at_the_top_is_not_front_matter(self) -> None:
        source = parse(Text("deck.md", "---\n\n1. Q?\nA.\n\n---\n\n2. R?\nB.\n"))
        assert [note.question for note in source.notes] == ["Q?", "R?"]


class TestTheAuthorNamesThePattern:
    """Front matter's `questions` overrules the chooser, for the file it gets wrong."""

    TEXT = (
        "### Setup\nInstall it.\n\n### Why use it?\nIt is quick.\n\n### Upgrading\nRun it again.\n"
    )

    def test_every_heading_of_a_level(self) -> None:
        source = parse(Text("deck.md", '+++\nquestions = "###"\n+++\n' + self.TEXT))
        assert [note.question for note in source.notes] == ["Setup", "Why use it?", "Upgrading"]

    def test_a_shape_by_its_name(self) -> None:
        text = '+++\nquestions = "bullets"\n+++\n1. Intro\n\n- What is it?\n  - A tool.\n'
        assert [note.question for note in parse(Text("deck.md", text)).notes] == ["What is it?"]

    def test_an_unknown_name_is_an_error_at_its_line(self) -> None:
        (problem,) = problems_of('+++\ntitle = "T"\nquestions = "headings"\n+++\n1. Q?\nA.\n')
        assert problem.startswith("deck.md:3:1: error: front matter `questions` must be one of")
        assert '"###"' in problem
        assert '"details"' in problem


class TestColumns:
    """A problem names the column where what it is about stands, as editors expect."""

    def test_an_indented_fence(self) -> None:
        (problem, *_) = problems_of("1. Q?\nA.\n\n   ```python\n   print(1)\n")
        assert problem == "deck.md:4:4: error: this code fence is never closed"

    def test_a_display_block_never_closed(self) -> None:
        (problem,) = problems_of("1. Q?\nThe sum:\n\n   $$ x = 1\n")
        assert problem == "deck.md:4:4: error: this math block is never closed"

    def test_a_dollar_pair_in_a_sentence_is_text(self) -> None:
        notes = parse(
            Text("deck.md", "1. What does `echo` print for it?\necho $$ prints the pid\n")
        )
        assert notes.notes[0].answer == "echo $$ prints the pid"

    def test_a_question_indented_in_its_list(self) -> None:
        problems = problems_of("   1. What is X?\n\n   2. What is Y?\n   Y.\n")
        assert problems[0] == "deck.md:1:4: error: question 1 has no answer"

    def test_each_problem_has_a_code(self) -> None:
        with pytest.raises(AnkigenError) as caught:
            parse(Text("deck.md", "1. Q?\n\n3. R?\nB.\n\n```\nopen\n"))
        assert [(p.line, p.code) for p in caught.value.problems] == [
            (1, "unanswered"),
            (3, "numbering"),
            (6, "unclosed-fence"),
            (0, "unanswered"),
        ]


def test_sections_that_are_never_questions_in_other_languages() -> None:
    """A list's references and to-do sections, in the language of the list, are neither
    questions nor answer text."""
    text = (
        "### 什么是索引\uff1f\n一种数据结构。\n\n### 什么是视图\uff1f\n一张虚拟的表。\n\n"
        "### 参考\n- [文档](https://example.org)\n\n### 待完成\n- [ ] 更多问题\n"
    )
    notes = parse(Text("deck.md", text)).notes
    assert [note.question for note in notes] == ["什么是索引\uff1f", "什么是视图\uff1f"]
    assert notes[1].answer == "一张虚拟的表。"


def test_sections_that_would_share_a_tag_are_warned_of() -> None:
    """`A B` and `A_B`, or one name spelled in two Unicode forms, would be one tag in Anki."""
    text = (
        "## A B\n\n1. Q?\nA.\n\n## A_B\n\n2. R?\nB.\n\n"
        "## Caf\u00e9\n\n3. S?\nC.\n\n## Cafe\u0301\n\n4. T?\nD.\n"
    )
    warnings = [str(p) for p in parse(Text("deck.md", text)).warnings]
    assert warnings == [
        "deck.md:6:1: warning: section 'A_B' gets the tag of section 'A B' (line 1): "
        "deck::A_B; name them apart",
        "deck.md:16:1: warning: section 'Cafe\u0301' gets the tag of section 'Caf\u00e9' "
        "(line 11): deck::Cafe\u0301; name them apart",
    ]


def test_code_a_question_points_at_is_its_prompt() -> None:
    """`What does this print?` over code asks about the code: the code goes on the front,
    and the question has no answer yet; code under a question that does not point at it is
    its answer."""
    with pytest.raises(AnkigenError) as caught:
        parse(
            Text("deck.md", "1. What does this print?\n\n   ```python\n   print(2 ** 3)\n   ```\n")
        )
    assert caught.value.problems[0].message == "question 1 has no answer"
    note = parse(
        Text("deck.md", "1. How is a list reversed?\n\n   ```python\n   l[::-1]\n   ```\n")
    ).notes[0]
    assert (note.prompt, note.answer) == ("", "```python\nl[::-1]\n```")


def test_questions_numbered_under_their_sections() -> None:
    """`### 1.2. Q` under `## 1. Loops`: the question's number is its last part."""
    text = (
        "## 1. Loops\n\n### 1.1. What is an iteration?\nOne run of the body.\n\n"
        "### 1.2. What does break do?\nIt leaves the loop.\n\n"
        "## 2. Functions\n\n### 2.1. What is a closure?\nA function with its scope.\n"
    )
    source = parse(Text("deck.md", text))
    assert [(note.section, note.number, note.question) for note in source.notes] == [
        ("1. Loops", 1, "What is an iteration?"),
        ("1. Loops", 2, "What does break do?"),
        ("2. Functions", 1, "What is a closure?"),
    ]
    assert source.warnings == ()
