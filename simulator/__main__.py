"""`python -m simulator` runs the same command line as `callsim`."""

import sys

from simulator.cli.main import main

sys.exit(main())
