"""`python -m simulator` runs the same command line as `callsim`."""

from simulator.cli.main import entry

entry()
