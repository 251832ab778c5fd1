"""`ankigen push` into a running Anki, against a stand-in AnkiConnect on 127.0.0.1 that
imports as the add-on does, with Anki's own backend: the collection after a push is real."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from anki import import_export_pb2
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
from click.testing import CliRunner

from ankigen.cli import cli
from tests.anki_helpers import Learner


class StandIn:
    """AnkiConnect as the add-on answers `version`, `importPackage` and `sync`: the package
    importer with note types merged, notes updated if newer, scheduling kept."""

    def __init__(self, learner: Learner, version: int = 6, key: str = "") -> None:
        self.learner, self.version, self.key = learner, version, key
        self.actions: list[str] = []

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        action = request.get("action", "")
        self.actions.append(action)
        if self.key and request.get("key") != self.key:
            return {"result": None, "error": "valid api key must be provided"}
        if action == "version":
            return {"result": self.version, "error": None}
        if action == "sync":
            return {"result": None, "error": None}
        if action == "importPackage":
            condition = import_export_pb2.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
            options = ImportAnkiPackageOptions(
                with_scheduling=True, merge_notetypes=True, update_notes=condition
            )
            path = request["params"]["path"]
            try:
                self.learner.col.import_anki_package(
                    ImportAnkiPackageRequest(package_path=path, options=options)
                )
            except Exception as exc:  # what the add-on does: the error, as text
                return {"result": None, "error": str(exc)}
            return {"result": True, "error": None}
        return {"result": None, "error": "unsupported action"}


@contextmanager
def serve(stand_in: StandIn) -> Iterator[str]:
    """The stand-in, listening on 127.0.0.1 only; its address."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            body = json.dumps(stand_in.answer(json.loads(self.rfile.read(length)))).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def anki(learner: Learner) -> Iterator[tuple[StandIn, str]]:
    stand_in = StandIn(learner)
    with serve(stand_in) as url:
        yield stand_in, url


def test_a_push_builds_and_imports(
    runner: CliRunner, project: Path, anki: tuple[StandIn, str], learner: Learner
) -> None:
    """A push builds as `build` does, then Anki imports the deck; the next push, after an
    edit, updates the note in place."""
    stand_in, url = anki
    result = runner.invoke(cli, ["push", "--url", url, "--sync"])
    assert result.exit_code == 0, result.stderr
    lines = result.output.splitlines()
    deck = "decks/ml-interview-questions-1.0.0.apkg"
    assert lines[0] == f"content/ml-interview-questions.md -> {deck}"
    assert lines[-1] == f"  Anki at {url} imported it, and synced with AnkiWeb"
    assert stand_in.actions == ["version", "importPackage", "sync"]
    assert len(learner.notes()) == 100
    assert Path(deck).is_file()
    unchanged = runner.invoke(cli, ["push", "--url", url])
    assert unchanged.output.splitlines()[0] == (
        f"content/ml-interview-questions.md: {deck} up to date, nothing changed"
    )
    content = project / "content" / "ml-interview-questions.md"
    content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
    again = runner.invoke(cli, ["push", "--url", url])
    assert again.exit_code == 0, again.stderr
    assert "version 1.0.0 -> 1.0.1" in again.output
    assert len(learner.notes('"Answer:*trial-and-error*"')) == 1
    assert len(learner.notes()) == 100, "updated in place: no duplicate"


@pytest.mark.parametrize(
    ("version", "key", "expected"),
    [
        (5, "", "answers version 5; importing a deck needs 6 at least: update the add-on"),
        (6, "secret", "AnkiConnect refused version: valid api key must be provided: give the key"),
    ],
)
def test_an_anki_that_cannot_take_the_deck(
    runner: CliRunner,
    project: Path,
    anki: tuple[StandIn, str],
    version: int,
    key: str,
    expected: str,
) -> None:
    stand_in, url = anki
    stand_in.version, stand_in.key = version, key
    result = runner.invoke(cli, ["push", "--url", url])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{url}: error: ")
    assert expected in result.stderr
    assert stand_in.actions[-1] == "version", "nothing imported"
    assert not (project / "decks").exists(), "nothing built"
    assert runner.invoke(cli, ["push", "--url", url, "--key", "secret"]).exit_code == (
        0 if key else 1
    )


def test_an_import_that_fails(
    runner: CliRunner, project: Path, anki: tuple[StandIn, str], learner: Learner
) -> None:
    """Anki's answer to an import it could not do is the message, with exit status 1."""
    stand_in, url = anki
    stand_in.answer = lambda request: (  # type: ignore[method-assign]
        {"result": 6, "error": None}
        if request["action"] == "version"
        else {"result": None, "error": "collection is not available"}
    )
    result = runner.invoke(cli, ["push", "--url", url])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{url}: error: AnkiConnect refused importPackage: collection is not available\n"
    )


def test_something_else_answers(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    """A server that is not AnkiConnect (AnkiConnect missing, another program on its port)
    is said to be so."""
    from http.server import SimpleHTTPRequestHandler

    class NotAnkiConnect(SimpleHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html>hello</html>")

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), NotAnkiConnect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = runner.invoke(cli, ["push", "--url", url])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{url}: error: answers, but not as AnkiConnect")


def test_no_anki_running(runner: CliRunner, project: Path) -> None:
    """Anki is asked first: when none answers, nothing is built."""
    result = runner.invoke(cli, ["push", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr.startswith("http://127.0.0.1:9: error: no Anki answers here (")
    assert "start Anki, with AnkiConnect (add-on 2055492159) installed" in result.stderr
    assert not (project / "decks").exists()
