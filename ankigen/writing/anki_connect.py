"""A running Anki, through its AnkiConnect add-on: the deck imported as a package, which
keeps every note's GUID (AnkiConnect's `addNote` cannot set one, and tools that add notes
one by one duplicate them when a collection is rebuilt or synced from another machine).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from ankigen.errors import error

DEFAULT_URL = "http://127.0.0.1:8765"
"""Where AnkiConnect listens unless its configuration says otherwise."""
URL_VARIABLE = "ANKICONNECT_URL"
KEY_VARIABLE = "ANKICONNECT_KEY"
LEAST_VERSION = 6
"""The AnkiConnect API version that has `importPackage`."""
ADD_ON = "AnkiConnect (add-on 2055492159)"


@dataclass(frozen=True)
class AnkiConnect:
    """An AnkiConnect to talk to: its address, and the key its configuration asks for."""

    url: str = DEFAULT_URL
    key: str = ""
    timeout: float = 120

    @classmethod
    def from_environment(cls, url: str | None = None, key: str | None = None) -> AnkiConnect:
        """The address and key given, else those in the environment, else the add-on's."""
        return cls(
            url or os.environ.get(URL_VARIABLE) or DEFAULT_URL,
            key if key is not None else os.environ.get(KEY_VARIABLE, ""),
        )

    def version(self) -> int:
        """The API version AnkiConnect answers; `AnkigenError` if it is not one that can
        import a package."""
        found = self.call("version")
        if not isinstance(found, int) or found < LEAST_VERSION:
            raise error(
                self.url,
                0,
                f"{ADD_ON} answers version {found!r}; importing a deck needs "
                f"{LEAST_VERSION} at least: update the add-on (Tools > Add-ons > Check for "
                "Updates)",
                code="anki-connect",
            )
        return found

    def import_package(self, path: str) -> None:
        """Import an `.apkg` file (on the machine Anki runs on) into the open collection."""
        if self.call("importPackage", path=path) is not True:
            raise error(
                self.url,
                0,
                f"Anki did not import {path}: is a profile open? (AnkiConnect answered false)",
                code="anki-connect",
            )

    def sync(self) -> None:
        """Sync the open collection with AnkiWeb."""
        self.call("sync")

    def call(self, action: str, **params: object) -> Any:
        """One action; its result, or `AnkigenError` saying what went wrong, and where."""
        body: dict[str, object] = {"action": action, "version": LEAST_VERSION, "params": params}
        if self.key:
            body["key"] = self.key
        request = urllib.request.Request(
            self.url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise error(
                self.url,
                0,
                f"no Anki answers here ({reason}): start Anki, with {ADD_ON} installed",
                code="anki-connect",
            ) from None
        except (ValueError, OSError) as exc:
            raise error(
                self.url, 0, f"answers, but not as {ADD_ON} does ({exc})", code="anki-connect"
            ) from None
        if not isinstance(answer, dict) or not {"result", "error"} <= answer.keys():
            raise error(self.url, 0, f"answers, but not as {ADD_ON} does", code="anki-connect")
        if answer["error"] is not None:
            said = str(answer["error"])
            if "key" in said.lower():
                said += (
                    f": give the key set in the add-on's configuration with --key or {KEY_VARIABLE}"
                )
            raise error(self.url, 0, f"AnkiConnect refused {action}: {said}", code="anki-connect")
        return answer["result"]
