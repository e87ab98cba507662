"""Entry point for ``python -m contactcheck``."""

from contactcheck.cli import main

main(prog_name="contactcheck")
