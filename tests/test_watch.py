"""Watching a deck: the review page rewritten on each save, its problems shown over the
last good cards while a save is broken; a deck pushed again on each save."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ankigen import api
from ankigen.errors import AnkigenError
from tests.anki_helpers import Learner
from tests.test_push import StandIn, serve


def test_the_page_follows_the_file(project: Path) -> None:
    content = project / "content" / "ml-interview-questions.md"
    page = project / "preview.html"
    watch = api.PreviewWatch(content, page)
    assert watch.refresh().cards == 100
    script = project / "preview.reload.js"
    assert script.read_text() == "window.previewVersion = 1;\n"
    assert '"preview.reload.js"' in page.read_text()  # the page watches it
    text = content.read_text()
    content.write_text(text.replace("trial and error", "trial-and-error"))
    watch.refresh()
    assert "trial-and-error" in page.read_text()
    assert script.read_text() == "window.previewVersion = 2;\n"
    content.write_text(text + "\n101. What is left unanswered?\n")
    with pytest.raises(AnkigenError):
        watch.refresh()
    shown = page.read_text()
    assert '<pre class="problems">' in shown
    assert f"{content}:328:1: error: question 101 has no answer" in shown
    assert "trial-and-error" in shown, "the last good cards stay"
    assert script.read_text() == "window.previewVersion = 3;\n"
    content.write_text(text)
    watch.refresh()
    assert '<pre class="problems">' not in page.read_text()


def one_save(
    watch: Callable[..., None], content: Path, *args: object, **kwargs: object
) -> list[Any]:
    """What a watch reports when its content is saved once: run in a thread, the content
    edited once the watch has reported its first result, stopped after the next."""
    seen: list[Any] = []
    stop = threading.Event()
    watching = threading.Thread(
        target=watch, args=(content, *args), kwargs={**kwargs, "report": seen.append, "stop": stop}
    )
    watching.start()
    try:
        deadline = time.monotonic() + 30
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the watcher is listening
        content.write_text(content.read_text().replace("trial and error", "trial-and-error"))
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        watching.join(timeout=30)
    assert not watching.is_alive()
    return seen


def test_a_save_rewrites_the_page(project: Path) -> None:
    """Through the file watcher: each save is one more page, until stopped."""
    content = project / "content" / "ml-interview-questions.md"
    seen = one_save(api.watch_preview, content, project / "preview.html")
    assert len(seen) >= 2
    assert all(isinstance(result, api.Previewed) for result in seen)
    assert "trial-and-error" in (project / "preview.html").read_text()


def test_a_save_pushes_again(project: Path, learner: Learner) -> None:
    from ankigen.writing.anki_connect import AnkiConnect

    stand_in = StandIn(learner)
    content = project / "content" / "ml-interview-questions.md"
    with serve(stand_in) as url:
        seen = one_save(api.watch_push, content, project / "decks", anki=AnkiConnect(url))
    assert all(isinstance(result, api.Pushed) for result in seen)
    assert stand_in.actions.count("importPackage") >= 2
    assert len(learner.notes('"Answer:*trial-and-error*"')) == 1
