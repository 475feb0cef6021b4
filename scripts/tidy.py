#!/usr/bin/env python3
"""Tidy scraped lecture files into pages on the map: `python scripts/tidy.py --help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the distnotes package beside this

from distnotes.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
