"""The `ankigen` command, and `python -m ankigen`."""

import sys


def main() -> None:
    """Run the command. A build starts packaging its first deck before the command line
    loads, so that genanki loads in the packaging process meanwhile."""
    package = None
    if sys.argv[1:2] == ["build"]:
        from ankigen.packaging import DeckPackage

        package = DeckPackage()
    from ankigen.cli import main as run

    run(sys.argv[1:], package)


if __name__ == "__main__":
    main()
