"""``python -m eventcoder`` runs the command-line interface."""

from eventcoder.cli import main

main()
