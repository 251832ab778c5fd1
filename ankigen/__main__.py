"""The `ankigen` command, and `python -m ankigen`."""

import gc
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
    finally:
        # the process ends here: the cycle collector's last pass over a large deck's records
        # (which form no cycles) would take half a second
        gc.freeze()


if __name__ == "__main__":
    main()
