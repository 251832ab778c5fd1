"""Question lists in the shapes people publish them in: each fixture parses to the questions a
careful reader counts, and `check` says only what such a reader would agree with."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ankigen.cards.rendering import card_html
from ankigen.cli import cli
from ankigen.errors import AnkigenError
from ankigen.reading.answer_key import is_key
from ankigen.reading.parsing import parse, read
from ankigen.reading.text import Text, prepare, read_text
from ankigen.records import CardKind, Source
from tests.conftest import FIXTURES

PUBLISHED = FIXTURES / "published"
UNANSWERED = {
    "unanswered.md",
    "no-answers.md",
    "problem-post.md",
    "quoted-questions.md",
    "question-only.md",
    "topic-headings.md",
}
"""The fixtures whose questions lack answers (the others all have theirs)."""


def parsed(name: str) -> Source:
    return parse(read_text(PUBLISHED / name))


def questions(name: str) -> list[str]:
    return [note.question for note in parsed(name).notes]


class TestShapes:
    """Every shape: the exact questions, first and last, and one answer in full."""

    def test_numbered_items_holding_a_heading(self) -> None:
        notes = parsed("items-holding-headings.md").notes
        assert [note.question for note in notes] == [
            "What is web storage",
            "What are the differences between cookies and web storage?",
            "How do you clear a cookie",
        ]
        assert notes[0].answer == (
            "Web storage is an API that lets a browser keep key/value pairs for a site, in a way\n"
            "that is more intuitive than cookies. It offers two mechanisms:\n\n"
            "1. **Local storage:** kept with no expiry date.\n"
            "2. **Session storage:** kept until the tab is closed."
        )
        assert notes[1].answer.startswith("| Feature | Cookie | Local storage |")
        assert "# not a heading: a comment in code" in notes[2].answer
        assert not any("Back to Top" in note.answer for note in notes)

    def test_numbered_headings_with_sub_headings_in_their_answers(self) -> None:
        notes = parsed("numbered-headings.md").notes
        assert [note.question for note in notes] == [
            "What is the _vanishing gradient_ problem?",
            "How does batch normalisation help?",
            "What is dropout?",
        ]
        assert {note.section for note in notes} == {"Foundations"}
        assert "### Why it happens" in notes[0].answer
        assert "#### 1. A formula" in notes[0].answer  # numbered, but deeper than questions
        assert "# normalise" in notes[1].answer
        assert notes[2].answer == (
            "Units are dropped at random during training, which regularises the network."
        )

    def test_html_headings(self) -> None:
        notes = parsed("html-headings.md").notes
        assert [(note.section, note.question) for note in notes] == [
            ("FAQ", "Does the tool read configuration files?"),
            ("FAQ", "How do I search compressed files?"),
            ("NETWORKING", "What is a socket ?"),
            ("NETWORKING", "What is a port?"),
        ]
        assert notes[3].answer == "A number that tells the programs on one host apart."

    def test_details_answers(self) -> None:
        notes = parsed("details-answers.md").notes
        assert [note.question for note in notes] == [
            "What does `git stash` do?",
            "What is a detached HEAD?",
            "What does `git bisect` find?",
        ]
        assert notes[0].answer == (
            "It shelves the changes of the working tree so that you can work on something\n"
            "else, and brings them back with `git stash pop`."
        )
        assert all("details" not in n.answer and "summary" not in n.answer for n in notes)

    def test_faq_headings_that_ask(self) -> None:
        notes = parsed("faq.md").notes
        assert [(note.section, note.question) for note in notes] == [
            ("Searching", "How do I search binary files?"),
            ("Searching", "Why is my search slow on network drives?"),
            ("Output", "Can the output be colored?"),
        ]
        assert notes[1].answer.endswith("- `*.py` for Python files\n- `*.md` for notes")

    def test_quiz_with_options(self) -> None:
        notes = parsed("quiz.md").notes
        assert [note.question for note in notes] == [
            "What is an abstract class?",
            "What does this code print?",
            "Which collection associates values with unique keys?",
            "What is the runtime of looking up a key in a dict?",
        ]
        assert [note.number for note in notes] == [1, 2, 3, 4]
        shown = card_html(notes[0].answer)
        assert "\u2611 A class that exists only so that other classes can inherit" in shown
        assert "\u2610 A class from which any object can be made." in shown
        # what stands before the answer is the prompt, on the front: code and options
        assert notes[1].prompt.startswith('```python\nprint(list(enumerate(["a", "b"], 1)))')
        assert notes[1].prompt.endswith('- [ ] `[(1, "a"), (2, "b")]`')  # none checked there
        assert notes[1].answer == '- [ ] `[("a", 1), ("b", 2)]`\n- [x] `[(1, "a"), (2, "b")]`'
        assert notes[2].prompt == "A. `list`\nB. `dict`\nC. `tuple`"
        assert notes[2].answer == "B"
        assert notes[3].prompt == "- A. O(n)\n- B. O(1)"
        assert notes[3].answer.endswith("B: a hash table finds a key in constant time on average.")

    def test_problems_and_solutions(self) -> None:
        notes = parsed("problems-and-solutions.md").notes
        assert [note.question for note in notes] == [
            "Write a function that reverses a string without using slicing.",
            "Given a list of numbers, return the largest one without `max`.",
        ]
        assert notes[0].answer == (
            '```python\ndef reverse(text):\n    return "".join(reversed(text))\n```'
        )

    def test_bold_questions_and_bullets(self) -> None:
        notes = parsed("bold-questions.md").notes
        assert [note.question for note in notes] == [
            "What is a p-value?",
            "What is statistical power?",
            "What is a confidence interval?",
            "What is a standard error?",
            "What is the central limit theorem?",
            "What is a type I error?",
        ]
        assert notes[2].answer == (
            "A range that would contain the true parameter in a given share of repeated samples."
        )
        assert notes[4].answer == (
            "- Means of large samples are approximately normal,\n"
            "- whatever the distribution of the population."
        )

    def test_numbering_as_people_write_it(self) -> None:
        source = parsed("numbering-as-written.md")
        assert [(note.number, note.question) for note in source.notes] == [
            (1, "What is a compiler?"),
            (2, "What is an interpreter?"),
            (1, "What is a linker?"),
            (1, "What is a loader?"),
            (5, "What is a symbol table?"),
            (6, "¿Qué es la recursión?"),
            (7, "什么是栈\uff1f"),  # full-width question marks
            (8, "什么是队列\uff1f"),
            (9, "What is the gradient of $f(x) = x^2$?"),
        ]
        assert source.notes[7].answer == "一种先进先出的数据结构。"
        assert source.notes[0].section == "1. Introduction"  # `## # 1.`: marks typed twice
        assert [str(problem).split(": ", 1)[1] for problem in source.warnings] == [
            "warning: question number 1 is used twice (first on line 13)",
            "warning: numbering jumps from 1 to 5: is one missing?",
        ]

    def test_what_is_never_a_question(self) -> None:
        source = parsed("never-questions.md")
        assert [(note.section, note.question) for note in source.notes] == [
            ("Basics", "What is HTTP?"),
            ("Basics", "What is a status code?"),
        ]
        assert source.notes[1].answer == (
            "A number that says how a request went, such as 404 for not found."
        )
        assert source.warnings == ()  # badges, contents and licence pass without a word


class TestPromptsAndPatterns:
    """A file's questions found by their pattern over the whole file, and what stands
    between a question and its answer put on the card's front."""

    def test_quiz_prompts_go_on_the_front(self) -> None:
        notes = parsed("quiz-with-prompts.md").notes
        assert [(note.number, note.question) for note in notes] == [
            (1, "What does this print?"),
            (2, "What does this print?"),  # the same words, another prompt: another note
            (3, "Which keyword declares a constant?"),
        ]
        assert notes[0].prompt == (
            '```javascript\nconst pets = ["cat", "dog"];\nconsole.log(pets.length);\n```'
            "\n\n- A: `1`\n- B: `2`\n- C: `undefined`"
        )
        assert notes[0].answer == "B\n\nAn array's `length` counts its elements."
        assert notes[2].answer == "B"

    def test_flashcards_of_note_taking_apps(self) -> None:
        notes = parsed("flashcards.md").notes
        assert [(note.section, note.question) for note in notes] == [
            ("Addresses", "How many bits long is an IPv4 address?"),
            ("Addresses", "What does DNS turn a host name into?"),
            ("Transport", "Name the two transport protocols every host speaks."),
            ("Transport", "What does a port number tell apart?"),
            ("Words", "latency"),
            ("Words", "bandwidth"),
        ]
        assert notes[1].answer == "An address, such as $10.0.0.1$."
        assert notes[4].answer == "- noun\n\t- the time a packet takes to arrive"  # under `?`
        kinds = [note.kind for note in notes]
        assert kinds == [CardKind.BASIC] * 5 + [CardKind.REVERSED]  # `??`: both ways
        assert notes[2].answer == (
            "1. TCP, which delivers a stream in order.\n"
            "2. UDP, which sends datagrams and promises nothing."
        )
        assert not any("SR:" in note.answer for note in notes)

    def test_exercise_book_asks_under_its_headings(self) -> None:
        notes = parsed("exercise-book.md").notes
        assert [note.question for note in notes] == [
            "Write a program that prints every number from 1 to 50 that is divisible by 3 but "
            "not by 9. Print them on one line, separated by commas.",
            "Write a function that returns the sum of the digits of a whole number.",
            "Write a program that reads a word and prints it backwards.",
        ]
        assert notes[0].prompt == "Hints:\nA range and the `%` operator are all you need."
        assert notes[2].answer == "```python\nprint(input()[::-1])\n```"

    def test_tasks_answered_in_details(self) -> None:
        notes = parsed("tasks-with-details.md").notes
        assert [note.question for note in notes] == [
            "Start a pod named web from the image nginx",
            "Delete the pod web without waiting",
            "List the pods of every namespace",
        ]
        assert "# then watch it start" in notes[0].answer  # a comment in code, not a heading

    def test_template_quiz_with_yaml_front_matter(self) -> None:
        source = parsed("template-quiz.md")
        assert source.deck.title == "Array quiz"
        notes = source.notes
        assert [note.question for note in notes] == [
            "What does this print?",
            "Which method adds an element to the end of an array?",
        ]
        assert (
            notes[0].prompt == '```js\nconst letters = ["a", "b"];\nconsole.log(letters[5]);\n```'
        )
        assert [note.answer for note in notes] == ["`undefined`", "`push`"]
        assert not any("null" in note.prompt for note in notes)  # wrong options stay off

    def test_a_list_of_details(self) -> None:
        notes = parsed("details-list.md").notes
        assert [(note.section, note.question) for note in notes] == [
            ("Basics (2)", "What does `set -e` do?"),
            ("Basics (2)", "How do you read a file line by line?"),
            ("Processes (1)", "What is a zombie process? ***"),
        ]
        assert notes[0].answer == "The shell stops at the first command that fails."

    def test_problems_asked_in_the_paragraph_under_them(self) -> None:
        with pytest.raises(AnkigenError) as caught:
            parsed("problem-post.md")
        path = PUBLISHED / "problem-post.md"
        assert [str(problem) for problem in caught.value.problems if "error" in str(problem)] == [
            f"{path}:31:1: error: question 3 has no answer",  # only a spacer under it
            f"{path}: error: 1 question has no answer: `--skip-unanswered` builds the others",
        ]
        notes = parse(read_text(path), skip_unanswered=True).notes
        assert [note.question for note in notes] == [
            "A fair die is rolled twice. What is the chance that the second roll is higher than "
            "the first?",
            "How many times must a fair coin be tossed, on average, to see the first head?",
        ]
        assert notes[0].answer == (
            "Of the 36 outcomes, 6 are ties and the rest split evenly: $\\frac{15}{36}$."
        )

    def test_two_questions_over_one_answer(self) -> None:
        notes = parsed("shared-answers.md").notes
        assert [(note.section, note.question) for note in notes] == [
            ("Q&A: Drawing", "Why does my window flicker?"),
            ("Q&A: Drawing", "Why are parts of my window drawn twice?"),
            ("Q&A: Drawing", "How do I change the font?"),
            ("Q&A: Community", "How can I help?"),
        ]
        assert notes[0].answer == notes[1].answer
        assert "Return to Index" not in notes[2].answer
        assert notes[2].answer.endswith('load_font("fonts/plain.ttf", 14);\n```')

    def test_faq_entries_written_as_statements(self) -> None:
        notes = parsed("faq-statements.md").notes
        assert [note.question for note in notes] == [
            "Why is the first sync so slow?",
            "The progress bar jumps backwards",
            "Can I sync two folders both ways?",
            "Files named in full-width letters look different",
        ]

    def test_a_fence_closed_by_its_list_item(self) -> None:
        notes = parsed("fence-closed-by-item.md").notes
        assert [note.question for note in notes] == [
            "What makes a database relational?",
            "Write a query that counts the rows of a table.",
            "Name two kinds of join.",
        ]
        assert notes[1].answer == "* ```sql\n  SELECT COUNT(*) FROM orders;"

    def test_questions_with_sub_questions_or_hints_are_unanswered(self) -> None:
        with pytest.raises(AnkigenError) as caught:
            parsed("question-only.md")
        lines = [p.line for p in caught.value.problems if "has no answer" in p.message]
        assert lines == [5, 6, 7, 10]
        assert caught.value.problems[-1].message == "none of the 4 questions has an answer"


class TestUnanswered:
    """Questions without answers are listed; a build leaves them out only when asked."""

    def test_each_is_an_error_that_names_the_way_out(self) -> None:
        with pytest.raises(AnkigenError) as caught:
            parsed("unanswered.md")
        path = PUBLISHED / "unanswered.md"
        assert [str(problem) for problem in caught.value.problems] == [
            f"{path}:6:1: error: question 2 has no answer",
            f"{path}:11:1: error: question 4 has no answer",
            f"{path}: error: 2 questions have no answer: `--skip-unanswered` builds the others",
        ]

    def test_a_list_with_no_answers_at_all_says_so(self) -> None:
        with pytest.raises(AnkigenError) as caught:
            parsed("no-answers.md")
        assert str(caught.value.problems[-1]).endswith(
            "error: none of the 3 questions has an answer"
        )

    def test_build_leaves_them_out_when_asked(self, runner: CliRunner, tmp_path: Path) -> None:
        path = str(shutil.copy(PUBLISHED / "unanswered.md", tmp_path))
        decks = tmp_path / "decks"
        refused = runner.invoke(cli, ["build", path, "-o", str(decks)])
        assert refused.exit_code == 1
        assert "`--skip-unanswered` builds the others" in refused.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["unanswered.md"]
        built = runner.invoke(cli, ["build", "--skip-unanswered", path, "-o", str(decks)])
        assert built.exit_code == 0, built.output
        assert "left out 2 questions without an answer (lines 6, 11)" in built.stderr
        assert "2 questions in 1 section" in built.output

    def test_leaving_out_every_question_is_no_deck(self, runner: CliRunner, tmp_path: Path) -> None:
        path = str(shutil.copy(PUBLISHED / "no-answers.md", tmp_path))
        refused = runner.invoke(
            cli, ["build", "--skip-unanswered", path, "-o", str(tmp_path / "d")]
        )
        assert refused.exit_code == 1
        assert refused.stderr.splitlines()[-1].endswith("none of the 3 questions has an answer")
        assert "no questions found" not in refused.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["no-answers.md"]

    def test_check_lists_them_by_line(self, runner: CliRunner) -> None:
        path = str(PUBLISHED / "unanswered.md")
        result = runner.invoke(cli, ["check", path])
        assert result.exit_code == 1
        assert result.stderr.splitlines()[:2] == [
            f"{path}:6:1: error: question 2 has no answer",
            f"{path}:11:1: error: question 4 has no answer",
        ]


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in PUBLISHED.glob("*.md") if p.name not in UNANSWERED),
)
def test_check_says_only_what_a_reader_would_agree_with(runner: CliRunner, name: str) -> None:
    """No question whose answer is in a list item or a `<details>` block is called
    unanswered, and nothing in a fixture is an error."""
    result = runner.invoke(cli, ["check", str(PUBLISHED / name)])
    assert result.exit_code == 0, result.stderr
    assert "has no answer" not in result.stderr


def test_logseq_cards_at_any_depth() -> None:
    """Bullets tagged `#card` are the questions, however deep (a heading block by its
    words); what is nested under each is its answer, without Logseq's scheduling
    properties; other bullets are not cards."""
    notes = parsed("logseq-cards.md").notes
    assert [(note.line, note.question) for note in notes] == [
        (2, "Terse"),
        (5, "Verbose"),
        (11, "What does idempotent mean?"),
        (13, "Laconic"),
        (15, "Which word means brief?"),  # the tag glued to its last word
    ]
    assert notes[0].answer == "- Meaning: using few words\n- Example: a terse reply"
    assert notes[1].answer == "- Meaning: using more words than needed"


def test_topic_headings_over_their_questions() -> None:
    """A heading that names a topic over a paragraph that asks: the paragraph goes on the
    front with it, and what follows is the answer (none here but for one)."""
    reading = read(prepare(read_text(PUBLISHED / "topic-headings.md")))
    assert [(p.line, p.message) for p in reading.source.warnings if "answer" in p.message] == [
        (5, "question 1 has no answer"),
        (13, "question 3 has no answer"),
        (0, "2 questions have no answer: `--skip-unanswered` builds the others"),
    ]
    (note,) = reading.source.notes
    assert note.question == "Dependency injection"
    assert note.prompt == (
        "What does a class gain when it is given its collaborators instead of making them?"
    )
    assert note.answer == "Its tests can hand it fakes, and its callers choose what it talks to."


def test_items_numbered_alike_are_numbered_in_order() -> None:
    """`1.` before every question (GitHub numbers them 1, 2, 3): each is a question, in order,
    without a word about numbers used twice."""
    source = parsed("lazy-numbers.md")
    assert [(note.number, note.question) for note in source.notes] == [
        (1, "What is a stand-up meeting for?"),
        (2, "Name the roles of a small scrum team"),
        (3, "What is a retrospective?"),
    ]
    assert source.warnings == ()


def test_a_summary_that_holds_code_under_its_question() -> None:
    """A `<summary>` running on over its question's code: the question is its first words
    (without the badge), the code its prompt, and what follows `</summary>` the answer."""
    notes = parsed("summary-with-code.md").notes
    assert [(note.number, note.question) for note in notes] == [
        (1, "What does this print?"),
        (2, "What does this print?"),
    ]
    assert notes[0].prompt == "```python\nprint([1, 2] * 2)\n```"
    assert notes[0].answer == "`[1, 2, 1, 2]`: multiplying a list repeats it."


def test_cards_the_plugin_schedules_in_a_note_with_headings() -> None:
    """A note with headings and prose, and `question::answer` cards the spaced-repetition
    plugin schedules (its comments under most of them): the cards are the questions, each
    of them, even `B::b` that reads like a path in code, and the headings are sections."""
    notes = parsed("scheduled-cards.md").notes
    assert [note.question for note in notes] == [
        "what the bowline makes",
        "what the B in the drill stands for",
        "what a clove hitch holds",
        "what a sheet bend joins",
        "what a reef knot joins",
    ]
    assert notes[1].answer == "bight, the loop you form first"
    assert [note.section for note in notes] == ["Holding knots"] * 3 + ["Bends"] * 2
    assert {note.kind for note in notes} == {CardKind.BASIC}  # the plugin's one-way cards


def test_a_problem_s_statement_and_examples_before_its_approaches() -> None:
    """A puzzle notebook: a problem's statement and examples are the card's front; its
    answer starts at the first `Approach` heading (rules between them left out)."""
    first, second = parsed("approach-headings.md").notes
    assert first.question == "Pair sum"
    assert first.prompt.startswith("Given a list of whole numbers")
    assert first.prompt.endswith("Output: [1, 2]\n``")
    assert first.answer.startswith("Approach 1: Try every pair")
    assert "Approach 2: Remember what you have seen" in first.answer
    assert second.answer.startswith("Approach: Two pointers")


def test_headings_over_a_question_mark_are_cards() -> None:
    """The spaced-repetition plugin's card whose front is a heading: the heading over a `?`
    line is the question, what follows the answer (without the plugin's schedule, which
    changes at each review); bold headings between them are sections, named without their
    bold."""
    notes = parsed("heading-cards.md").notes
    assert [(note.section, note.question) for note in notes] == [
        ("Part 1: Cells", "Nucleus"),
        ("Part 1: Cells", "Ribosome"),
        ("Part 2: Tissues", "Epithelium"),
    ]
    assert notes[1].answer == "Builds proteins from amino acids."
    assert notes[2].answer == "- Lines the surfaces of the body.\n- Its cells sit close together."


def test_cards_between_start_and_end() -> None:
    """Obsidian_to_Anki's blocks: `START`, the note type's name, the front, `Back:` and the
    back, its note id's comment, `END`; whether the front shares the first lines or stands
    apart, and whatever the note type is called; and the same between `%%ANKI` and `END%%`,
    where Obsidian hides them as a comment."""
    notes = parsed("card-blocks.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What does an acid give away in water?", "A hydrogen ion."),
        (
            "Which scale measures how acidic a solution is?",
            "- The pH scale, from 0 to 14.\n- 7 is neutral.",
        ),
        ("What does a base take up in water?", "A hydrogen ion."),
    ]


def test_a_page_held_in_one_bullet() -> None:
    """An outliner's page, all of it under one bullet (its title): read as it reads inside
    the bullet, the title its section; a Turkish quiz's labels (`Soru 1:`, `Doğru cevap:`)
    read as a question's and an answer's, its options on the front."""
    notes = parsed("page-in-one-bullet.md").notes
    assert [(note.section, note.question, note.answer) for note in notes] == [
        ("Kimya: test", "Suyun formülü nedir?", "A"),
        ("Kimya: test", "Hangi element O ile gösterilir?", "B"),
        ("Kimya: test", "Tuzun formülü nedir?", "A"),
    ]
    assert notes[0].prompt == "A) H2O\n\nB) CO2"
    assert notes[1].line == 13
    (jump,) = parsed("page-in-one-bullet.md").warnings
    assert (jump.line, jump.col, jump.code) == (23, 5, "numbering")  # where it is in the file


def test_an_overview_of_the_questions_answered_below() -> None:
    """A page that lists its questions before it answers them: the list is its overview,
    not questions without answers."""
    source = parsed("overview-then-answers.md")
    assert [(note.line, note.question) for note in source.notes] == [
        (12, "How does a Deployment roll out a new image?"),
        (17, "When is a StatefulSet the right choice?"),
        (21, "What does a Service of type ClusterIP give a pod?"),
    ]
    assert not [p for p in source.warnings if p.code == "unanswered"]


def test_items_holding_headings_with_deeper_headings_in_their_answers() -> None:
    """`1. ### Question` with `#### Part` under it, written flush left: the deeper headings
    are parts of its answer, a heading as high as the questions' a section."""
    notes = parsed("items-holding-headings-flat.md").notes
    assert [(note.section, note.question) for note in notes] == [
        ("Functions", "What are *args and **kwargs?"),
        ("Functions", "What does a decorator do?"),
        ("Classes", "What is a dataclass?"),
    ]
    assert notes[0].answer.startswith("#### *args\n\nCollects extra positional")
    assert "#### **kwargs" in notes[0].answer


def test_a_note_of_flashcards_with_clozes_of_their_own() -> None:
    """A note of the spaced-repetition plugin: a paragraph that holds a deletion is a cloze
    card of its own (its deletions its answer), not the answer of the card before it."""
    notes = parsed("flashcards-with-clozes.md").notes
    assert [(note.kind, note.question, note.answer) for note in notes] == [
        (
            CardKind.BASIC,
            "What does a ribosome make?",
            "Proteins, from the code a messenger RNA carries.",
        ),
        (
            CardKind.CLOZE,
            "The ==mitochondrion== turns sugar and oxygen into the cell's energy.",
            "",
        ),
        (
            CardKind.BASIC,
            "Name the cell's outer boundary.",
            "The cell membrane, a double layer of lipids.",
        ),
        (CardKind.CLOZE, "A plant cell also has a ==cell wall== made of ==cellulose==.", ""),
    ]
    assert [len(note.deletions) for note in notes] == [0, 1, 0, 2]


def test_a_numbered_cloze_needs_no_answer_under_it() -> None:
    source = parse(
        Text("deck.md", "1. The ==heart== pumps blood.\n\n2. What do lungs do?\nBreathe.\n")
    )
    assert [(note.kind, note.answer) for note in source.notes] == [
        (CardKind.CLOZE, ""),
        (CardKind.BASIC, "Breathe."),
    ]


def test_a_faq_that_asks_at_two_heading_levels() -> None:
    """Questions as `##` headings, then `##` sections over `###` questions: a section's
    heading is no question, and its `###` headings are, one alone or with an entry that
    states a problem among them."""
    notes = parsed("faq-two-levels.md").notes
    assert [(note.section, note.question) for note in notes] == [
        ("Backup tool FAQ", "Does it encrypt the archive?"),
        ("Backup tool FAQ", "Can it resume an interrupted upload?"),
        ("Backup tool FAQ", "Which storage services can it write to?"),
        ("Backup tool FAQ", "Does it keep old versions of a file?"),
        ("Restoring", "How long does a full restore take?"),
        ("Errors seen in the log", "Why does it say the repository is locked?"),
        ("Errors seen in the log", 'What does "chunk missing" mean?'),
        ("Errors seen in the log", 'A run stops with "out of memory"'),
    ]
    assert notes[5].answer.startswith("Another run still holds the lock")


def test_a_table_of_questions_and_answers() -> None:
    """A table whose header names its question and answer columns (in the file's language)
    is one card a row; a table of words beside it is not."""
    notes = parsed("table-cards.md").notes
    assert [(note.number, note.section, note.question, note.answer) for note in notes] == [
        (1, "Question cards", "¿Cómo se dice *exit* en español?", "La salida."),
        (
            2,
            "Question cards",
            "¿Qué se paga en una autopista de peaje?",
            "El peaje, en una cabina o con una etiqueta.",
        ),
        (
            3,
            "Question cards",
            "¿Qué significa `ceda el paso`?",
            "*Give way*: deje pasar a los demás.",
        ),
    ]


def test_a_troubleshooting_page_names_its_problems() -> None:
    """A page titled FAQ or Troubleshooting: each heading over text that holds no deeper
    heading is an entry (at whatever level), a heading over deeper ones a section."""
    notes = parsed("troubleshooting.md").notes
    assert [note.question for note in notes] == [
        "The server is not found",
        "Login is refused",
        "Files with long names are skipped",
        "The tray icon is missing",
    ]
    assert [note.section for note in notes[:3]] == ["Connecting", "Connecting", "Files"]
    assert notes[1].answer == "Your token may have expired: sign in again with `sync login`."


def test_a_portuguese_quiz_with_labelled_parts() -> None:
    """`## Questão N`, its text under `**Enunciado:**`, the options on the front and the
    answer after `**Resposta correta:**`."""
    notes = parsed("quiz-pt.md").notes
    assert [(note.number, note.question) for note in notes] == [
        (1, "Qual camada do modelo OSI roteia pacotes entre redes?"),
        (2, "Qual protocolo entrega bytes em ordem e sem perdas?"),
    ]
    assert "a) Enlace" in notes[0].prompt
    assert notes[0].answer.startswith("b\n\n> A camada de rede")
    assert notes[1].answer == "b"


def test_options_marked_right_with_a_check_mark() -> None:
    """Options whose right ones end in a check mark: on the front without the marks, on
    the back with them, and the explanation after."""
    first, second = parsed("marked-options.md").notes
    assert first.question == "Which index type keeps keys in sorted order?"
    assert first.prompt == "- A) Hash index\n- B) B-tree index\n- C) Bitmap index"
    assert first.answer.startswith("- A) Hash index\n- B) B-tree index ✓\n")
    assert first.answer.endswith("so it serves range queries too.")
    assert "✔" not in second.prompt
    assert second.answer.count("✔") == 2


def test_question_boxes_of_a_docs_site() -> None:
    """MkDocs' question boxes: the title is the question, what is indented under it the
    answer (dedented, its code block kept); a box of another kind is no question."""
    first, second = parsed("question-boxes.md").notes
    assert first.question == "Why does the simulator stop at start-up?"
    assert first.answer == (
        "The graphics card may be out of memory: close other programs and try again.\n"
        "Check the memory in use with:\n\n```bash\nnvidia-smi\n```"
    )
    assert (second.question, second.answer) == (
        "How do I reset the map?",
        "Delete the `cache` folder and restart.",
    )


def test_ticked_options_over_an_explanation() -> None:
    """Options as a task list with the right one ticked, then an explanation in
    `<details>`: the front shows none ticked, the back the ticked one over the explanation."""
    first, second, third = parsed("ticked-options-explained.md").notes
    assert "[x]" not in first.prompt
    assert first.prompt.splitlines()[1] == "- [ ] A serverless container service"
    assert first.answer.startswith("- [ ] A virtual machine scale set\n- [x] A serverless")
    assert first.answer.endswith("on capacity the provider manages.")
    assert second.answer.splitlines()[0] == "- [x] The archive tier"
    assert "[x]" not in third.prompt


def test_a_question_written_over_two_headings() -> None:
    """`### 3. A scenario` with nothing under it, then `### Which ... fits?` at its level: one
    question, the second heading what it asks, on the front over the options."""
    third = parsed("ticked-options-explained.md").notes[2]
    assert third.question.startswith("A shop moves its web servers to the cloud")
    assert third.prompt.startswith("Which pricing model fits best?\n\n- [ ] Pay as you go")
    assert third.answer.endswith("stops when the servers stop.")


def test_headings_that_ask_beside_sections_of_card_lines() -> None:
    """A note of `Q::A` lines under topic headings, with questions asked in headings
    between them: every card is read, a bare number is an answer, and lines of `term::fact`
    under one another are cards even where one alone would read as code."""
    notes = parsed("headings-and-card-lines.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        ("How many planets orbit the Sun?", "8"),
        ("Speed of light", "about 300,000 km/s"),
        ("Atomic number of carbon", "6"),
        ("Freezing point of water", "0 °C"),
        ("Why is the sky blue?", "Air scatters blue light more than red light."),
        ("Unit of force", "newton"),
        ("Unit of energy", "joule"),
    ]
    assert [note.section for note in notes if note.question.startswith("Unit")] == ["Units"] * 2


def test_questions_in_quotation_marks_and_other_scripts() -> None:
    """A heading that asks inside quotation marks (a setext one, as some FAQs are written,
    or as an interviewer says it), its words the question (quotes inside it stay), and one
    that asks with the Arabic script's question mark."""
    text = (
        "“Which editor should I use?”\n---------------------------\n\nAny you like.\n\n"
        "“Where do I start?”\n-------------------\n\nWith the tutorial.\n\n"
        '## "Tell me about yourself."\n\nKeep it to two minutes.\n\n'
        '## What does "done" mean here?\n\nTested and shipped.\n\n'
        "## \u0686\u0631\u0627 \u061f\n\nFor this reason.\n"
    )
    notes = parse(Text("faq.md", text)).notes
    assert [note.question for note in notes] == [
        "Which editor should I use?",
        "Where do I start?",
        "Tell me about yourself.",
        'What does "done" mean here?',
        "\u0686\u0631\u0627 \u061f",
    ]


def test_cards_whose_sides_hold_code() -> None:
    """`Q::A` cards with code in the question or the answer: a `::` inside code is never the
    separator, and a line of prose that names `a::b` in code is no card."""
    text = (
        "What does `std::move` do?::It casts its argument to an rvalue.\n\n"
        "Which element names another account?::The `Principal` element.\n\n"
        "Prefer `std::vector` to arrays in new code.\n"
    )
    notes = parse(
        Text(
            "cards.md",
            text,
        ),
        skip_unanswered=True,
    ).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What does `std::move` do?", "It casts its argument to an rvalue."),
        ("Which element names another account?", "The `Principal` element."),
    ]


def test_details_written_back_to_back() -> None:
    """`</details>` and the next `<details>` on the lines after it, no blank line between:
    one block of HTML to the engine, each its own question."""
    notes = parsed("details-back-to-back.md").notes
    assert [(note.number, note.question, note.answer.strip()) for note in notes] == [
        (1, "What is a bean?", "An object the Spring container creates and manages."),
        (2, "What does @Autowired do?", "It asks the container to inject a dependency."),
        (3, "What is a profile?", "A named set of beans and settings for one environment."),
    ]


def test_an_answer_of_empty_html_is_no_answer() -> None:
    """`<details>` whose answer is only `</br>` and an empty `<p></p>` answers nothing."""
    text = (
        "<details>\n  <summary>What is a hash table?</summary>\n  </br>\n  <p></p>\n"
        "</details>\n\n<details>\n  <summary>What is a heap?</summary>\n  </br>\n"
        "  <p>A tree whose parents are never smaller than their children.</p>\n</details>\n"
    )
    with pytest.raises(AnkigenError) as caught:
        parse(Text("deck.md", text))
    assert [p.message for p in caught.value.problems if p.line] == ["question 1 has no answer"]


def test_a_heading_without_its_q_among_q_headings() -> None:
    """`### Q. Topic` headings, one written without its `Q.`: an entry of the same list."""
    text = (
        "### Q. Stack\n\nA. Last in, first out.\n\n### Queue\n\nA. First in, first out.\n\n"
        "### Q. Deque\n\nA. Both ends.\n"
    )
    notes = parse(Text("deck.md", text)).notes
    assert [note.question for note in notes] == ["Stack", "Queue", "Deque"]


def test_questions_written_as_quotes() -> None:
    """Each question a one-line quote, its answer the bullet under it; a quote with nothing
    under it before the next is unanswered."""
    with pytest.raises(AnkigenError) as caught:
        parsed("quoted-questions.md")
    assert [str(p) for p in caught.value.problems if p.line] == [
        f"{PUBLISHED / 'quoted-questions.md'}:9:1: error: question 3 has no answer"
    ]
    source = parse(read_text(PUBLISHED / "quoted-questions.md"), skip_unanswered=True)
    assert [(note.question, note.answer[:14]) for note in source.notes] == [
        ("What is a closure?", "- A function t"),
        ('Why does `typeof null` say "object"?', "- A mistake of"),
        ("What does `Array.prototype.at` do?", "- It returns t"),
    ]


def test_a_category_line_over_the_question() -> None:
    """`## Question N`, a line that names its category, then the question: the question is
    the paragraph that asks, the category and the options go on the front, and the answer
    in `<details>` (its show-answer label left out) on the back."""
    first, second = parsed("exam-with-categories.md").notes
    assert first.question == "What number comes next: 3, 6, 12, 24, __?"
    assert first.prompt.startswith("**Category:** Number series")
    assert "- [ ] **B)** 48" in first.prompt
    assert first.answer.startswith("- **Correct answer:** B) 48")
    assert second.question == 'Which word means the opposite of "scarce"?'


def test_card_lines_under_a_topic_among_headings_that_ask() -> None:
    """Headings that ask are the file's questions; a topic heading among them over lines of
    `Q::A` holds cards of its own (read, not skipped as a section's text); a heading written
    as an instruction (`Explain ...`) asks, and a preface's heading does not."""
    notes = parsed("review-headings-and-card-sections.md").notes
    assert [note.question for note in notes] == [
        "Explain what a cell membrane does",
        "What does a ribosome make?",
        "Powerhouse of the cell",
        "Where photosynthesis happens",
        "Holds the cell's DNA",
        "Why do cells divide?",
        "What is osmosis?",
        "What is diffusion?",
    ]
    assert notes[3].answer == "chloroplast"
    assert notes[3].section == "Organelles at a glance"


@pytest.mark.parametrize(
    ("instruction", "asked"),
    [
        ("Describe the stages of mitosis", True),
        ("介绍JavaScript的基本数据类型", True),
        ("Erklären Sie den Unterschied zwischen TCP und UDP", True),
        ("細胞膜の働きを説明せよ", True),
        ("Spiega la differenza tra processo e thread", True),
        ("Wyjaśnij pojęcie przerwania", True),
        ("동기와 비동기의 차이를 설명 부탁드립니다.", True),
        ("Listening to the lectures", False),
        ("Named entities", False),
        ("Outline", False),
    ],
)
def test_a_heading_written_as_an_instruction_asks(instruction: str, asked: bool) -> None:
    """A heading that asks as an instruction does (`Describe ...`, `介绍...`, `...を説明せよ`)
    is a question by its own words, even among cards written on lines (`Q::A`); a heading
    that only starts with such a word's letters is a title over text."""
    text = (
        "# Review\n\nWhat is a cell?::The smallest unit of life.\n\n"
        "What is a gene?::A stretch of DNA that codes for a product.\n\n"
        f"## {instruction}\n\nThe answer to it.\n"
    )
    notes = parse(Text("review.md", text)).notes
    assert (notes[-1].question == instruction) is asked
    assert len(notes) == 2 + asked


def test_an_answer_indented_inside_details() -> None:
    """An answer indented inside `<details>`, with no blank line after its summary, is raw
    HTML where GitHub shows it: text, not a code block; its `Antwort:` label is dropped."""
    text = (
        "## Which address is the loopback?\n\n- [ ] a) 10.0.0.1\n- [ ] b) 127.0.0.1\n\n"
        "<details>\n    <summary>Antwort</summary>\n"
        "    Antwort: b. <br> Every 127.x.x.x address loops back.\n</details>\n\n"
        "## Which port does HTTPS use?\n\n"
        "<details>\n    <summary>Antwort</summary>\n    443, the port of HTTP over TLS.\n"
        "</details>\n"
    )
    first, second = parse(Text("quiz.md", text)).notes
    assert first.prompt == "- [ ] a) 10.0.0.1\n- [ ] b) 127.0.0.1"
    assert first.answer == "b. <br> Every 127.x.x.x address loops back."
    assert second.answer == "443, the port of HTTP over TLS."


def test_paragraphs_that_ask_over_their_answers() -> None:
    """Questions written as plain paragraphs, with neither number, mark nor heading: each
    paragraph that asks is a card, its answer the bullets or indented lines under it (a
    question with an instruction after its question mark included); the headings over
    several of them are their sections, not questions of their own."""
    notes = parsed("paragraph-questions.md").notes
    assert notes[8].answer == "> 0.2 dB times 30 km is 6 dB."
    assert [(note.line, note.question, note.section) for note in notes] == [
        (3, "What does a router do?", "Lesson 1"),
        (7, "Which command shows the path packets take to a host?", "Lesson 1"),
        (12, "Why would a hop answer with an asterisk?", "Lesson 1"),
        (19, "What is a subnet mask for? Explain with an example.", "Lesson 2"),
        (27, "Which protocol does ping use?", "Lesson 2"),
        (33, "What does DNS turn a name into?", "Lesson 3"),
        (37, "Where does a host look first for a name it has just resolved?", "Lesson 3"),
        (43, "Which layer does a switch work on?", "Lesson 4"),  # its line break's `\\` aside
        (
            46,
            "A link loses 0.2 dB per kilometre and is 30 km long? Estimate its loss as follows:",
            "Lesson 4",
        ),
    ]
    assert notes[0].answer == (
        "- It forwards packets between networks.\n"
        "- A router reads each packet's destination address and picks the next hop from "
        "its table."
    )
    assert notes[3].answer.startswith("    It splits an address")
    assert notes[4].answer == "- ICMP"


def test_paragraphs_that_ask_in_a_preface_stay_its_text() -> None:
    """Where a file's questions are marked (numbered headings here), a section of plain
    paragraphs that happen to ask is the file's text, not a section of questions."""
    text = (
        "# Interview notes\n\n## About\n\nWho is this for?\n\nAnyone who hires.\n\n"
        "Why another list?\n\nThe others are old.\n\n## Questions\n\n"
        "### 1. What is a closure?\n\nA function with the scope it was made in.\n\n"
        "### 2. What is hoisting?\n\nDeclarations moved to the top of their scope.\n\n"
        "### 3. What is an event loop?\n\nWhat runs queued callbacks when the stack is empty.\n"
    )
    notes = parse(Text("notes.md", text)).notes
    assert [note.question for note in notes] == [
        "What is a closure?",
        "What is hoisting?",
        "What is an event loop?",
    ]


def test_logseq_blocks_tagged_flashcard() -> None:
    """`#flashcard`, as the plugins that sync Logseq with Anki tag a card, marks one as
    `#card` does; a block of several lines is a card by the tag on its last line, its
    question its lines without their properties."""
    notes = parsed("logseq-flashcards.md").notes
    assert [(note.line, note.question, note.answer) for note in notes] == [
        (3, "What does the launcher run first?", "- The single source file, compiled in memory."),
        (7, "[CODE] Print a number with two decimals", '- System.out.printf("%.2f", x);'),
    ]


def test_obsidian_callouts_that_ask() -> None:
    """An Obsidian callout of the kinds that ask (`[!question]`, `[!faq]`, `[!help]`,
    folded or not) is a question box: its title the question, the rest of its quote the
    answer; a callout of another kind is text."""
    notes = parsed("obsidian-callouts.md").notes
    assert [(note.line, note.question, note.answer) for note in notes] == [
        (5, "encapsulation: what it is and why",
         "- it hides a class's fields behind its methods\n- callers depend on the interface alone"),
        (9, "What does a wrapper class hold?",
         "One value of a primitive type.\n\n- boxing makes one\n- unboxing reads it"),
    ]  # fmt: skip


def test_a_label_heading_over_the_heading_that_asks() -> None:
    """`### Question 1` only numbers the question the heading under it asks: that heading
    is the question, and the options on the lines right under it are its prompt."""
    notes = parsed("label-headings-quiz.md").notes
    assert [(note.question, note.prompt) for note in notes] == [
        ("Which hook keeps state in a function component:", "A- useState\n\nB- useEffect"),
        ("Which attribute must each item of a rendered list carry?", "A- id\n\nB- key"),
    ]
    assert notes[1].answer == "B- key"


def test_a_question_over_its_options_with_no_blank_line() -> None:
    """Under a heading that only numbers it, the question's line is its own paragraph: a
    list that starts on the next line (options, one ticked) is its prompt, not more of its
    text, a question mark inside the question notwithstanding."""
    notes = parsed("label-headings-tasks.md").notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        (
            "What does the ? wildcard match?",
            "- [ ] Any run of characters\n- [ ] Exactly one character\n- [ ] Only digits",
            "- [ ] Any run of characters\n- [x] Exactly one character\n- [ ] Only digits",
        ),
        ("Which command makes an empty file?", "- [ ] touch\n- [ ] rm", "- [x] touch\n- [ ] rm"),
    ]


def test_a_faq_page_of_a_documentation_site() -> None:
    """A page whose front matter titles it a FAQ is one: its first entry names a problem
    (over an answer that itself asks), its index of links is none, and the ids written
    after the headings for the site's links (`{#schedule}`) are not part of the questions."""
    notes = parsed("faq-site-page.md").notes
    assert [(note.line, note.question) for note in notes] == [
        (16, "My page does not show"),
        (20, "Can I set options from the environment?"),
        (24, "How do I schedule a post?"),
    ]
    assert notes[0].answer == "Is it a draft? Drafts are built only with `--drafts`."


def test_a_quiz_answered_by_a_key_at_its_end() -> None:
    """The answer key at the end of a quiz (`## Answers & Explanations`, numbered) answers
    its questions by their numbers: what stands under each question (its options) goes on
    the front, the key's entry on the back; the key itself, and what follows it, are no
    questions."""
    notes = parsed("answer-key.md").notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        (
            "What do you pay for with on-demand pricing?",
            "- A. A fixed monthly fee\n- B. What you use, by the second or the hour\n"
            "- C. A three-year commitment",
            "**B. What you use, by the second or the hour**\n"
            "- Nothing is paid up front, and nothing when idle.",
        ),
        (
            "Which service runs code without servers to manage?",
            "- A. A virtual machine\n- B. A functions service\n- C. An object store",
            "**B. A functions service**\n- It runs your code when an event arrives.",
        ),
    ]


def test_an_answer_key_in_parts_named_after_the_sections() -> None:
    """A key in parts (`### U1`) answers the questions of the section its title starts
    (`## U1 - Basics`), numbered again in each; a numbered list in a section the key does
    not name is the quiz's instructions, said so once."""
    reading = read(prepare(read_text(PUBLISHED / "answer-key-in-parts.md")))
    notes = reading.source.notes
    assert [(note.section, note.question, note.answer) for note in notes] == [
        ("U1 - Basics", 'What does `len("abc")` return?', "`3`"),
        ("U1 - Basics", "Which keyword leaves a loop early?", "`break`"),
        ("U2 - Functions", "What does a function without `return` give back?", "`None`"),
    ]
    assert [(p.line, p.message) for p in reading.source.warnings] == [
        (3, "section 'How to use it' is not in the answer key: its list is text")
    ]


def test_a_file_titled_solutions_is_no_answer_key() -> None:
    """A key follows the questions it answers: a file whose title is `Solutions` holds its
    questions and their answers under it."""
    text = (
        "# Solutions\n\n## Question 1\n\nWhat is 2 + 2?\n\n4.\n\n"
        "## Question 2\n\nWhat is 3 + 3?\n\n6.\n"
    )
    notes = parse(Text("solutions.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What is 2 + 2?", "4."),
        ("What is 3 + 3?", "6."),
    ]


def test_an_answer_key_of_numbered_headings() -> None:
    """A key whose entries are numbered headings (`## 1. Function`) answers each question
    with all that stands under its heading, the heading's words first; headings numbered
    inside an entry (`### **1. Encapsulation**`) are part of it."""
    notes = parsed("answer-key-headings.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What is a function.", "**Function**\n\nA named block of code that does one task."),
        (
            "The principles of OOP.",
            "Principles of OOP\n\n### **1. Encapsulation**\n\n"
            "Data and the code that changes it kept together.\n\n"
            "### **2. Inheritance**\n\nNew classes made from existing ones.",
        ),
    ]


def test_obsidian_callouts_with_their_answer_in_a_callout() -> None:
    """A callout titled as a question's label (`[!note] Question 1`) asks what its text
    asks; a callout nested in a question's box that answers (`[!success]-`, `[!check]-`,
    or titled `Answer`) holds its answer, and what stands before it is the prompt."""
    notes = parsed("obsidian-callouts-nested.md").notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        (
            "Which signal can a process never catch?",
            "- [ ] SIGTERM\n- [ ] SIGKILL",
            "SIGKILL\n\nThe kernel ends the process without telling it.",
        ),
        ("Which command lists running processes?", "", "`ps`"),
    ]


def test_details_that_close_and_open_in_one_block_of_html() -> None:
    """A `</details>` and the next `<details>` on the lines after a table's closing tags
    are one block of HTML: the question that opens there stands outside the one that
    closed, and is a question as the others are."""
    notes = parsed("details-in-tables.md").notes
    assert [note.question for note in notes] == [
        "Definition: database",
        "Definition: DBMS",
        "OLTP",
    ]
    assert "The programs that create, manage and query a database." in notes[1].answer
    assert "OLTP" not in notes[1].answer


def test_answers_written_as_headings_in_korean() -> None:
    """`### 답:` (and `답변:`, at any heading level) opens an answer, its label dropped, as
    `### Answer:` does; a list's mark typed before a heading's number (`## - 1.`) is not
    part of the question."""
    reading = read(prepare(read_text(PUBLISHED / "answer-headings-ko.md")))
    assert [(note.question, note.answer) for note in reading.source.notes] == [
        ("가비지 컬렉션이란?", "쓰지 않는 메모리를 자동으로 회수하는 기법입니다."),
        ("캡슐화의 장점", "데이터를 보호하고 변경을 한곳에 모읍니다."),
        ("상속의 단점은?", "부모 클래스가 바뀌면 자식 클래스도 영향을 받습니다."),
    ]
    assert not reading.source.warnings


def test_a_heading_over_an_answer_among_headings_that_ask() -> None:
    """Among headings that ask, one that does not ask but stands over its `Answer:` line is
    one of the questions too; `**答案:**` (with a full-width colon) labels an answer as
    `**Answer:**` does."""
    text = (
        "# Notes\n\n## What is a closure?\n\n**Answer:** A function with its scope.\n\n"
        "## Hoisting in JavaScript\n\n**Answer:** Declarations are moved up.\n\n"
        "## What is the event loop?\n\n**答案\uff1a** What runs queued callbacks.\n"
    )
    notes = parse(Text("notes.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What is a closure?", "A function with its scope."),
        ("Hoisting in JavaScript", "Declarations are moved up."),
        ("What is the event loop?", "What runs queued callbacks."),
    ]


def test_list_items_whose_marker_is_followed_by_a_tab() -> None:
    """`1.<tab>Define ...`: a tab after a list's marker makes an item as spaces do (as
    word processors paste lists)."""
    text = (
        "## Quiz\n1.\tDefine SOA.\n-\tThe reuse of services.\n"
        "2.\tDefine a microservice.\n-\tA small service.\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Define SOA.", "-\tThe reuse of services."),
        ("Define a microservice.", "-\tA small service."),
    ]


def test_a_heading_that_asks_then_says_a_sentence_more() -> None:
    """`## Which two ...? Each right answer is a whole solution.` asks, as its first
    sentence does; a references section titled in two languages after an emoji is no
    question (`## 📚 Tài liệu tham khảo / References`)."""
    text = (
        "# Practice\n"
        "## Which two services connect a local network to the cloud? Each right answer "
        "is a whole solution.\n\n"
        "- [ ] A bastion host\n- [x] A VPN gateway\n- [x] A private line\n\n"
        "## Which service stores files for many readers?\n\n- [x] Blob storage\n- [ ] Disks\n\n"
        "## What does a load balancer spread?\n\n- [x] Requests\n- [ ] Disks\n\n"
        "## 📚 Tài liệu tham khảo / References\n\n- The service's own guide.\n"
    )
    notes = parse(Text("practice.md", text)).notes
    assert [note.question for note in notes] == [
        "Which two services connect a local network to the cloud? Each right answer is a "
        "whole solution.",
        "Which service stores files for many readers?",
        "What does a load balancer spread?",
    ]


def test_bullets_with_their_answer_on_their_own_line() -> None:
    """`- A statement. Answer: False`: the answer written after a bullet's question or
    statement, on its line, is its answer, as one on the line under it is (a full-width
    colon too)."""
    notes = parsed("bullets-answered-on-their-line.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Are CSS property names case sensitive?", "False\n\nProperty names are case-insensitive."),
        ("An inline element takes vertical margins.", "False"),
        ("The :root pseudo class matches the document's root element.", "True"),
        ("What does `display: none` do?", "It takes the element out of the layout."),
    ]


def test_options_whose_right_one_is_in_bold() -> None:
    """A question whose body is only its options, the right one in bold (`* ***True***`):
    the options go on the front without the bold, and the back shows them as written; a
    list whose bold words label its items (`- **Pros:** ...`) is an answer as it stands."""
    notes = parsed("bold-right-options.md").notes
    assert [(note.prompt, note.answer) for note in notes] == [
        ("* True\n* False", "* ***True***\n* False"),
        ("* WHERE\n* HAVING\n* ORDER BY", "* WHERE\n* **HAVING**\n* ORDER BY"),
        ("", "- **Pros:** reads that filter on it\n- Cons: every write"),
    ]


def test_an_exam_of_lettered_parts_over_bullet_answers() -> None:
    """An exam's parts (`##### a) When is ...?`) over one-line bullets: the headings are
    the questions, without their letters, and the bullets their answers (a bullet with
    nothing under it answers nothing of its own)."""
    notes = parsed("exam-parts.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        (
            "When is a cipher called symmetric?",
            "- When the same key encrypts and decrypts.\n\n"
            "- Its key must stay secret on both sides.",
        ),
        (
            "Which is the stronger cipher, substitution or transposition? Why?",
            "- Substitution: it replaces the symbols themselves.\n\n"
            "- Transposition only moves them, so their counts still show.",
        ),
        (
            "Why add redundancy to data before encrypting it?",
            "- So that a change made to the ciphertext shows when it is read.",
        ),
        (
            "How many secret keys do n members need to write to each other?",
            "- n * (n - 1) / 2\n\n- One for each pair of members.",
        ),
    ]


def test_each_answer_key_answers_the_questions_before_it() -> None:
    """A file of several quizzes, each with its key: a key answers the questions between it
    and the key before it, never those of another quiz numbered alike."""
    text = (
        "# Review\n\n## Quiz 1\n\n1. What is recall?\n2. What is precision?\n\n"
        "### Answers\n\n1. Found among the relevant.\n2. Relevant among the found.\n\n"
        "## Quiz 2\n\n1. What is k in k-NN?\n2. What does a small k risk?\n\n"
        "### Answers\n\n1. How many neighbours vote.\n"
    )
    reading = read(prepare(Text("review.md", text)))
    assert [(note.question, note.answer) for note in reading.source.notes] == [
        ("What is recall?", "Found among the relevant."),
        ("What is precision?", "Relevant among the found."),
        ("What is k in k-NN?", "How many neighbours vote."),
    ]
    errors = [(p.line, p.message) for p in reading.source.warnings if p.severity.value == "error"]
    assert errors[0] == (16, "question 2 has no answer")


def test_chinese_problems_numbered_by_their_headings() -> None:
    """`## 第 1 题` only numbers a problem whose text is under it; a problem that shows code
    before it asks keeps the code on the front, and one whose details come before the
    heading that only labels it (`### 题目`) has them there too; `<summary>第 1 题的答案
    </summary>` folds an answer away and is no question."""
    notes = parsed("numbered-problems-zh.md").notes
    assert [(note.question, note.prompt) for note in notes] == [
        ("写出两个斜体的星号。", ""),
        ("以上两行会显示成几行\uff1f", "```markdown\n第一行\n第二行\n```"),
        (
            "CSS 的全称是什么\uff1f",
            "**类型\uff1a** 单选题\n**标签\uff1a** 基础概念\n\n"
            "- A. Computer Style Sheets\n- B. Cascading Style Sheets",
        ),
    ]
    assert notes[1].answer == "一行\uff1a软换行只是一个空格。"


def test_a_quiz_of_numbered_paragraphs_and_labelled_summaries() -> None:
    """`1.- ¿Qué ...?` (as Spanish lists number) is a question numbered 1; `<summary>Ver
    respuesta</summary>` and `<summary>📖 Antwort anzeigen</summary>` fold answers away."""
    text = (
        "## Cuestionario\n\n1.- ¿Qué es el aprendizaje supervisado?\n\n"
        "<details>\n<summary>Ver respuesta</summary>\n\nAprender de pares etiquetados.\n\n"
        "</details>\n\n2.- ¿Qué es el aprendizaje no supervisado?\n\n"
        "<details>\n<summary>📖 Antwort anzeigen</summary>\n\nAprender sin etiquetas.\n\n"
        "</details>\n"
    )
    notes = parse(Text("cuestionario.md", text)).notes
    assert [(note.number, note.question, note.answer) for note in notes] == [
        (1, "¿Qué es el aprendizaje supervisado?", "Aprender de pares etiquetados."),
        (2, "¿Qué es el aprendizaje no supervisado?", "Aprender sin etiquetas."),
    ]


def test_topic_headings_over_questions_their_author_labelled() -> None:
    """`### 1. Goroutines and channels` over `**Question:** How do ...?`: the labelled
    question is the card's question (the heading only names its topic), a heading that
    asks stays the question."""
    notes = parsed("topics-over-labelled-questions.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        (
            "How do goroutines talk to each other? What does a buffered channel change?",
            "Through channels; a buffered one lets the sender go on until it is full.",
        ),
        ("What does GOMAXPROCS set?", "How many threads run Go code at once."),
        (
            "Why does a nil map panic on write?",
            "Because there is no table behind it to write into.",
        ),
    ]


def test_bold_questions_that_say_more_or_run_over_lines() -> None:
    """A bold line that asks and then says more (`**What ...? List a few!**`, `**Which
    ...? (More than one answer)**`), a bold question wrapped over two lines, and a bold
    instruction (`**Explain ...**`) are bold questions as one-line ones are."""
    notes = parsed("bold-questions-over-lines.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What could a smart home connect? List a few!", "Locks, thermostats, lights."),
        (
            "Where is a volume's label kept? And how long may it be?",
            "In the boot sector; eleven characters.",
        ),
        ("Which signals can a process not catch?", "SIGKILL and SIGSTOP."),
        ("Explain why a process cannot catch SIGKILL.", "The kernel ends it without asking it."),
        ("Which of these are file systems? (More than one answer)", "FAT32 and ext4."),
    ]


def test_bold_questions_written_as_links() -> None:
    """`**[Why?]()**` (a FAQ's question linked from its index): its link's text asks."""
    text = (
        "## FAQ\n\n* [Sudoku or Su Doku?](#faq1)\n* [How does it solve?](#faq2)\n\n"
        "**[Sudoku or Su Doku?]()**\n\nBoth are written.\n\n"
        "**[How does it solve?]()**\n\nBy trying the cell with the fewest candidates first.\n"
    )
    notes = parse(Text("faq.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Sudoku or Su Doku?", "Both are written."),
        ("How does it solve?", "By trying the cell with the fewest candidates first."),
    ]


def test_an_answer_label_after_a_check_mark_in_bold() -> None:
    """`**✅ Réponse correcte : b**`: a label after a check mark opens the answer, and the bold
    around the whole line goes with it; the options above are the prompt."""
    text = (
        "# QCM\n\n### Question 1\nQuelle est la capitale de l'Australie ?\n"
        "- [ ] **a.** Sydney\n- [ ] **b.** Canberra\n\n"
        "**\u2705 Réponse correcte : b**\n"
        "\U0001f4a1 Explication : un compromis entre deux villes.\n\n"
        "### Question 2\nQuel fleuve traverse Paris ?\n"
        "- [ ] **a.** La Seine\n- [ ] **b.** La Loire\n\n"
        "**\u2705 Réponse correcte : a**\n"
    )
    notes = parse(Text("qcm.md", text)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        (
            "- [ ] **a.** Sydney\n- [ ] **b.** Canberra",
            "b\n\U0001f4a1 Explication : un compromis entre deux villes.",
        ),
        ("- [ ] **a.** La Seine\n- [ ] **b.** La Loire", "a"),
    ]


def test_answers_named_in_other_languages_as_in_english() -> None:
    """An answer named in another language opens it as `Answer` does: a heading says what
    follows its name (`#### Respuesta correcta: B`, as `#### Answer: B`), and a label
    (`Lösung:`, `Bonne réponse :`, `解答` with a full-width colon) starts the back with the
    options above it on the front."""
    text = (
        "# Repaso\n\n### 1. ¿Qué imprime `len('abc')`?\n\n- A: 2\n- B: 3\n\n"
        "#### Respuesta correcta: B\n\nCuenta los caracteres.\n\n"
        "### 2. Welche Zahl ist prim?\n\n- A: 4\n- B: 7\n\nLösung: B\n\n"
        "### 3. Quelle couleur a le ciel ?\n\n- A: bleu\n- B: vert\n\n"
        "Bonne réponse : A\n\n"
        "### 4. 哪个是偶数\uff1f\n\n- A: 3\n- B: 8\n\n解答\uff1aB\n"
    )
    notes = parse(Text("repaso.md", text)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        ("- A: 2\n- B: 3", "B\n\nCuenta los caracteres."),
        ("- A: 4\n- B: 7", "B"),
        ("- A: bleu\n- B: vert", "A"),
        ("- A: 3\n- B: 8", "B"),
    ]


def test_headings_marked_labelled_and_set_in_code() -> None:
    """A heading's leading mark (`❓`), its label (`Câu hỏi:`, `Câu hỏi 02:`) and the quotes
    or the code span its author set the whole question in are no part of the question; an
    answer labelled `✅ Trả lời:` starts after its label."""
    text = (
        "## Ôn tập\n\n"
        '### \u2753 Câu hỏi: "Thẻ div dùng để làm gì?"\n\n'
        "\u2705 Trả lời:\nGom các phần tử lại thành một khối.\n\n"
        '### \u2753 Câu hỏi: "Thẻ span khác gì thẻ div?"\n\n'
        "\u2705 Trả lời:\nSpan nằm trong dòng.\n\n"
        "### \u2753 `Câu hỏi 01: Margin khác padding thế nào?`\n\n"
        "\u2705 Trả lời:\nMargin ở ngoài viền, padding ở trong.\n\n"
        "### \u2753 `Câu hỏi 02: Flexbox là gì?`\n\n"
        "\u2705 Trả lời:\nMột cách dàn trang theo một chiều.\n"
    )
    notes = parse(Text("on-tap.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Thẻ div dùng để làm gì?", "Gom các phần tử lại thành một khối."),
        ("Thẻ span khác gì thẻ div?", "Span nằm trong dòng."),
        ("Margin khác padding thế nào?", "Margin ở ngoài viền, padding ở trong."),
        ("Flexbox là gì?", "Một cách dàn trang theo một chiều."),
    ]


def test_a_bold_question_with_a_remark_under_a_numbered_topic() -> None:
    """`## 🎯 Frage 3: Teamarbeit` over `**Welche ...? (Mehrere Antworten möglich)**`: the
    bold sentence asks, its remark with it, and the options under it go on the front."""
    text = (
        "# Quiz\n\n## \U0001f3af Frage 1: Grundlagen\n\n**Welche Farbe hat Gras?**\n\n"
        "A) Grün  \nB) Blau\n\n**Richtige Antwort: A**\n\n"
        "## \U0001f465 Frage 2: Teamarbeit\n\n"
        "**Was hilft einem Team? (Mehrere Antworten möglich)**\n\n"
        "A) Zuhören  \nB) Schweigen  \nC) Fragen\n\n**Richtige Antwort: A, C**\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        ("Welche Farbe hat Gras?", "A) Grün  \nB) Blau", "A"),
        (
            "Was hilft einem Team? (Mehrere Antworten möglich)",
            "A) Zuhören  \nB) Schweigen  \nC) Fragen",
            "A, C",
        ),
    ]


def test_a_question_that_is_only_a_placeholder() -> None:
    """A question whose text is only `TODO` (a template's place kept for a question to
    come) is no card, and says so; the others are read as ever."""
    text = (
        "<details>\n<summary>1. What is a closure?</summary>\n\nA function with its scope.\n"
        "</details>\n\n<details>\n<summary><code>#TODO</code> TODO</summary>\n\nTip: ...\n"
        "</details>\n"
    )
    reading = read(prepare(Text("notes.md", text)))
    assert [note.question for note in reading.source.notes] == ["What is a closure?"]
    assert [(p.line, p.message) for p in reading.source.warnings] == [
        (7, "a question that is only a placeholder (`TODO`) is skipped")
    ]


def test_a_slide_quiz_of_statement_and_answer_slides() -> None:
    """Slides (Marp) that give a question (`## Question 1 - Statement`), then its answer on
    the next (`## Question 1 - Answer`): one card each, the question from the first slide
    and the answer from the second, without the slides' labels."""
    notes = parsed("slide-quiz.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Declaring a list", "**Right answer: `List` and `ArrayList`**"),
        ("What does this print?", "`2`: a set holds each element once."),
    ]
    assert "______<String> plants" in notes[0].prompt


def test_lettered_options_with_no_answer_go_on_the_front() -> None:
    """Options lettered `A.` to `D.` under a question, none marked right and no answer: they
    are the question's front, and the question has no answer (said at its line), rather
    than a card whose back repeats them; the right letters written after the question
    (`...? (A C)`) are its answer."""
    text = (
        "# Practice\n\n1. What is Docker used for?\n\n* A. Virtualization\n* B. Containers\n\n"
        "2. Which command lists running containers?\n\n* A. docker ps\n* B. docker ls\n"
    )
    reading = read(prepare(Text("practice.md", text)))
    assert not reading.source.notes
    assert [(p.line, p.message) for p in reading.source.warnings][:2] == [
        (3, "question 1 has no answer"),
        (8, "question 2 has no answer"),
    ]
    text = (
        "## What does a stream carry?\n\nBytes, or characters.\n\n"
        "## What closes a stream for you?\n\nA try-with-resources block.\n\n"
        "## Which streams read raw data? (A C)\nA. InputStream\nB. Reader\nC. OutputStream\n\n"
        "## Which stream buffers? (B)\nA. InputStream\nB. BufferedInputStream\n"
    )
    notes = parse(Text("streams.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes[2:]] == [
        ("Which streams read raw data?", "A. InputStream\nB. Reader\nC. OutputStream", "A C"),
        ("Which stream buffers?", "A. InputStream\nB. BufferedInputStream", "B"),
    ]


def test_a_question_followed_by_an_explanation_to_give() -> None:
    """`1. What is X? Explain what Y means.`: an instruction that only ever asks (`Explain`,
    `Describe`, `Explique`) is part of the question; an answer on the question's line that
    starts with a word that may also be an instruction (`State is ...`) is its answer."""
    text = (
        "# Review\n\n## Questions\n\n"
        "1. What is accuracy? Explain what 100% on the training set means.\n"
        "2. What is recall? Describe how it differs from precision.\n\n"
        "## Answers\n\n1. The share of right predictions.\n2. The share of the relevant found.\n"
    )
    notes = parse(Text("review.md", text)).notes
    assert [(note.question, note.prompt) for note in notes] == [
        ("What is accuracy? Explain what 100% on the training set means.", ""),
        ("What is recall? Describe how it differs from precision.", ""),
    ]
    text = (
        "# Notes\n\n1. What does Redux keep? State is kept in one store.\n"
        "2. What is JSX? Markup in JS.\n"
    )
    notes = parse(Text("notes.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What does Redux keep?", "State is kept in one store."),
        ("What is JSX?", "Markup in JS."),
    ]


def test_paragraphs_numbered_with_an_ideographic_comma() -> None:
    """`2、如何...?` numbers a question as `2.` does, where a list numbered `1.` goes on in
    paragraphs (GitHub shows them as text); a number with nothing after it at the end is a
    question never written, not part of the answer above it."""
    notes = parsed("numbered-with-ideographic-commas.md").notes
    assert [(note.question, note.answer) for note in notes] == [
        ("如何把一个字符串倒过来\uff1f", '```python\nprint("abc"[::-1])\n```'),
        ("如何把字符串按逗号拆开\uff1f", '```python\n"a,b,c".split(",")\n```'),
        ("列表推导式", "```python\nsquares = [n * n for n in range(5)]\n```"),
        ("怎样去掉列表里重复的元素\uff1f", "用 `set`\uff0c再转回列表\uff1a`list(set(items))`。"),
    ]
    assert [note.tags[-1].rpartition("::")[2] for note in notes] == ["字符串"] * 3 + ["集合"]


def test_numbered_topics_over_bold_questions_and_their_options() -> None:
    """A numbered bold topic (`**1. Caching**`) over the question in bold, its options, and
    the answer labelled under the last option (indented into its item): the bold line asks
    (or starts what the options end, `... used to :`), the options go on the front."""
    notes = parsed("numbered-topics-over-bold-questions.md").notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        (
            "What does a cache keep close to the reader ?",
            "- a) Data that is read often\n- b) Data that is never read\n- c) Only the newest logs",
            "a) Data that is read often",
        ),
        (
            "A message queue is mostly used in a system to :",
            "- a) Store passwords\n- b) Decouple the producer from the consumer",
            "b) Decouple the producer from the consumer",
        ),
        (
            "Why can an index slow writes down ?",
            "- a) Every write updates the index too\n- b) Indexes are stored on tape",
            "a) Every write updates the index too",
        ),
    ]


def test_a_heading_whose_marks_are_typed_twice() -> None:
    """`## ## What does 500 mean?`: a heading whose marks were typed twice asks what its
    words ask (GitHub shows the second marks as text)."""
    text = (
        "# HTTP\n\n## What does 404 mean?\nThe resource is not there.\n\n"
        "## ## What does 500 mean?\nThe server failed.\n"
    )
    notes = parse(Text("http.md", text)).notes
    assert [note.question for note in notes] == ["What does 404 mean?", "What does 500 mean?"]


def test_a_quiz_answered_by_a_table_of_its_numbers() -> None:
    """`### Question 1: Addresses` names a topic over the sentence that asks: the sentence
    and the options go on the front. The key at the end is a table a part, in `<details>`
    (`| 1 | **B** | why |`): each row answers its question, what explains it under it."""
    notes = parsed("quiz-with-an-answer-table.md").notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        (
            "Addresses",
            "How many bits does an IPv4 address hold?\n\n- A) 16\n- B) 32\n- C) 64",
            "**B**\n\nFour bytes of eight bits",
        ),
        ("Ports", "Which port does HTTPS listen on by default?\n\n- A) 80\n- B) 443", "**B**"),
        (
            "Ping",
            "Which protocol does `ping` use?\n\n- A) ICMP\n- B) UDP",
            "**A**\n\nEcho requests are ICMP messages",
        ),
    ]


def test_a_questionnaire_published_blank() -> None:
    """A questionnaire whose answers are places left to fill in (`[Write here]` in a code
    block, under `**Your answer:**`) has no answers: each question is reported at its line,
    and a numbered heading over deeper ones (`## 1. Basics`) is their section, not one."""
    blank = "**Your answer:**\n```\n[Write here]\n```\n"
    text = (
        "# Take-home questions\n\nAnswer the questions below in your own words.\n\n"
        f"## 1. Basics\n\n### 1.1 Regression\n\nWhat is a regression test?\n\n{blank}\n"
        "### 1.2 Kinds of tests\n\nExplain the difference between functional and "
        f"non-functional tests.\n\n{blank}\n"
        f"## 2. Tools\n\n### 2.1 Waiting\n\nHow does a test wait for an element?\n\n{blank}"
    )
    with pytest.raises(AnkigenError) as caught:
        parse(Text("questions.md", text))
    assert [(p.line, p.message) for p in caught.value.problems if p.line > 3] == [
        (7, "question 1 has no answer"),
        (16, "question 2 has no answer"),
        (27, "question 1 has no answer"),
    ]


def test_the_titles_of_answer_keys() -> None:
    """A key is titled in the quiz's language (`## 📋 Đáp án`, `## Lösungen`); `Answer`
    alone opens one question's answer."""
    titles = ["Answers", "Answer key", "📋 Đáp án", "Respuestas", "Lösungen", "答案"]
    assert [title for title in titles if not is_key(title)] == []
    assert not is_key("Answer")


def test_a_key_of_correct_answers_after_options_in_one_paragraph() -> None:
    """Bold numbered questions whose options are lines of the same paragraph (each ending
    in a hard break), answered by a key titled `Correct Answers` at the end: the options go
    on the front, the key's letter on the back."""
    text = (
        "## Quiz: storage\n\n### Questions\n\n"
        "**1. Which device keeps data without power?**  \nA. RAM  \nB. An SSD  \n\n---\n\n"
        "**2. Which is fastest to read?**  \nA. A CPU cache  \nB. A tape  \n\n---\n\n"
        "### Correct Answers\n\n1. B  \n2. A  \n"
    )
    notes = parse(Text("storage.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        ("Which device keeps data without power?", "A. RAM  \nB. An SSD  ", "B"),
        ("Which is fastest to read?", "A. A CPU cache  \nB. A tape  ", "A"),
    ]


def test_a_flashcard_bold_from_its_question_to_its_answer() -> None:
    """A card of the spaced-repetition plugin set in bold as a whole (`**Why?`, `?`,
    `Because.**`): GitHub shows it all bold; the card's question and answer are its words,
    without the marks."""
    text = (
        "## Cards #flashcards\n\n**What does a decorator return?\n?\nA new callable.**\n"
        "<!--SR:!2026-01-02,3,250-->\n\n**When does a decorator run?\n?\nWhen the "
        "function is defined.**\n\nWhat wraps a function?\n?\nA decorator.\n"
    )
    notes = parse(Text("cards.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What does a decorator return?", "A new callable."),
        ("When does a decorator run?", "When the function is defined."),
        ("What wraps a function?", "A decorator."),
    ]


def test_a_faqs_notes_among_its_questions_are_no_entry() -> None:
    """A FAQ's `### General Notes` among its headings that ask is what the page says before
    a section's questions, not one of its entries (a heading that names a topic is one)."""
    text = (
        "# FAQ\n\n## Setup\n\n### How do I install it?\n\nRun the installer.\n\n"
        "### Where are its settings kept?\n\nIn your home folder.\n\n"
        "## Speed\n\n### General Notes\n\nFigures vary with the card.\n\n"
        "### How fast does it read?\n\nAbout 80 MB/s.\n\n### Slow writes\n\nFormat the card.\n"
    )
    notes = parse(Text("faq.md", text)).notes
    assert [note.question for note in notes] == [
        "How do I install it?",
        "Where are its settings kept?",
        "How fast does it read?",
        "Slow writes",
    ]


def test_numbered_questions_typed_a_level_too_deep() -> None:
    """`### 3.` and `### 4.` between `## 2.` and `## 5.` (or after the last): numbered on
    from the question before, and before the next one's number, they are questions a level
    too deep; an answer's own numbered sub-headings (`### 1.`) are not."""
    text = (
        "# Node notes\n\n## 1. What is npm?\n\nA package manager.\n\n"
        "## 2. How to speed up an API?\n\n### 1. Cache\n\nKeep answers.\n\n"
        "### 2. Batch\n\nFewer round trips.\n\n"
        "### 3. What is CORS?\n\nA browser rule.\n\n### 4. What is .env?\n\nSettings.\n\n"
        "## 5. What is a buffer?\n\nRaw bytes.\n\n## 6. What is a stream?\n\nData in pieces.\n\n"
        "## 7. What is libuv?\n\nThe event loop's library.\n\n"
        "### 8. What is a worker?\n\nA thread of its own.\n"
    )
    notes = parse(Text("node.md", text)).notes
    assert [note.question for note in notes] == [
        "What is npm?",
        "How to speed up an API?",
        "What is CORS?",
        "What is .env?",
        "What is a buffer?",
        "What is a stream?",
        "What is libuv?",
        "What is a worker?",
    ]
    assert "Fewer round trips." in notes[1].answer


def test_options_led_by_their_marks() -> None:
    """Options each led by a mark, a check mark for the right ones (`- ✅ GET`, `- ☐ POST`,
    or as GitHub's shortcode and HTML's entity): the options without their marks go on the
    front, the back shows them marked; a checklist of only ticks is an answer as it is."""
    text = (
        "# Quiz answers\n\n**1. Which method reads a resource?**\n\n"
        "- \u2705 GET\n- \u2610 POST\n- \u2610 DELETE\n\n"
        "**2. Which status means not found?**\n\n"
        "- &#x2610; 500\n- [:heavy_check_mark:] 404\n\n"
        "**3. What did this chapter cover?**\n\n- \u2705 Methods\n- \u2705 Status codes\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        (
            "- GET\n- POST\n- DELETE",
            "- \u2705 GET\n- \u2610 POST\n- \u2610 DELETE",
        ),
        ("- 500\n- 404", "- &#x2610; 500\n- [:heavy_check_mark:] 404"),
        ("", "- \u2705 Methods\n- \u2705 Status codes"),
    ]


def test_flashcards_separated_by_semicolons() -> None:
    """`Question;;Answer` and `Term;;;Definition`: the separators the spaced-repetition
    plugin's users choose where Dataview reads `key:: value`: a card a line, `;;;` both
    ways."""
    text = (
        "# Networking #flashcards\n\n"
        "What does DNS resolve? ;; Names to addresses.\n"
        "<!--SR:!2026-02-01,3,250-->\n\n"
        "TTL;;;How many hops a packet may still take.\n\n"
        "Which port does HTTPS use?;;443\n"
    )
    notes = parse(Text("net.md", text)).notes
    assert [(note.question, note.answer, note.kind) for note in notes] == [
        ("What does DNS resolve?", "Names to addresses.", CardKind.BASIC),
        ("TTL", "How many hops a packet may still take.", CardKind.REVERSED),
        ("Which port does HTTPS use?", "443", CardKind.BASIC),
    ]


def test_one_line_cards_kept_in_a_callout() -> None:
    """One-line cards an Obsidian note keeps in a callout (`> [!info]- Cards`, then
    `> Why?;;Because.`) are cards, a line each; a separator written as code in another
    callout's instructions (`` `;;` ``) makes none."""
    text = (
        "# Hashing\n\n> [!tip] How to review\n> Set the separator to `;;` and review.\n\n"
        "## Cards\n\n> [!info]- Cards\n> What does a hash map store?;;Keys and values.\n"
        "> Collision;;;Two keys that land in one bucket.\n"
    )
    notes = parse(Text("hashing.md", text)).notes
    assert [(note.question, note.answer, note.kind) for note in notes] == [
        ("What does a hash map store?", "Keys and values.", CardKind.BASIC),
        ("Collision", "Two keys that land in one bucket.", CardKind.REVERSED),
    ]


def test_lines_over_folded_answers_ask_without_a_question_mark() -> None:
    """A line right over `<details><summary>Answer</summary>` asks, question mark or not
    (`How do I build an image`); an option over it (`B. ...`) does not."""
    text = (
        "### Images\n\nWhat does a registry keep?\n<details><summary>Answer</summary>\n"
        "Images, by name and tag.\n</details>\n\n---\n\n"
        "How do I build an image\n<details><summary>Answer</summary>\n"
        "With `docker build`.\n</details>\n\n---\n\n"
        "Which file lists an image's steps?\n\nA. The manifest\n\nB. The Dockerfile\n"
        "<details><summary>Answer</summary>\nB\n</details>\n"
    )
    notes = parse(Text("images.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What does a registry keep?", "Images, by name and tag."),
        ("How do I build an image", "With `docker build`."),
        ("Which file lists an image's steps?", "B"),
    ]


def test_a_question_label_set_off_by_a_bar() -> None:
    """`## Question 2 | Scale a StatefulSet`: the label and its bar are no part of the
    task's title."""
    text = (
        "# Practice test\n\n## Question 1 | Contexts\n\n`kubectl config get-contexts`\n\n"
        "## Question 2 | Scale a StatefulSet\n\n`kubectl scale sts web --replicas 0`\n"
    )
    notes = parse(Text("practice.md", text)).notes
    assert [(note.number, note.question) for note in notes] == [
        (1, "Contexts"),
        (2, "Scale a StatefulSet"),
    ]


def test_numbered_topics_over_a_course_are_no_cards_beside_its_table() -> None:
    """A course page whose cards are a table's rows (`| No. | Question | Answer |`): its
    numbered headings that name topics (`### 1. **Versioning**`) are its text, not cards."""
    text = (
        "# APIs\n\n## Design\n\n### 1. **Contracts**\n\nAgree on the shapes first.\n\n"
        "### 2. **Versioning**\n\nKeep old clients working.\n\n## Questions\n\n"
        "| No. | Question | Answer |\n| --- | --- | --- |\n"
        "| 1 | What does API stand for? | Application programming interface. |\n"
        "| 2 | What is REST? | A style of web API. |\n"
        "| 3 | What is a status code? | A number that says how a request went. |\n"
    )
    notes = parse(Text("apis.md", text)).notes
    assert [note.question for note in notes] == [
        "What does API stand for?",
        "What is REST?",
        "What is a status code?",
    ]


def test_an_answer_labelled_with_a_dash() -> None:
    """`Answer - 2, 3` labels an answer as `Answer: 2, 3` does; an option `- A - 30` over
    it is an option, not a label."""
    text = (
        "# Tricky output\n\n## 1. What does this print?\n\n```js\nconsole.log(1 + 1);\n```\n\n"
        "Answer - 2\n\nNumbers add.\n\n## 2. Which value is logged?\n\n"
        "- A - 30\n- B - undefined\n\nAns \u2013 B\n"
    )
    notes = parse(Text("tricky.md", text)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        ("```js\nconsole.log(1 + 1);\n```", "2\n\nNumbers add."),
        ("- A - 30\n- B - undefined", "B"),
    ]


def test_questions_and_answers_labelled_in_polish() -> None:
    """`## Pytanie 2` labels a question as `## Question 2` does (the paragraph under it
    asks), and `**Poprawna odpowiedź:** C` labels its answer, the options above it on the
    front."""
    text = (
        "# Test\n\n## Pytanie 1\nKtóre słowo kończy dziedziczenie?\n- [ ] A) `static`\n"
        "- [ ] B) `final`\n\n**Poprawna odpowiedź:** B\n\n## Pytanie 2\n"
        "Która klasa jest niezmienna?\n- [ ] A) `String`\n- [ ] B) `ArrayList`\n\n"
        "**Poprawna odpowiedź:** A\n"
    )
    notes = parse(Text("test.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        ("Które słowo kończy dziedziczenie?", "- [ ] A) `static`\n- [ ] B) `final`", "B"),
        ("Która klasa jest niezmienna?", "- [ ] A) `String`\n- [ ] B) `ArrayList`", "A"),
    ]


def test_a_practice_exam_answered_by_a_key_of_bold_lines() -> None:
    """`**Question 3**` over the lines that ask (a remark after the question mark,
    `(SELECT 2)`, too), its options under them; a key whose entries start with a numbered
    line in bold (`**3. A) ..., C) ...**`), in parts named after the domains, where one
    domain's question is answered in another's part, as the quiz numbers them through."""
    text = (
        "# Practice exam\n\n## Questions\n\n### Domain 1: Storage\n\n"
        "**Question 1**\nWhich type stores embeddings?\n\nA) ARRAY\nB) VECTOR\n\n"
        "**Question 2**\nWhich two metrics compare vectors? (SELECT 2)\n\n"
        "A) Cosine\nB) Length\nC) Dot product\n\n### Domain 2: Search\n\n"
        "**Question 3**\nWhich index speeds up search?\n\nA) Vector index\nB) None\n\n"
        "## Answer Key\n\n### Domain 1: Storage\n\n**1. B) VECTOR**\n*Why:* made for them.\n\n"
        "**3. A) Vector index**\n\n### Domain 2: Search\n\n**2. A) Cosine, C) Dot product**\n"
    )
    notes = parse(Text("exam.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        (
            "Which type stores embeddings?",
            "A) ARRAY\nB) VECTOR",
            "B) VECTOR\n*Why:* made for them.",
        ),
        (
            "Which two metrics compare vectors? (SELECT 2)",
            "A) Cosine\nB) Length\nC) Dot product",
            "A) Cosine, C) Dot product",
        ),
        ("Which index speeds up search?", "A) Vector index\nB) None", "A) Vector index"),
    ]


def test_questions_numbered_with_keycap_emoji() -> None:
    """`1️⃣ What is DevOps?` over `Answer:` in one paragraph, `🔟` for ten, and a heading
    `## 2️⃣ ...`: numbered as the emoji shows."""
    text = (
        "# DevOps Q&A\n\n1\ufe0f\u20e3 What is CI?  \nAnswer:  \nMerging work often.\n\n"
        "9\ufe0f\u20e3 What is CD?  \nAnswer:  \nShipping it often.\n\n"
        "\U0001f51f Why automate?  \nAnswer:  \nFewer mistakes.\n\n"
        "11\ufe0f\u20e3 What is IaC?  \nAnswer:  \nInfrastructure written as code.\n"
    )
    notes = parse(Text("devops.md", text)).notes
    assert [(note.number, note.question, note.answer) for note in notes] == [
        (1, "What is CI?", "Merging work often."),
        (9, "What is CD?", "Shipping it often."),
        (10, "Why automate?", "Fewer mistakes."),
        (11, "What is IaC?", "Infrastructure written as code."),
    ]
    heading = "# React\n\n## 1\ufe0f\u20e3 Props and state\n\nInputs and memory.\n\n"
    heading += "## 2\ufe0f\u20e3 Keys in lists\n\nThey name each item.\n"
    assert [note.question for note in parse(Text("react.md", heading)).notes] == [
        "Props and state",
        "Keys in lists",
    ]


def test_numbers_set_off_by_a_dash() -> None:
    """`## 24 - ¿Cuáles ...?` and `### Q1- What ...?`: a number set off by a dash numbers the
    question, and is no part of it."""
    text = (
        "# JavaScript\n\n## 23 - ¿Qué es un closure?\nUna función con su entorno.\n\n"
        "## 24 - ¿Cuáles son los tipos de errores?\nDe sintaxis y de lógica.\n"
    )
    notes = parse(Text("js.md", text)).notes
    assert [(note.number, note.question) for note in notes] == [
        (23, "¿Qué es un closure?"),
        (24, "¿Cuáles son los tipos de errores?"),
    ]
    text = "# DS\n\n### Q0- What is data science?\n\nInsight from data.\n\n"
    text += "### Q1- What is a model?\n\nA rule fitted to data.\n"
    notes = parse(Text("ds.md", text)).notes
    assert [note.question for note in notes] == ["What is data science?", "What is a model?"]


def test_a_faq_written_as_a_definition_list() -> None:
    """`Why is my page missing?` then `: Is it a draft?`, as a site's FAQ writes a
    definition list: each question over its answer, the answer's indented blocks with it."""
    text = (
        "---\ntitle: FAQ\n---\n\nAnswers to what new users ask.\n\n"
        "Why is my page missing?\n: It may be a draft:\n\n  ```toml\n  draft = true\n  ```\n\n"
        "  Build with `--buildDrafts` to see it.\n\n"
        "Can I use environment variables?\n: Yes, for any setting.\n"
    )
    notes = parse(Text("faq.md", text)).notes
    assert [note.question for note in notes] == [
        "Why is my page missing?",
        "Can I use environment variables?",
    ]
    assert notes[0].answer.startswith("It may be a draft:")
    assert "draft = true" in notes[0].answer
    assert "--buildDrafts" in notes[0].answer
    assert notes[1].answer == "Yes, for any setting."


def test_questions_bold_in_html_over_several_lines() -> None:
    """`<li><b>`, the question on a line of its own, `</b></li>`, then the answer in a `<p>`:
    raw HTML bold over lines asks as a bold line does."""
    text = (
        "<ul>\n\n<li><b>\nR1. What is a host?\n</b></li>\n<p>\nAnswer:<br/>\n"
        "Any end system.\n</p>\n\n<li><b>\nR2. Why do protocols matter?\n</b></li>\n<p>\n"
        "Answer:<br/>\nThey fix what each side sends.\n</p>\n\n</ul>\n"
    )
    notes = parse(Text("review.md", text)).notes
    assert [note.question for note in notes] == [
        "R1. What is a host?",
        "R2. Why do protocols matter?",
    ]
    assert "Any end system." in notes[0].answer


def test_headings_that_only_label_the_question_under_them() -> None:
    """`## Pergunta:` over the paragraph that asks, then `### Resposta:`: the paragraph is
    the question (the label no part of the card), and an `<hr>` that separates the entries
    no part of the answer."""
    text = (
        "## Pergunta:\n\nO que é JavaScript?\n\n### Resposta:\n\nUma linguagem da web.\n\n"
        "<hr>\n\n## Pergunta:\n\nO que é uma string?\n\n### Resposta:\n\nUm texto.\n\n<hr>\n"
    )
    notes = parse(Text("js.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        ("O que é JavaScript?", "", "Uma linguagem da web."),
        ("O que é uma string?", "", "Um texto."),
    ]


def test_options_answered_by_a_bold_line_repeating_one() -> None:
    """Options, then the right one repeated in bold (`**Pay as you go**`, a remark after
    it): the options go on the front, the bold line and what follows on the back; options
    lettered `- A: ...` with no answer are the front of a question reported unanswered."""
    text = (
        "### Q1. Which is a benefit of the cloud?\n\n-   Fixed costs\n-   Pay as you go\n\n"
        "**Pay as you go** _(for what you use)_\n\n---\n\n"
        "### Q2. Which two are managed services?\n\n-   RDS\n-   EC2\n-   Lambda\n\n"
        "**RDS** <br />\n**Lambda**\n"
    )
    notes = parse(Text("cloud.md", text)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        ("-   Fixed costs\n-   Pay as you go", "**Pay as you go** _(for what you use)_"),
        ("-   RDS\n-   EC2\n-   Lambda", "**RDS** <br />\n**Lambda**"),
    ]
    quiz = "# Quiz\n\n### Q1: Which is encrypted?\n- A: HTTP\n- B: HTTPS\n---\n\n"
    quiz += "### Q2: Which port is SSH?\n- A: 21\n- B: 22\n---\n"
    with pytest.raises(AnkigenError) as raised:
        parse(Text("quiz.md", quiz))
    unanswered = [p for p in raised.value.problems if p.code == "unanswered" and p.line]
    assert [problem.line for problem in unanswered] == [3, 8]


def test_answers_left_as_a_placeholder_are_reported() -> None:
    """`A: ...`, or an answer that is only `` `// todo` ``, is a place kept for an answer:
    the question is reported unanswered, at its line."""
    text = (
        "Q: What is a heap?\nA: A tree kept in order.\n\n"
        "Q: What is amortized analysis?\nA: ...\n\n"
        "Q: What is a slice?\nA: `// todo`\n"
    )
    with pytest.raises(AnkigenError) as raised:
        parse(Text("cards.md", text))
    unanswered = [p for p in raised.value.problems if p.code == "unanswered" and p.line]
    assert [problem.line for problem in unanswered] == [4, 7]


def test_numbered_lines_typed_without_their_space() -> None:
    """`1)What is Git?` (no space after the number, so no list on GitHub) over its answer
    is a numbered question; an answer line `1.A 2.B` is not."""
    text = (
        "1)What is Git?\n->A version control system.\n\n"
        "2)What is a commit?\n->A snapshot of the files.\n\n"
        "3)Which are distributed?\n- A) Git\n- B) SVN\n\n1.A 2.B\n"
    )
    notes = parse(Text("git.md", text)).notes
    assert [(note.number, note.question) for note in notes] == [
        (1, "What is Git?"),
        (2, "What is a commit?"),
        (3, "Which are distributed?"),
    ]


def test_lettered_options_with_the_right_one_in_bold() -> None:
    """Options as paragraphs lettered in order, the right one in bold (`A: True`, then
    `**B: False**`): the options on the front (`A:` is an option here, not an answer's
    label), the bold one marked on the back."""
    text = (
        "### Q1: Agile and Scrum are the same.\n\nA: True\n\n**B: False**\n\n---\n\n"
        "### Q2: Who orders the backlog?\n\nA: The team\n\n**B: The product owner**\n\n"
        "C: The manager\n"
    )
    notes = parse(Text("scrum.md", text)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        ("A: True\n\nB: False", "A: True\n\n**B: False**"),
        (
            "A: The team\n\nB: The product owner\n\nC: The manager",
            "A: The team\n\n**B: The product owner**\n\nC: The manager",
        ),
    ]


def test_answers_that_only_point_elsewhere_are_reported() -> None:
    """`* **What is X?** [Answer](x.md)`, or an answer that is only `[link](...)`: the answer
    is where the link leads, not in the file; the question is reported unanswered. A bold
    question with its answer nested under it is answered."""
    text = (
        "### Basics\n\n* **What is Android?** [Answer](basics/android.md)\n\n"
        "* **Who founded Android?**\n\n\t- Andy Rubin.\n\n"
        "* **What is a context?** [Answer](basics/context.md)\n"
    )
    with pytest.raises(AnkigenError) as raised:
        parse(Text("android.md", text))
    unanswered = [p for p in raised.value.problems if p.code == "unanswered" and p.line]
    assert [problem.line for problem in unanswered] == [3, 9]
    cards = "Q: Why no tail calls?\nA: [link](https://example.org/tail)\n\nQ: What is a GIL?\n"
    cards += "A: A lock around the interpreter.\n"
    with pytest.raises(AnkigenError) as raised:
        parse(Text("cards.md", cards))
    assert [p.line for p in raised.value.problems if p.code == "unanswered" and p.line] == [1]


def test_coding_challenges_after_numbered_questions() -> None:
    """`### Challenge 1: Implement ...` after `### Q1: ...` questions: each challenge is a
    question of its own, numbered from 1 again."""
    text = (
        "# Node\n\n### Q1: What is npm?\n\n**Answer:** A package manager.\n\n"
        "### Q2: What is a stream?\n\n**Answer:** Data in pieces.\n\n## Coding Challenges\n\n"
        "### Challenge 1: Implement debounce\n\n```js\nconst debounce = (f) => f;\n```\n\n"
        "### Challenge 2: Implement a cache\n\n```js\nconst cache = new Map();\n```\n"
    )
    notes = parse(Text("node.md", text)).notes
    assert [(note.number, note.question) for note in notes] == [
        (1, "What is npm?"),
        (2, "What is a stream?"),
        (1, "Implement debounce"),
        (2, "Implement a cache"),
    ]


def test_a_quiz_of_lines_joined_by_hard_breaks() -> None:
    """Question, options and `✅ **Answer: B**` as lines of one paragraph joined by hard
    breaks (a backslash at each line's end), as GitHub shows them one a line: the options
    on the front, the label's answer on the back, no backslash left at the question's end."""
    text = (
        "### Sliding window\n\n**Q1.** Which fits a sliding window?\\\nA. Rotate a matrix\\\n"
        "B. Longest substring with K distinct characters\\\n\u2705 **Answer: B**\\\n"
        "**Explanation:** It bounds a substring.\n\n***\n\n"
        "**Q2.** Is a window's size fixed?\\\nA. Always\\\nB. Not always\\\n"
        "\u2705 **Answer: B**\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        (
            "Which fits a sliding window?",
            "A. Rotate a matrix\\\nB. Longest substring with K distinct characters",
            "B\n\n**Explanation:** It bounds a substring.",
        ),
        ("Is a window's size fixed?", "A. Always\\\nB. Not always", "B"),
    ]


def test_paragraphs_numbered_with_a_dash() -> None:
    """`1- ¿Qué es un API?` and `3- Explícame HTTP.` as plain paragraphs (no list on
    GitHub), each over its answer: numbered questions, the one that instructs too."""
    text = (
        "Nivel básico\n\n1- ¿Qué es un API?\n\nUn contrato entre programas.\n\n"
        "2- ¿Qué es JSON?\n\nUn formato de texto.\n\n"
        "3- Explícame HTTP.\n\nEl protocolo de la web.\n"
    )
    notes = parse(Text("entrevista.md", text)).notes
    assert [(note.number, note.question, note.answer) for note in notes] == [
        (1, "¿Qué es un API?", "Un contrato entre programas."),
        (2, "¿Qué es JSON?", "Un formato de texto."),
        (3, "Explícame HTTP.", "El protocolo de la web."),
    ]


def test_a_question_over_its_answer_in_one_paragraph() -> None:
    """`What is React?` on a paragraph's first line, its answer on the next (no blank line
    between), as plain notes are typed; an instruction on the first line too."""
    text = (
        "React\n\nWhat is React?\nA library for building interfaces.\n\n"
        "Explain the virtual DOM.\nA light copy of the DOM that React compares.\n\n"
        "What are props?\nInputs a parent passes down.\n"
    )
    notes = parse(Text("react.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("What is React?", "A library for building interfaces."),
        ("Explain the virtual DOM.", "A light copy of the DOM that React compares."),
        ("What are props?", "Inputs a parent passes down."),
    ]


def test_entries_before_the_first_heading_that_asks() -> None:
    """Headings that name a topic over their answer, before the first that asks (`## Kinds
    of indexes`), are entries of the list as those after it are; a page's introduction
    (`## Introduction`) is not."""
    text = (
        "# Databases\n\n## Introduction\n\nNotes for the interview.\n\n"
        "## Kinds of indexes\n\nB-trees and hashes.\n\n"
        "## What is a primary key?\n\nA column that names each row.\n\n"
        "## What is a transaction?\n\nWork that is done whole or not at all.\n\n"
        "## The ACID rules\n\nAtomic, consistent, isolated, durable.\n"
    )
    notes = parse(Text("databases.md", text)).notes
    assert [note.question for note in notes] == [
        "Kinds of indexes",
        "What is a primary key?",
        "What is a transaction?",
        "The ACID rules",
    ]


def test_options_answered_by_a_code_block_under_them() -> None:
    """Options, then a code block that repeats the right one (or gives its letter): the
    options go on the front, the block's text is the answer and what follows explains it;
    a program asked about, then `Output` and a block, is the front and the answer."""
    notes = parsed("options-then-the-answer-in-code.md").notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        ("Which of these types is immutable?", "* list\n* dict\n* tuple\n* set", "tuple"),
        (
            "Which call opens a file for appending?",
            'A. open(path, "r")  \nB. open(path, "a")  \nC. open(path, "x")  ',
            "Answer: B\n\n**Explanation**: `a` writes at the end of the file.",
        ),
        (
            "What is the output of the following program?",
            "```python\nprint(sorted([3, 1, 2]))\n```",
            "```\n[1, 2, 3]\n```",
        ),
    ]


def test_an_entry_whose_answer_is_a_table() -> None:
    """An entry whose answer is only a table (`##### Request headers:` over one) is an
    entry as one over a paragraph is, at the end of the file too; a rule only separates."""
    text = (
        "# Networking\n\n##### What is DNS?\nThe phone book of the internet.\n\n---\n\n"
        "##### What is DHCP?\nIt hands out addresses.\n\n"
        "##### Request headers:\n\n| Field | Says |\n| --- | --- |\n| Host | The server |\n"
    )
    notes = parse(Text("networking.md", text)).notes
    assert [note.question for note in notes] == [
        "What is DNS?",
        "What is DHCP?",
        "Request headers:",
    ]
    assert notes[2].answer.startswith("| Field | Says |")


def test_answers_in_brackets_after_their_questions() -> None:
    """A review sheet whose answers are written in brackets after each question, on its
    line (`1. Is a keyboard hardware? (Yes)`), answers each so; in a file whose questions
    are answered under them, a bracket after one is a remark, and stays in it."""
    sheet = (
        "#### Hardware\n\n1. Is a keyboard hardware? (Yes)\n2. Can you touch software? (No)\n"
        "3. Name an input device. (Mouse/Keyboard)\n4. Is a monitor an output device? (Yes)\n"
    )
    notes = parse(Text("sheet.md", sheet)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Is a keyboard hardware?", "Yes"),
        ("Can you touch software?", "No"),
        ("Name an input device.", "Mouse/Keyboard"),
        ("Is a monitor an output device?", "Yes"),
    ]
    answered = (
        "1. Which are input devices? (Two answers)\n\n   A mouse and a keyboard.\n\n"
        "2. What is RAM?\n\n   Memory that forgets when the power goes.\n\n"
        "3. What is a CPU?\n\n   The chip that runs programs.\n"
    )
    assert parse(Text("answered.md", answered)).notes[0].question == (
        "Which are input devices? (Two answers)"
    )


def test_bold_numbered_questions_over_numbered_options() -> None:
    """`**1. What is RAM?**` over options numbered `1.` to `3.`, then `Answer: (b). ...`:
    the lists numbered from 1 under each bold question are its options, not the file's
    questions, however many more of them there are."""
    options = "1. A disk\n2. Memory the processor reads at once\n3. A screen\n\n"
    text = "".join(
        f"**{number}. {question}**\n\n{options}Answer: (b). {answer}\n\n"
        for number, (question, answer) in enumerate(
            [
                ("What is RAM?", "It is read at once."),
                ("What does a processor read quickly?", "Its memory."),
                ("Which of these is lost at power-off?", "Memory."),
            ],
            start=1,
        )
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(note.question, note.prompt, note.answer) for note in notes] == [
        ("What is RAM?", options.strip(), "(b). It is read at once."),
        ("What does a processor read quickly?", options.strip(), "(b). Its memory."),
        ("Which of these is lost at power-off?", options.strip(), "(b). Memory."),
    ]


def test_questions_bold_in_html_with_their_numbers_in_brackets() -> None:
    """`<b>[3] What ...?</b>` lines, also where stray `</br>` tags make the text around them
    raw HTML (as GitHub shows it, bold): numbered questions, the tags no part of answers."""
    text = (
        "<b>[1] What is a compiler? </b>\nA program that translates code.\n\n</br>\n"
        "<b>[2] What is a linker?</b> </br>\nIt joins object files.\n</br>\n\n"
        "<b> [3] What is a loader?</b>\n</br>\nIt puts a program in memory.\n"
    )
    notes = parse(Text("review.md", text)).notes
    assert [(note.number, note.question, note.answer) for note in notes] == [
        (1, "What is a compiler?", "A program that translates code."),
        (2, "What is a linker?", "It joins object files."),
        (3, "What is a loader?", "It puts a program in memory."),
    ]


def test_numbered_questions_wrapped_over_lines() -> None:
    """A numbered question hard-wrapped over the lines of its item (`1. How does the
    system answer` / `   the query below?`) is the whole question; a line that starts a
    part of it (`a. ...`) or an answer under a question that ends on its line is not."""
    text = (
        "## Queries\n\n1. Which results does the system give\n   for the query `g(G)`, and in\n"
        "   which order?\n\n   > `c`, then `a`, then `b`.\n\n"
        "2. What does `X = f(X)` do?\n   It builds an infinite term.\n\n"
        "3. Explain unification\n   a. What is a most general unifier?\n\n"
        "   > The least specific substitution that unifies both terms.\n"
    )
    notes = parse(Text("prolog.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        (
            "Which results does the system give for the query `g(G)`, and in which order?",
            "> `c`, then `a`, then `b`.",
        ),
        ("What does `X = f(X)` do?", "It builds an infinite term."),
        (
            "Explain unification",
            "a. What is a most general unifier?\n\n"
            "> The least specific substitution that unifies both terms.",
        ),
    ]


def test_headings_marked_with_emoji_shortcodes() -> None:
    """`#### What is an ANR? :fire: :fire:`: the shortcodes (or emoji, `⭐⭐`) after a
    heading's words mark its level (a linked one too) and are no part of the question,
    which asks."""
    text = (
        "# Android\n\n#### What is an ANR? :fire:\nThe app stopped answering.\n\n"
        "#### How many ways are there to store data? [:fire:](https://example.com/1)\n"
        "Files, preferences, databases.\n\n"
        "#### Why does a fragment need an empty constructor? :fire: :fire:\n"
        "The system recreates it.\n\n#### What is a service? \u2b50\u2b50\n"
        "Work without a screen.\n"
    )
    notes = parse(Text("android.md", text)).notes
    assert [note.question for note in notes] == [
        "What is an ANR?",
        "How many ways are there to store data?",
        "Why does a fragment need an empty constructor?",
        "What is a service?",
    ]


def test_a_code_block_that_only_says_where_the_answer_goes() -> None:
    """A code block holding only a comment that an answer goes there (`// answer`) is no
    answer: its question is reported unanswered; code that answers stays an answer."""
    text = (
        "<details>\n<summary>Write a function that adds two numbers.</summary>\n\n"
        "```swift\nfunc add(_ a: Int, _ b: Int) -> Int { a + b }\n```\n</details>\n\n"
        "<details>\n<summary>Write a function that swaps two numbers.</summary>\n\n"
        "```swift\n// answer\n```\n</details>\n"
    )
    with pytest.raises(AnkigenError) as caught:
        parse(Text("drill.md", text))
    assert [(p.line, p.message) for p in caught.value.problems if p.line] == [
        (9, "question 2 has no answer")
    ]


def test_an_instruction_heading_with_nothing_under_it() -> None:
    """`### Describe a time ...` with nothing under it, among questions at its level, is a
    question left unanswered (reported at its line), not a section's title."""
    text = (
        "# Behavioural\n\n### Tell me about a time you failed.\n* Say what you learnt.\n\n"
        "### Describe a time you changed a colleague's mind.\n\n"
        "### Tell me about a time you disagreed with your manager.\n* Disagree and commit.\n"
    )
    with pytest.raises(AnkigenError) as caught:
        parse(Text("behavioural.md", text))
    assert [(p.line, p.message) for p in caught.value.problems if p.line] == [
        (6, "question 2 has no answer")
    ]


def test_lines_labelled_as_questions_in_other_words() -> None:
    """`Punto 3: Defina ...`, `Pregunta 4: ...`: a paragraph's line labelled and numbered
    as a question, in the list's language, is a numbered question as `Q3:` is."""
    text = (
        "Punto 1: Defina algoritmo.\n\nUna secuencia finita de pasos.\n\n"
        "Punto 2: ¿Qué es una clase?\n\nUn molde de objetos.\n\n"
        "Pregunta 3: Defina herencia.\n\nUna clase toma lo de otra.\n"
    )
    notes = parse(Text("puntos.md", text)).notes
    assert [(note.number, note.question) for note in notes] == [
        (1, "Defina algoritmo."),
        (2, "¿Qué es una clase?"),
        (3, "Defina herencia."),
    ]


def test_an_answer_key_opened_by_a_line_after_a_rule() -> None:
    """After the questions, a rule and a line naming the key (`---`, `**Answers**`) open
    it as a heading would; a question the key does not reach, and that only instructs
    with nothing under it (`Explain ...`), is reported unanswered."""
    text = (
        "# Review\n\n1. The gateway listens on port `____`.\n\n"
        "2. Which file holds the settings?\n   - A. `app.py`\n   - B. `config.yaml`\n\n"
        "3. Explain how events reach the browser.\n\n---\n\n**Answers**\n\n"
        "1. 8001\n2. B\n"
    )
    with pytest.raises(AnkigenError) as caught:
        parse(Text("review.md", text))
    assert [(p.line, p.message) for p in caught.value.problems if p.line] == [
        (9, "question 3 has no answer")
    ]
    notes = parse(Text("review.md", text), skip_unanswered=True).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("The gateway listens on port `____`.", "8001"),
        ("Which file holds the settings?", "B"),
    ]


def test_a_question_heading_over_its_translation() -> None:
    """`### Q1: 什么是杠杆?` right over `### Leverage and risk`: the second heading says the
    first again in another script, and is part of its question's text, not a section."""
    text = (
        "## Lecture 1\n\n### Q1\uff1a\u4ec0\u4e48\u662f\u6760\u6746\uff1f\n"
        "### Leverage and risk\n\nBorrowing to buy more.\n\n"
        "### Q2\uff1a\u4ec0\u4e48\u662f\u6298\u73b0\u7387\uff1f\n\nThe rate that prices time.\n"
    )
    notes = parse(Text("finance.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("\u4ec0\u4e48\u662f\u6760\u6746\uff1f", "Leverage and risk\n\nBorrowing to buy more."),
        ("\u4ec0\u4e48\u662f\u6298\u73b0\u7387\uff1f", "The rate that prices time."),
    ]


def test_headings_that_ask_with_a_remark_glued_or_as_a_korean_instruction() -> None:
    """`### ...설명해 보세요.` asks as an instruction does (Korean ends it with the verb), and
    `### ...할까요?(단, ...)` asks with its remark written right after the mark; the
    deeper headings under each are its answer."""
    text = (
        "### CORS\uac00 \ubb34\uc5c7\uc778\uc9c0 \uc124\uba85\ud574 \ubcf4\uc138\uc694.\n\n"
        "#### \ub2e4\ub978 \ucd9c\ucc98\uc758 \uc790\uc6d0\uc744 \uc4f0\ub294 \uaddc\uce59.\n\n"
        "### \uc5b4\ub5bb\uac8c \ube60\ub974\uac8c \ud560\uae4c\uc694?(\ub2e8, \uce90\uc2dc\ub294 "
        "\uc788\uc74c)\n\n#### script\ub97c \uc544\ub798\uc5d0 \ub461\ub2c8\ub2e4.\n\n"
        "### SEO\ub294 \ubb34\uc5c7\uc778\uac00\uc694?\n\n#### \uac80\uc0c9 \ucd5c\uc801\ud654.\n"
    )
    notes = parse(Text("frontend.md", text)).notes
    assert len(notes) == 3
    assert [note.answer.startswith("####") for note in notes] == [True] * 3


def test_logseq_cards_tagged_with_a_kind_of_card() -> None:
    """`#card/idea` and `#card/question` name kinds of card under `#card`; a tag glued to
    the text at the end of its line (`Spaced practice#card/idea`) tags it too."""
    text = (
        "- Reading notes\n\t- Spaced practice#card/idea\n\t  id:: 1234\n"
        "\t\t- Reviewing at growing intervals.\n"
        "\t- Why sleep after studying? #card/question\n\t\t- Sleep settles memories.\n"
        "\t- #reading/notes\n\t\t- Not a card.\n"
    )
    notes = parse(Text("journal.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Spaced practice", "- Reviewing at growing intervals."),
        ("Why sleep after studying?", "- Sleep settles memories."),
    ]


def test_a_callout_of_another_kind_whose_title_asks() -> None:
    """`> [!note]+ What happens ...?` among question callouts asks as `[!question]` does;
    a note whose title does not ask stays text."""
    text = (
        "> [!question]- What does a flip-flop store?\n> One bit.\n\n"
        "> [!note]+ What happens to the registers when the computer restarts?\n>\n"
        "> - They are reset to 0\n\n"
        "> [!note] Remember\n> Clocks drive the registers.\n\n"
        "> [!question]- What is a latch?\n> A flip-flop without a clock.\n"
    )
    notes = parse(Text("callouts.md", text)).notes
    assert [note.question for note in notes] == [
        "What does a flip-flop store?",
        "What happens to the registers when the computer restarts?",
        "What is a latch?",
    ]


def test_a_shallower_heading_that_asks_over_its_own_answer() -> None:
    """A FAQ whose questions are `####` headings under `##` sections, ending with `## Why
    ...?` entries over their own answers: those ask too; `## How do I...?` over deeper
    questions is their section."""
    text = (
        "# FAQ\n\n## Definitions\n\n#### What is a plugin?\n\nA script it loads.\n\n"
        "## How do I...?\n\n#### How do I install it?\n\nRun the script.\n\n"
        "#### How do I update it?\n\nRun the updater.\n\n"
        "## Problems\n\n#### Why is my prompt slow?\n\nA plugin is slow.\n\n"
        "## Why is history shared by default?\n\nSo that every shell sees it.\n\n"
        "## Why not install it as root?\n\nRoot's files would belong to it.\n"
    )
    notes = parse(Text("faq.md", text)).notes
    assert [note.question for note in notes] == [
        "What is a plugin?",
        "How do I install it?",
        "How do I update it?",
        "Why is my prompt slow?",
        "Why is history shared by default?",
        "Why not install it as root?",
    ]


def test_an_answer_key_whose_parts_are_named_shorter() -> None:
    """`# **Answer Key - Week 2**` answers the quiz above it; its parts may be named
    shorter than the sections they answer (`### **Part 1: MCQs**` for `## **Part 1:
    Multiple Choice Questions**`): the part's label and number say which."""
    text = (
        "# Week 2 Quiz\n\n## **Part 1: Multiple Choice Questions**\n\n"
        "1. Which type is immutable?\n   a) list\n   b) tuple\n\n"
        "2. Which type keeps one of each?\n   a) set\n   b) list\n\n"
        "## **Part 2: True/False**\n\n1. A tuple can change. (True / False)\n\n"
        "# **Answer Key - Week 2**\n\n### **Part 1: MCQs**\n\n1. **b) tuple**\n2. **a) set**\n\n"
        "### **Part 2: True/False**\n\n1. False\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Which type is immutable?", "**b) tuple**"),
        ("Which type keeps one of each?", "**a) set**"),
        ("A tuple can change. (True / False)", "False"),
    ]


def test_a_scheduled_card_whose_separator_is_glued_to_its_answer() -> None:
    """In a deck the spaced-repetition plugin schedules, a card whose `?` line was typed
    with the answer after it (`?$(2.9)$`) is a card as one with `?` alone is."""
    text = (
        "Define the average speed\n?\n$v = \\Delta x / \\Delta t$\n<!--SR:!2024-01-01,1,230-->\n\n"
        "Define the average acceleration\n?$a = \\Delta v / \\Delta t$\n"
    )
    notes = parse(Text("physics.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("Define the average speed", "$v = \\Delta x / \\Delta t$"),
        ("Define the average acceleration", "$a = \\Delta v / \\Delta t$"),
    ]


def test_a_summary_that_folds_a_korean_answer_away() -> None:
    """`<summary>답변 예시</summary>` (an example answer) folds the answer away under the
    heading over it, which is the question; it is no question of its own."""
    text = (
        "## 가장 어려웠던 문제\n\n<details>\n<summary>답변 예시</summary>\n\n"
        "캐시 문제였습니다.\n</details>\n\n"
        "## 실패한 경험\n\n<details>\n<summary>답변 예시</summary>\n\n"
        "배포를 서둘렀습니다.\n</details>\n"
    )
    notes = parse(Text("interview.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        ("가장 어려웠던 문제", "캐시 문제였습니다."),
        ("실패한 경험", "배포를 서둘렀습니다."),
    ]


def test_an_answer_labelled_in_bold_inside_the_paragraph_over_it() -> None:
    """`**Answer:** A` on a line of the paragraph of options over it opens the answer (the
    options go on the front); a bold label with nothing after it (`**RESPUESTA:**`, left
    blank) answers nothing, and its question is reported."""
    answered = (
        "### Q1. What does CIA stand for?\n\nA) Confidentiality, Integrity, Availability\n"
        "B) Control, Integrity, Authorization\n**Answer:** A\n"
    )
    notes = parse(Text("practice.md", answered)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        ("A) Confidentiality, Integrity, Availability\nB) Control, Integrity, Authorization", "A")
    ]
    blank = (
        "## Preguntas\n\n1. **¿Qué es Git?**\n   _Nivel: básico_\n   **RESPUESTA:**\n\n"
        "2. **¿Qué es CORS?**\n   _Nivel: medio_\n   **RESPUESTA:**\n"
    )
    with pytest.raises(AnkigenError) as caught:
        parse(Text("cuestionario.md", blank))
    assert [p.line for p in caught.value.problems if "no answer" in p.message] == [3, 7]


def test_chinese_numbers_without_a_space_and_answers_labelled_da() -> None:
    """`1.什么是内碎片\uff1f`, a point and no space before the question (no list on GitHub, a
    numbered question to a reader), and its answer labelled `答\uff1a`."""
    text = (
        "### 5.3 \u8fde\u7eed\u5185\u5b58\u5206\u914d\n"
        "1.\u4ec0\u4e48\u662f\u5185\u788e\u7247\uff1f\n\n"
        "\u7b54\uff1a\u5206\u914d\u7ed9\u4efb\u52a1\u4f46\u6ca1\u7528\u5230\u7684\u5185\u5b58\u3002\n\n"
        "2.\u4ec0\u4e48\u662f\u5916\u788e\u7247\uff1f\n\n"
        "\u7b54\uff1a\u592a\u5c0f\u800c\u7528\u4e0d\u4e0a\u7684\u7a7a\u95f2\u5757\u3002\n"
    )
    notes = parse(Text("spoc.md", text)).notes
    assert [(note.number, note.answer) for note in notes] == [
        (1, "\u5206\u914d\u7ed9\u4efb\u52a1\u4f46\u6ca1\u7528\u5230\u7684\u5185\u5b58\u3002"),
        (2, "\u592a\u5c0f\u800c\u7528\u4e0d\u4e0a\u7684\u7a7a\u95f2\u5757\u3002"),
    ]


def test_a_fence_never_closed_after_the_questions() -> None:
    """A fence left open in a closing section after the last question (`## Feedback`, then
    a stray ```) changes no card: a warning at its line, and the questions are read; one
    left open in an answer is still an error."""
    questions = "# FAQ\n\n### 1. What is Git?\nA version control system.\n\n"
    source = parse(Text("faq.md", questions + "## Feedback\n\nTell us.\n\n```\n\nThanks.\n"))
    assert [note.question for note in source.notes] == ["What is Git?"]
    assert [(p.line, p.severity.value, p.code) for p in source.warnings][-1:] == [
        (10, "warning", "unclosed-fence")
    ]
    with pytest.raises(AnkigenError):
        parse(Text("faq.md", questions + "### 2. What is a commit?\n```\ngit commit\n"))


def test_bullets_labelled_as_questions_over_a_block_of_options_and_answer() -> None:
    """`* Pergunta 1: ...` numbers its question by its label; a code block of lettered
    options that ends with the answer (`Resposta Correta: C) ...`) is the front without
    that line, and that line's words the answer."""
    options = "A) Decorar o código.\nB) Descrever os passos.\nC) Criar gráficos."
    text = (
        "## Aula 1\n\n* Pergunta 1: Qual o objetivo de um algoritmo?\n\n"
        f"```\n{options}\nResposta Correta: B) Descrever os passos.\n```\n\n"
        "* Pergunta 2: O que é o VS Code?\n\n"
        "```\nA) Um navegador.\nB) Um editor de código.\nResposta Correta: B) Um editor.\n```\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(note.number, note.question) for note in notes] == [
        (1, "Qual o objetivo de um algoritmo?"),
        (2, "O que é o VS Code?"),
    ]
    assert (notes[0].prompt, notes[0].answer) == (f"```\n{options}\n```", "B) Descrever os passos.")


def test_headings_that_ask_over_options_numbered_from_one() -> None:
    """`### Which ...?` over options numbered `1.` to `4.`, then the answer: the lists
    numbered from 1 under each heading are its options, not the file's questions."""
    options = "1.  a list of sports\n2.  a shoe size\n3.  the distance to the moon\n\n"
    text = "".join(
        f"### {question}\n\n{options}**Answer: 3**. {why}\n\n"
        for question, why in [
            ("Which of these is not personal data?", "It is public."),
            ("Which of these is public information?", "Anyone may know it."),
            ("Which of these names no person?", "It is about the moon."),
        ]
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [note.question for note in notes] == [
        "Which of these is not personal data?",
        "Which of these is public information?",
        "Which of these names no person?",
    ]


def test_a_bold_label_that_holds_the_right_option() -> None:
    """`**Answer: B**. Because ...`: the bold opened before the label closes after the
    option it names; the back shows that option in bold, with no stray `**` as text."""
    text = (
        "# Quick quiz\n\n1. Which planet is largest?\n\n   - A) Mars\n   - B) Jupiter\n\n"
        "   **Answer: B**. It holds most of the planets' mass.\n\n"
        "2. Which gas do plants take in?\n\n   - A) Carbon dioxide\n   - B) Helium\n\n"
        "   **Answer: A) Carbon dioxide** - they fix its carbon.\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [note.answer for note in notes] == [
        "**B**. It holds most of the planets' mass.",
        "**A) Carbon dioxide** - they fix its carbon.",
    ]
    assert (
        card_html(notes[0].answer)
        == "<p><strong>B</strong>. It holds most of the planets' mass.</p>"
    )


def test_answers_named_sample_possible_or_suggested() -> None:
    """`Sample answer`, `Suggested answer:`, `Possibile risposta` and `Đáp án` name an
    answer as `Answer` does: a summary that says so folds the answer away (the back shows
    what it folds), and a label says where the back starts."""
    text = (
        "# Prep\n\n1. Why do teams write tests first?\n"
        "   <details><summary>Sample answer</summary>\n\n"
        "   To pin the behaviour before the code.\n\n   </details>\n\n"
        "2. Perché usare un'interfaccia?\n"
        "   <details><summary> Possibile risposta</summary>\n\n"
        "   Per separare il contratto dall'implementazione.\n\n   </details>\n\n"
        "3. Vì sao cần chỉ mục?\n"
        "   <details><summary>Đáp án</summary>\n\n   Để tìm nhanh hơn.\n\n   </details>\n\n"
        "4. Which port does HTTPS use?\n\n   A. 80\n   B. 443\n\n"
        "   Suggested answer: B\n"
    )
    notes = parse(Text("prep.md", text)).notes
    assert [(note.prompt, note.answer) for note in notes] == [
        ("", "To pin the behaviour before the code."),
        ("", "Per separare il contratto dall'implementazione."),
        ("", "Để tìm nhanh hơn."),
        ("A. 80\nB. 443", "B"),
    ]


def test_a_faq_written_as_a_loose_definition_list() -> None:
    """A site's FAQ written for MkDocs or Pandoc: each question a paragraph, a blank line,
    then its answer marked `:   ` with what follows indented under it. The back shows the
    answer without the mark or the indent (code stays code)."""
    text = (
        "# FAQ\n\nCan I use it offline?\n\n"
        ":   Yes. Everything it fetched stays in its cache.\n\n"
        "    To see the cache:\n\n    ```sh\n    tool cache --list\n    ```\n\n"
        "Does it need a server?\n\n:   No.\n"
    )
    notes = parse(Text("faq.md", text)).notes
    assert [(note.question, note.answer) for note in notes] == [
        (
            "Can I use it offline?",
            "Yes. Everything it fetched stays in its cache.\n\nTo see the cache:\n\n"
            "```sh\ntool cache --list\n```",
        ),
        ("Does it need a server?", "No."),
    ]


def test_flashcards_that_label_their_question_and_answer() -> None:
    """Cards of note-taking apps written with labels (`Q: ...::...` in Obsidian, a Logseq
    `#card` block with its `- A: ...` child): the labels are no part of what the card
    shows, and a child block that is the answer is shown as text, not as a one-item list;
    a bullet without a label stays a list."""
    obsidian = (
        "# Cards\n\nQ: What does DNS resolve?::Names to addresses.\n\nQ: Default SSH port?::22\n"
    )
    notes = parse(Text("cards.md", obsidian)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("What does DNS resolve?", "Names to addresses."),
        ("Default SSH port?", "22"),
    ]
    logseq = (
        "- Q: What is a subnet? #card\n\t- A: A range of addresses\n\t  carved from a network.\n"
        "- Q: What does NAT change? #card\n\t- The source address\n"
    )
    notes = parse(Text("pages/net.md", logseq)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("What is a subnet?", "A range of addresses\ncarved from a network."),
        ("What does NAT change?", "- The source address"),
    ]


def test_tags_at_the_end_of_a_card_are_not_shown() -> None:
    """Tags a note-taking app reads at a card's end (`#bio/cells`, Logseq's `#card`, a tag
    on a line or a bullet of its own) are no part of what the card says; a `#` inside the
    text, or a text that is only a tag, stays as written."""
    text = (
        "# Cells\n\nWhat makes the cell's energy?::Mitochondria #bio/cells #exam\n\n"
        "What does C# compile to?::IL code, run by the CLR\n\n"
        "What builds proteins?::Ribosomes\n#bio/cells\n"
    )
    notes = parse(Text("cells.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("What makes the cell's energy?", "Mitochondria"),
        ("What does C# compile to?", "IL code, run by the CLR"),
        ("What builds proteins?", "Ribosomes"),
    ]
    logseq = "- Cytoplasm #card\n\t- the cell's inner fluid\n\t- #bio/cells\n"
    notes = parse(Text("pages/cells.md", logseq)).notes
    assert [(n.question, n.answer) for n in notes] == [("Cytoplasm", "- the cell's inner fluid")]


def test_a_card_whose_bold_closes_after_its_separator() -> None:
    """`**Term ::** what it means`: the bold opened before the term closes after the
    separator, so the front is the term in bold and the back its meaning, without marks."""
    text = (
        "# Terms\n\n**Synapse ::** the gap between two neurons\n\n"
        "**Axon ::** a neuron's output fibre\n"
    )
    notes = parse(Text("terms.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("**Synapse**", "the gap between two neurons"),
        ("**Axon**", "a neuron's output fibre"),
    ]


def test_a_card_whose_question_holds_a_path_of_names() -> None:
    """`What does std::move do?::...`: the card's separator is the one after its question
    mark, not the `::` of the code it asks about."""
    text = (
        "# C++\n\nWhat does std::move do?::Casts its argument to an rvalue\n\n"
        "Where is std::size_t declared?::In <cstddef>\n\nWhat is RAII?::Resources tied to scope\n"
    )
    notes = parse(Text("cpp.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("What does std::move do?", "Casts its argument to an rvalue"),
        ("Where is std::size_t declared?", "In <cstddef>"),
        ("What is RAII?", "Resources tied to scope"),
    ]


def test_an_answer_quoted_under_its_label() -> None:
    """`> **Answer:**` then the answer's quoted lines: the back shows the answer as text,
    without the quote or its label; a quote of options lettered `> A:` is no answer."""
    text = (
        "# Go\n\n#### 1. What is a goroutine?\n\n> **Answer:**\n> A function run at once\n"
        "> with others.\n>\n> - cheap\n> - scheduled by Go\n\n"
        "#### 2. How is a channel closed?\n\n> **Answer:** With `close(ch)`.\n\n"
        "#### 3. Which keyword starts one?\n\n> A: go\n> B: run\n\nAnswer: A\n"
    )
    notes = parse(Text("go.md", text)).notes
    assert [(n.prompt, n.answer) for n in notes] == [
        ("", "A function run at once\nwith others.\n\n- cheap\n- scheduled by Go"),
        ("", "With `close(ch)`."),
        ("> A: go\n> B: run", "A"),
    ]


def test_links_around_the_page_are_no_part_of_an_answer() -> None:
    """A line that only links to a place in the page (`**[⬆ Volver al índice](#índice)**`,
    a right-aligned `<div>` holding `↥ back to top`) is a way around the file, in any
    language: no card shows it. A link to the page inside a sentence stays."""
    text = (
        "# Preguntas\n\n## Índice\n\n1. [¿Qué es un hilo?](#qué-es-un-hilo)\n"
        "2. [¿Qué es un proceso?](#qué-es-un-proceso)\n\n"
        "### ¿Qué es un hilo?\n\nLa unidad de ejecución más pequeña.\n\n"
        "**[⬆ Volver al índice](#índice)**\n\n"
        "### ¿Qué es un proceso?\n\nUn programa en ejecución, con su memoria; ver\n"
        "[la pregunta anterior](#qué-es-un-hilo) sobre los hilos.\n\n"
        '<div align="right">\n    <b><a href="#índice">↥ volver arriba</a></b>\n</div>\n'
    )
    notes = parse(Text("preguntas.md", text)).notes
    assert [note.answer for note in notes] == [
        "La unidad de ejecución más pequeña.",
        "Un programa en ejecución, con su memoria; ver\n"
        "[la pregunta anterior](#qué-es-un-hilo) sobre los hilos.",
    ]


def test_slides_that_pause_before_the_answer() -> None:
    """Cards written as slides for Pandoc: the question, a pause (`. . .`), the answer; the
    pause is no part of the back, and code after it is the answer even where the question
    points at it (`How can this be shorter?`)."""
    text = (
        "# Rust\n\n---\n\nWhich command makes a new package?\n\n. . .\n\n"
        "```sh\ncargo new demo\n```\n\n---\n\n"
        "How can this be shorter: `let Point { x: x, y: y } = p;`?\n\n. . .\n\n"
        "```rust\nlet Point { x, y } = p;\n```\n"
    )
    notes = parse(Text("rust.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("Which command makes a new package?", "```sh\ncargo new demo\n```"),
        (
            "How can this be shorter: `let Point { x: x, y: y } = p;`?",
            "```rust\nlet Point { x, y } = p;\n```",
        ),
    ]


def test_code_under_an_answer_label_is_the_answer() -> None:
    """`What does this print?` over `**Answer:**` and a code block: the label says the code
    is the answer, not the program the question points at; an italic label (`*Odp:*`)
    is left out whole."""
    text = (
        "# Quiz\n\n1. What does this print?\n\n   **Answer:**\n\n   ```\n   42\n   ```\n\n"
        "2. Kto spisał prawo XII tablic?\n\n   *Odp:* Decemwirowie.\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(n.prompt, n.answer) for n in notes] == [("", "```\n42\n```"), ("", "Decemwirowie.")]


def test_card_blocks_with_renamed_markers_and_an_image_first() -> None:
    """Obsidian_to_Anki's blocks, their markers renamed in its settings (`START_CARD` ...
    `END_CARD`), a front that opens with an image (`![[orbit.png]]`, as Obsidian embeds
    one): the question is its words, the image shown under them."""
    text = (
        "TARGET_DECK: Space::Orbits\n\nSTART_CARD\nBasic\n\n![[orbit.png]]\n"
        "Which orbit does this show?\n\nBack: A polar orbit.\nEND_CARD\n\n---\n\n"
        "START_CARD\nBasic\nWhat keeps a satellite up?\n"
        "Back: Its speed along the curve.\nEND_CARD\n"
    )
    notes = parse(Text("orbits.md", text)).notes
    assert [(n.question, n.prompt, n.answer) for n in notes] == [
        ("Which orbit does this show?", "![[orbit.png]]", "A polar orbit."),
        ("What keeps a satellite up?", "", "Its speed along the curve."),
    ]


def test_a_long_dash_between_cards_is_a_separator() -> None:
    """`⸻` on a line of its own between one card and the next separates them, as `---`
    does: no answer ends with it."""
    text = (
        "# Docker\n\nQ1. What is an image?\n- a read-only template\n\n⸻\n\n"
        "Q2. What is a container?\n- a running image\n\n⸻\n"
    )
    notes = parse(Text("docker.md", text)).notes
    assert [note.answer for note in notes] == ["- a read-only template", "- a running image"]


def test_options_bold_after_their_letter() -> None:
    """`- b) **TCP**`: an option whose words after its letter are in bold is a right one,
    as `- **b) TCP**` is: the options on the front without the bold, as written on the
    back."""
    text = (
        "# Networks\n\n1. Which protocol retransmits lost data?\n"
        "   - a) UDP\n   - b) **TCP**\n   - c) IP\n\n"
        "2. Which port does DNS use?\n   - a) 22\n   - **b) 53**\n"
    )
    notes = parse(Text("net.md", text)).notes
    assert [(n.prompt, n.answer) for n in notes] == [
        ("- a) UDP\n- b) TCP\n- c) IP", "- a) UDP\n- b) **TCP**\n- c) IP"),
        ("- a) 22\n- b) 53", "- a) 22\n- **b) 53**"),
    ]


def test_numbered_options_under_their_label() -> None:
    """`**Options:**` (or `선택지:`) over a numbered list: the list is the question's
    choices, on its front, not questions of their own."""
    text = (
        "# Quiz\n\n## Q1. What does `len('abc')` return?\n\n**Options:**\n1. 2\n2. 3\n3. 4\n\n"
        "<details><summary>Answer</summary>\n\n**Answer: 2**\n\n</details>\n\n"
        "## Q2. 튜플은 어느 것입니까?\n\n**선택지:**\n1. [1, 2]\n2. (1, 2)\n\n"
        "<details><summary>정답</summary>\n\n**정답: 2번**\n\n</details>\n"
    )
    notes = parse(Text("quiz.md", text)).notes
    assert [(n.question, n.prompt, n.answer) for n in notes] == [
        ("What does `len('abc')` return?", "**Options:**\n1. 2\n2. 3\n3. 4", "2"),
        ("튜플은 어느 것입니까?", "**선택지:**\n1. [1, 2]\n2. (1, 2)", "2번"),
    ]


def test_a_logseq_card_tagged_as_a_page_at_its_end() -> None:
    """Logseq's `[[card]]` at the very end of a block's line tags a card, as `#card` does."""
    text = (
        "- Linear algebra\n\t- What is an inner product? [[card]]\n\t\t- The sum of the products\n"
        "\t- What is an outer product? [[card]]\n\t\t- A matrix of all the products\n"
    )
    notes = parse(Text("pages/algebra.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("What is an inner product?", "- The sum of the products"),
        ("What is an outer product?", "- A matrix of all the products"),
    ]


def test_one_line_cards_written_as_list_items() -> None:
    """`1. **URG**;; urgent data`, `- A closed port answers with:: RST` in a file of one-line
    cards: a list item holding a card is that card, its number or bullet no part of it (and
    its bold, as a whole, none either), whether it asks or not."""
    text = (
        "# TCP flags\n\nWhat does a port scan look for?;;Open ports\n\n"
        "1. **URG**;; the data is urgent\n2. **ACK**;; the acknowledgement number counts\n"
    )
    notes = parse(Text("flags.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("What does a port scan look for?", "Open ports"),
        ("URG", "the data is urgent"),
        ("ACK", "the acknowledgement number counts"),
    ]
    bullets = (
        "# Ports\n\n- A closed port answers with:: RST\n- An open port answers with:: SYN-ACK\n\n"
        "# Hosts\n\n- A host that is down answers with:: nothing\n"
    )
    notes = parse(Text("ports.md", bullets)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("A closed port answers with", "RST"),
        ("An open port answers with", "SYN-ACK"),
        ("A host that is down answers with", "nothing"),
    ]


def test_a_summary_set_apart_from_its_details() -> None:
    """`<details>`, a blank line, then `<summary>What ...?</summary>`: GitHub folds the
    answer under the question all the same, and so each is a card (or, empty, a question
    left unanswered)."""
    text = (
        "# Python\n\n<details>\n\n<summary>How does a dict find a key?</summary>\n\n"
        "By the key's hash.\n\n</details>\n\n***\n\n<details>\n\n"
        "<summary>Why are tuples hashable?</summary>\n\nThey cannot change.\n\n</details>\n"
    )
    notes = parse(Text("python.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("How does a dict find a key?", "By the key's hash."),
        ("Why are tuples hashable?", "They cannot change."),
    ]


def test_a_summary_that_only_numbers_its_question() -> None:
    """`<summary>Question 3</summary>` over the question and its code, then a folded
    answer: the card's question is what the body asks, the code under it its prompt."""
    text = (
        "# Bank\n\n<details><summary>Question 1</summary>\n\nWhat does this print?\n\n"
        "```js\nconsole.log(typeof null)\n```\n\n<details><summary>Answer</summary>\n\n"
        "`object`\n\n</details>\n</details>\n\n<details><summary>Question 2</summary>\n\n"
        "Why is `0.1 + 0.2 !== 0.3`?\n\n<details><summary>Answer</summary>\n\n"
        "Binary fractions.\n\n</details>\n</details>\n"
    )
    notes = parse(Text("bank.md", text)).notes
    assert [(n.question, n.prompt, n.answer) for n in notes] == [
        ("What does this print?", "```js\nconsole.log(typeof null)\n```", "`object`"),
        ("Why is `0.1 + 0.2 !== 0.3`?", "", "Binary fractions."),
    ]


def test_a_glossary_table_is_a_card_a_term() -> None:
    """A table whose header names a term column and a definition column (`| Term |
    Definition |`, `| Woord | Betekenis |`) is a glossary: each row a card, the term on
    the front, its definition on the back."""
    text = (
        "# Terms\n\n| Term | Definition |\n| --- | --- |\n| latency | time to the first byte |\n"
        "| throughput | bytes a second |\n"
    )
    notes = parse(Text("terms.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("latency", "time to the first byte"),
        ("throughput", "bytes a second"),
    ]
    dutch = (
        "| Woord | Betekenis |\n| --- | --- |\n| adequaat | passend |\n| ad hoc | voor dit doel |\n"
    )
    notes = parse(Text("woorden.md", dutch)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("adequaat", "passend"),
        ("ad hoc", "voor dit doel"),
    ]


def test_cards_over_lines_split_by_a_dash() -> None:
    """In a file the spaced-repetition plugin schedules, a card over lines may be split by
    a dash on a line of its own (`—`), the separator its user set in place of `?`."""
    text = (
        "## Vectors\n\nlength of a vector\n\u2014\n$|a| = \\sqrt{x^2 + y^2}$\n"
        "<!--SR:!2026-03-23,4,270-->\n\n"
        "dot product of a and b\n\u2014\n$x_1 x_2 + y_1 y_2$\n<!--SR:!2026-03-23,4,270-->\n"
    )
    notes = parse(Text("vectors.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("length of a vector", "$|a| = \\sqrt{x^2 + y^2}$"),
        ("dot product of a and b", "$x_1 x_2 + y_1 y_2$"),
    ]


def test_a_quiz_question_quoted_whole() -> None:
    """`> Q: ...`, its options and `> A: B`, all in one quote: the question, its options on
    the front, the letter on the back."""
    text = (
        "# Mechanics\n\n### Item 1\n\n> Q: A ball of 5 kg hits a wall at 10 m/s and bounces\n"
        "> back. How much momentum does the wall take?\n>\n> - A: 100 kg m/s\n"
        "> - B: 50 kg m/s\n>\n> A: A\n\n### Item 2\n\n> Q: What is the unit of force?\n>\n"
        "> - A: newton\n> - B: joule\n>\n> A: A\n"
    )
    notes = parse(Text("mechanics.md", text)).notes
    assert [(n.question, n.prompt, n.answer) for n in notes] == [
        (
            "A ball of 5 kg hits a wall at 10 m/s and bounces back. How much momentum does "
            "the wall take?",
            "- A: 100 kg m/s\n- B: 50 kg m/s",
            "A",
        ),
        ("What is the unit of force?", "- A: newton\n- B: joule", "A"),
    ]


def test_headings_led_by_a_bullet() -> None:
    """`### •	Why ...?`: a bullet before a heading's words dresses it, as a symbol does; no
    question starts with it."""
    text = (
        "# Catalogue\n\n### \u2022\tWhich kinds of plastics are there?\n\nThermoplastics, "
        "thermosets, elastomers.\n\n### \u2022\tAre thermoplastics meltable?\n\nYes.\n"
    )
    notes = parse(Text("catalogue.md", text)).notes
    assert [n.question for n in notes] == [
        "Which kinds of plastics are there?",
        "Are thermoplastics meltable?",
    ]


def test_an_outliner_card_with_code_in_its_own_block() -> None:
    """A Logseq card whose own block holds code under its question (its properties aside),
    its answer the block nested under it: the code is on the front, the answer on the
    back; a card whose answer is only nested blocks keeps them all on the back."""
    text = (
        "- ## Dicts\n\t- What does this print? #card\n\t  card-repeats:: 1\n\t  ```\n"
        "\t  >>> dict([('a', 2)])\n\t  ```\n\t\t- `{'a': 2}`\n"
        "\t- Which symbol unpacks a mapping? #card\n\t\t- `**`\n"
    )
    notes = parse(Text("pages/dicts.md", text)).notes
    assert [(n.question, n.prompt, n.answer) for n in notes] == [
        ("What does this print?", "```\n>>> dict([('a', 2)])\n```", "- `{'a': 2}`"),
        ("Which symbol unpacks a mapping?", "", "- `**`"),
    ]


def test_korean_instructions_that_ask() -> None:
    """`...를 알려주세요.` (tell me), `...를 나열해주세요.` (list), and an instruction with a
    remark in brackets after it (`(hint: ...)`) ask as `...를 설명해주세요.` does."""
    text = (
        "# OS\n\n#### 프로세스와 스레드의 차이를 알려주세요.\n\n스레드는 메모리를 공유한다.\n\n"
        "#### 교착상태의 조건을 나열해주세요.\n\n상호 배제, 점유 대기, 비선점, 순환 대기.\n\n"
        "#### 임계 구역에 대해 설명해주세요. (hint: mutex)\n\n한 번에 하나만 들어가는 구역.\n"
    )
    notes = parse(Text("os.md", text)).notes
    assert [note.question for note in notes] == [
        "프로세스와 스레드의 차이를 알려주세요.",
        "교착상태의 조건을 나열해주세요.",
        "임계 구역에 대해 설명해주세요. (hint: mutex)",
    ]


def test_an_answer_that_says_then_asks_is_an_answer() -> None:
    """`- A catalogue of requirements: WHAT is to be built?` under a question says something
    before it asks: an answer; `- If so: why?` alone only asks further."""
    text = (
        "* What is a requirements specification?\n"
        "    * A catalogue of the requirements: WHAT is to be built?\n\n"
        "* What is a design specification?\n"
        "    * A plan to meet the requirements: HOW is it to be built?\n\n"
        "* Do developers have admin rights?\n    * If so: why?\n"
    )
    with pytest.raises(AnkigenError) as caught:
        parse(Text("catalogue.md", text))
    assert "catalogue.md:7:1: error: question 3 has no answer" in map(str, caught.value.problems)
    notes = parse(Text("catalogue.md", text), skip_unanswered=True).notes
    assert [note.answer.strip() for note in notes] == [
        "* A catalogue of the requirements: WHAT is to be built?",
        "* A plan to meet the requirements: HOW is it to be built?",
    ]


def test_a_source_link_at_a_questions_end_goes_under_its_answer() -> None:
    """`#### 1) Why ...? [[src](https://...)]`: the link to where the question comes from is
    shown under the answer, not in the question."""
    text = (
        "#### 1) What is overfitting? [[src](https://example.org/a)]\n\nFitting the noise.\n\n"
        "#### 2) What is dropout? [[src]](https://example.org/b)\n\nZeroing units at random.\n"
    )
    notes = parse(Text("ml.md", text)).notes
    assert [(n.question, n.answer) for n in notes] == [
        ("What is overfitting?", "Fitting the noise.\n\n[[src](https://example.org/a)]"),
        ("What is dropout?", "Zeroing units at random.\n\n[[src]](https://example.org/b)"),
    ]
