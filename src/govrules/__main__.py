"""``python -m govrules``."""

from govrules.cli import main

main()
