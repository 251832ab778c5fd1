"""The `ankigen` command: a thin layer that turns library calls and errors into terminal output."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ankigen import __version__
from ankigen.errors import FORMATS, AnkigenError, Problem, Severity, formatted
from ankigen.project import content_files, content_folder, decks_folder, one_content_file

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters a terminal would act on (a bell, a title change): printed as `\\x07`."""
F = TypeVar("F", bound=Callable[..., Any])


def _reports_errors(command: F) -> F:
    """Turn `AnkigenError` into messages on stderr and exit status 1; the only place that does."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AnkigenError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            if exc.hint:
                click.echo(f"hint: {exc.hint}", err=True)
            raise SystemExit(1) from None

    return run  # type: ignore[return-value]  # same signature as `command`


def _decks_folder(
    *names: str,
    help: str = "Folder the decks are built into (the versions released are read there).",
) -> Callable[[F], F]:
    """The option naming the folder of a project's decks (`decks/` unless given)."""
    return click.option(
        *names,
        type=click.Path(file_okay=False, path_type=Path),
        default=decks_folder,
        show_default="decks/ of the project",
        help=help,
    )


def _status_line(name: str) -> Callable[[str], None]:
    """Shows a build's stage on one line of a terminal; shows nothing in CI or a pipe."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return lambda stage: None

    def show(stage: str) -> None:
        click.echo(f"\r\x1b[K{name}: {stage}..." if stage else "\r\x1b[K", err=True, nl=False)

    return show


def _show_warnings(warnings: Iterable[Problem]) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ankigen")
def cli() -> None:
    """Turn numbered question-and-answer texts into Anki decks that update cleanly.

    \b
    Example:
        ankigen build                 # every content/*.md into decks/
        ankigen check notes.md        # report problems, write nothing
    """


@cli.command(short_help="Build each content file into a deck that updates cleanly.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_decks_folder("-o", "--output", help="Folder the decks and their CHANGELOG.md are written to.")
@click.option("--dry-run", is_flag=True, help="Print what the build would change; write nothing.")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 naming what is stale if the lock, deck or changelog on disk "
    "does not match the content (for CI and releases).",
)
@click.option("-v", "--verbose", is_flag=True, help="List every change, not only the first ones.")
@click.option(
    "--skip-unanswered",
    is_flag=True,
    help="Build only the questions that have an answer, leaving out (and counting) the others.",
)
@click.option(
    "--accept-lock-edits",
    is_flag=True,
    help="Read a lock edited by hand as it is (a deliberate edit: a wrong one gives learners "
    "duplicates or overwrites their edits).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes a large deck's notes are rendered in at once.  [default: every processor]",
)
@_reports_errors
def build(
    files: tuple[Path, ...],
    output: Path,
    dry_run: bool,
    check: bool,
    verbose: bool,
    skip_unanswered: bool,
    accept_lock_edits: bool,
    jobs: int | None,
) -> None:
    """Build each content FILE (default: content/*.md) into OUTPUT/<slug>-<version>.apkg.

    Each content file's lock (<name>.lock beside it) keeps every question's identity, so
    that learners can import the new version over the old one. Commit it with the deck
    and OUTPUT/CHANGELOG.md.

    \b
    Example:
        ankigen build
        ankigen build --dry-run
        ankigen build --check
        ankigen build notes.md -o dist/
        ankigen build --skip-unanswered notes.md
        ankigen build --jobs 1          # in this process only
    """
    from ankigen import api
    from ankigen.versions.release_notes import describe_plan

    if dry_run and check:
        raise click.UsageError("--dry-run and --check cannot be used together")
    found: list[Problem] = []
    command = api.stale if check else api.plan if dry_run else api.build
    for content in content_files(files):
        status = _status_line(str(content))
        done = command(
            content,
            output,
            progress=status,
            skip_unanswered=skip_unanswered,
            accept_lock_edits=accept_lock_edits,
            jobs=jobs,
        )
        status("")
        if isinstance(done, api.Stale):
            _show_warnings(done.plan.warnings)
            found += [Problem(str(content), 0, f"stale: {what}") for what in done.stale]
            if not done.stale:
                click.echo(f"{content} -> {done.plan.deck_path}: up to date")
        elif isinstance(done, api.Built):
            if done.plan is None:
                click.echo(f"{content} -> {done.deck_path}: up to date, nothing changed")
                continue
            _show_warnings(done.plan.warnings)
            size = len(done.plan.deck_bytes) / 1024
            click.echo(f"{content} -> {done.deck_path} ({size:.0f} KiB)")
            click.echo(describe_plan(done.plan.release, verbose))
        else:  # a dry run's plan
            _show_warnings(done.warnings)
            click.echo(f"{content} -> {done.deck_path} (dry run: nothing written)")
            click.echo(describe_plan(done.release, verbose))
    if found:
        raise AnkigenError(found, hint="run `ankigen build` and commit what it writes")


@cli.command(short_help="Start a new deck: a content file with two example questions.")
@click.argument("name")
@_reports_errors
def new(name: str) -> None:
    """Write content/NAME.md to start a deck from: its front matter with a deck_id of its
    own (unused by the other content files), one section and two example questions.

    \b
    Example:
        ankigen new "Spanish verbs"     # writes content/spanish-verbs.md
    """
    from ankigen import api

    path = api.new_deck(name, content_folder())
    click.echo(
        f"{path}: a new deck, with two example questions.\n"
        "Next:\n"
        f"  1. edit {path}: its title, its description, and your questions and answers\n"
        f"  2. ankigen check {path}      # every problem, by line\n"
        f"  3. ankigen preview {path}    # every card, in light and night mode\n"
        "  4. ankigen build               # the deck, in decks/, ready to import"
    )


@cli.command(short_help="Number the questions in order and tidy blank lines.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 naming each file fmt would change (for CI).",
)
@_reports_errors
def fmt(files: tuple[Path, ...], check_only: bool) -> None:
    """Tidy each content FILE (default: content/*.md): number its questions in order (from
    1 in each section where the file numbers its sections so), with one blank line before
    each question and around each section's heading. No question or answer changes, and
    numbers are not part of a question's identity: learners see no change.

    \b
    Example:
        ankigen fmt                       # every content/*.md
        ankigen fmt --check               # exit 1 if a file is not tidy
    """
    from ankigen import api

    untidy: list[Problem] = []
    for content in content_files(files):
        tidied = api.tidy(content, write=not check_only)
        if not tidied.changed:
            click.echo(f"{content}: already tidy")
        elif check_only:
            untidy.append(Problem(str(content), 0, "not tidy: `ankigen fmt` would change it"))
        else:
            click.echo(f"{content}: numbered and tidied")
    if untidy:
        raise AnkigenError(untidy)


@cli.command(short_help="Take over another tool's deck, keeping learners' cards.")
@click.argument("package", type=click.Path(path_type=Path))
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print how the notes match; write nothing.")
@click.option("--force", is_flag=True, help="Replace the content file's lock (saying what it was).")
@click.option(
    "--own-deck",
    is_flag=True,
    help="Put the cards in the content's own deck, not the deck learners have (Anki leaves "
    "the cards learners have where they are: only new ones go there).",
)
@_reports_errors
def adopt(package: Path, file: Path | None, dry_run: bool, force: bool, own_deck: bool) -> None:
    """Match the notes of PACKAGE, a deck learners already have (an .apkg made by another
    tool, or exported from Anki), to the questions of the content FILE (default: the one
    content/*.md), and write FILE's lock so that the next `ankigen build` ships the old
    notes' identities: learners' cards are then updated in place, with their reviews.

    The deck keeps the old one's note type (its two fields and one card) and its deck in
    Anki (its name and id: every card, new ones too, stays where learners have it), so
    learners import the next build, a major version, over the deck they have with the
    default options. Old notes that match no question are shipped once more, marked as
    removed; questions that match no old note are new.

    \b
    Example:
        ankigen adopt old-deck.apkg content/spanish-verbs.md --dry-run
        ankigen adopt old-deck.apkg content/spanish-verbs.md
        ankigen build
    """
    from ankigen import api
    from ankigen.versions.release_notes import describe_adoption

    adopted = api.adopt(
        package, one_content_file(file), force=force, dry_run=dry_run, own_deck=own_deck
    )
    _show_warnings(adopted.warnings)
    status = "" if adopted.written else " (dry run: nothing written)"
    click.echo(f"{package} -> {adopted.lock_path}{status}")
    if adopted.replaced is not None:
        click.echo(
            f"  replaces the lock of version {adopted.replaced.version or '(none)'} "
            f"with {len(adopted.replaced.notes)} notes"
        )
    click.echo(describe_adoption(adopted.adoption))


@cli.command(short_help="Report every problem in the content files; write nothing.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option(
    "--skip-unanswered",
    is_flag=True,
    help="Check as `build --skip-unanswered` builds: questions without an answer are left out.",
)
@_decks_folder("-o", "--decks")
@click.option(
    "--format",
    "style",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="How to print the problems: for people, a JSON array for editors and scripts, or "
    "GitHub Actions annotations that mark the lines of a pull request.",
)
@_reports_errors
def check(
    files: tuple[Path, ...], strict: bool, skip_unanswered: bool, decks: Path, style: str
) -> None:
    """Report every problem in the content FILEs (default: content/*.md) at once; write
    nothing.

    Problems are printed as FILE:LINE:COL: error|warning: message (with --format json, as
    one JSON array of file, line, column, severity, code and message, on standard output;
    with --format github, as workflow commands). Errors (no questions, a question without
    an answer, a duplicate question, an unclosed code fence or math block, a missing image)
    make the exit status 1; warnings (numbers that jump, restart or repeat, a very long
    question, an empty section, raw HTML, a line that looks like a question but is read as
    answer text) do only with --strict.

    \b
    Example:
        ankigen check content/*.md
        ankigen check --strict notes.md
        ankigen check --format json | jq '.[] | select(.severity == "error")'
    """
    from ankigen import api
    from ankigen.versions.release_notes import plural

    problems: list[Problem] = []
    for content in content_files(files):
        checked = api.check(content, decks, skip_unanswered=skip_unanswered)
        problems += checked.problems
        if checked.questions:  # the file could be read
            sections = checked.sections
            where = f"in {plural(sections, 'section')}" if sections else "(no sections)"
            said = f"{content}: {plural(checked.questions, 'question')} {where}"
            click.echo(said, err=style == "json")
    failed = any(p.severity is Severity.ERROR or strict for p in problems)
    if style != "text":  # for tools: all of it on standard output
        if problems or style == "json":
            click.echo(formatted(problems, style))
        raise SystemExit(1 if failed else 0)
    if failed:
        raise AnkigenError(problems)
    _show_warnings(problems)


@cli.command(short_help="Print the notes read from a file, with their GUIDs and tags.")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the notes as a JSON array, for scripts."
)
@click.option(
    "--explain",
    is_flag=True,
    help="Say how the questions were found (FILE:LINE: why that line is or is not one).",
)
@_reports_errors
def parse(file: Path | None, as_json: bool, explain: bool) -> None:
    """Print the notes ankigen reads from FILE (default: the project's one content file),
    with the GUIDs and tags they get.

    One line a note (its line in FILE, GUID, tags, number and question), or with --json
    every field of every note. With --explain, the shape its questions were found in and
    why (the candidates, best first, and the runner-up); given FILE:LINE, why that line
    is or is not a question.

    \b
    Example:
        ankigen parse content/ml-interview-questions.md
        ankigen parse content/ml-interview-questions.md --json | jq '.[0]'
        ankigen parse --explain content/ml-interview-questions.md:12
    """
    from ankigen import api

    at = None
    if file is not None:
        name, colon, number = str(file).rpartition(":")
        if explain and colon and number.isdigit() and not file.exists():
            file, at = Path(name), int(number)
    content = one_content_file(file)
    if explain:
        for said in api.explain(content, at):
            click.echo(said)
        return
    read = api.notes(content)
    _show_warnings(read.warnings)
    if as_json:
        notes = [dataclasses.asdict(note) for note in read.notes]
        click.echo(json.dumps(notes, indent=2, ensure_ascii=False))
        return
    for note in read.notes:
        line = f"{note.line:>6}  {note.guid}  {' '.join(note.tags)}  {note.number}. {note.question}"
        click.echo(CONTROL.sub(lambda found: f"\\x{ord(found[0]):02x}", line))


@cli.command(short_help="Print what each deck's current version changed: release notes.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="Plain text for the terminal, Markdown for release notes.",
)
@_reports_errors
def diff(files: tuple[Path, ...], style: str) -> None:
    """Print what each deck's current version changed since the version before it.

    Reads the lock that `ankigen build` wrote beside each content FILE (default:
    content/*.md): build first, then use this for the release notes.

    \b
    Example:
        ankigen diff
        ankigen diff --format markdown > release-notes.md
    """
    from ankigen import api

    for content in content_files(files):
        click.echo(api.release_notes(content, markdown=style == "markdown"), nl=False)


@cli.command(short_help="Write one page showing every card, front and back, to review.")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("preview.html"),
    show_default=True,
    help="The HTML page to write.",
)
@_decks_folder("--decks")
@click.option(
    "--watch",
    is_flag=True,
    help="Rewrite the page on each save (the open page reloads itself), until Ctrl-C.",
)
@_reports_errors
def preview(file: Path | None, output: Path, decks: Path, watch: bool) -> None:
    """Write one self-contained HTML page showing every card of FILE (default: the
    project's one content file), front and back.

    The page uses the deck's own CSS, has a night-mode toggle (or open it with #night),
    and embeds its images: open it in a browser to review a deck before a release. It
    loads nothing from the web. Math is typeset as Anki's MathJax will show it; a formula
    that cannot be is marked in red (and is a warning of `ankigen check`).

    With --watch, the page is rewritten on each save of the deck's files, and the page
    open in a browser reloads itself (it watches a small script written beside it); a save
    that breaks the file shows its problems in the page, over the last good cards, and
    here.

    \b
    Example:
        ankigen preview content/ml-interview-questions.md -o preview.html
        ankigen preview --watch
    """
    from ankigen import api

    content = one_content_file(file)

    def report(previewed: api.Previewed | AnkigenError) -> None:
        if isinstance(previewed, AnkigenError):
            _show_warnings(previewed.problems)
            click.echo(f"{content}: the page shows these problems over the last good cards")
            return
        _show_warnings(previewed.warnings)
        click.echo(f"{content} -> {output} ({previewed.cards} cards)")

    if watch:
        click.echo(f"watching {content}: open {output}; Ctrl-C stops")
        api.watch_preview(content, output, decks, report=report)
    else:
        report(api.preview(content, output, decks))


@cli.command(short_help="Import each deck into the Anki that is running (AnkiConnect).")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_decks_folder("-o", "--decks")
@click.option(
    "--url",
    help="AnkiConnect's address [default: $ANKICONNECT_URL, else http://127.0.0.1:8765].",
)
@click.option("--key", help="The API key AnkiConnect's configuration asks for [$ANKICONNECT_KEY].")
@click.option("--sync", is_flag=True, help="Then sync the collection with AnkiWeb.")
@click.option("-v", "--verbose", is_flag=True, help="List every change, not only the first ones.")
@click.option("--watch", is_flag=True, help="Push again on each save of FILE, until Ctrl-C.")
@_reports_errors
def push(
    files: tuple[Path, ...],
    decks: Path,
    url: str | None,
    key: str | None,
    sync: bool,
    verbose: bool,
    watch: bool,
) -> None:
    """Build each content FILE (default: content/*.md) if anything changed, as `build`
    does, and import its deck into the Anki that is running, through the AnkiConnect
    add-on's importPackage, which keeps each note's GUID: an author sees the cards in
    Anki as learners will. Anki is asked first: if it is not there, nothing is built.

    \b
    Example:
        ankigen push
        ankigen push content/spanish.md --sync
        ankigen push content/spanish.md --watch
        ANKICONNECT_KEY=secret ankigen push --url http://127.0.0.1:8765
    """
    from ankigen import api
    from ankigen.versions.release_notes import describe_plan
    from ankigen.writing.anki_connect import AnkiConnect

    anki = AnkiConnect.from_environment(url, key)

    def report(pushed: api.Pushed | AnkigenError) -> None:
        if isinstance(pushed, AnkigenError):
            _show_warnings(pushed.problems)
            return
        content, planned = pushed.built.content, pushed.built.plan
        if planned is None:
            click.echo(f"{content}: {pushed.built.deck_path} up to date, nothing changed")
        else:
            _show_warnings(planned.warnings)
            click.echo(f"{content} -> {pushed.built.deck_path}")
            click.echo(describe_plan(planned.release, verbose))
        answer = "imported it" + (", and synced with AnkiWeb" if pushed.synced else "")
        click.echo(f"  Anki at {pushed.url} {answer}")

    found = content_files(files)
    if watch:
        if len(found) != 1:
            raise click.UsageError("--watch pushes one deck: name its FILE")
        click.echo(f"watching {found[0]}: Ctrl-C stops")
        api.watch_push(found[0], decks, anki=anki, sync=sync, report=report)
        return
    for content in found:
        status = _status_line(str(content))
        pushed = api.push(content, decks, anki=anki, sync=sync, progress=status)
        status("")
        report(pushed)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; `argv` defaults to the process's arguments. Stopped by
    SIGTERM as by Ctrl-C, it cleans up as it goes: no temporary file is left.

    Python's cycle collector does not run while a command works: what a build makes lives
    until it ends, and looking it all over again and again took 6% of a 10,000-note build's
    time and 13% of a 100,000-note one's, for no memory it gave back (a watch collects
    after each save)."""
    signal.signal(signal.SIGTERM, _stopped)
    gc.disable()
    args = list(argv) if argv is not None else sys.argv[1:]
    cli.main(args=args, prog_name="ankigen")


def _stopped(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
