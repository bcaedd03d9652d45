"""``python -m machines.ibm1130``: the IBM 1130 command line (see cli.py)."""

import sys

from .tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
