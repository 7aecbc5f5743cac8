"""Run the command line with `python -m claimcheck`."""

from claimcheck.cli import main

main()
