"""`python -m bench`: the whole suite (see bench/cli.py)."""

from bench.cli import main

main()
