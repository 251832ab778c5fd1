"""The `ankigen` command, and `python -m ankigen`."""

import atexit
import os
import sys


def main() -> None:
    """Run the command. A build starts packaging its first deck before the command line
    loads, so that genanki loads in the packaging process meanwhile."""
    package = None
    if sys.argv[1:2] == ["build"]:
        from ankigen.packaging import DeckPackage

        package = DeckPackage()
    from ankigen.cli import main as run

    try:
        run(sys.argv[1:], package)
    except SystemExit as done:
        if not isinstance(done.code, int | None):
            raise
        # The command is done: what is left of a large deck's records goes with the process,
        # not freed one by one by the interpreter (nor gone over by the cycle collector), which
        # takes a tenth of a second or more. What was registered to run at exit still runs.
        sys.stdout.flush()
        sys.stderr.flush()
        atexit._run_exitfuncs()
        os._exit(done.code or 0)


if __name__ == "__main__":
    main()
