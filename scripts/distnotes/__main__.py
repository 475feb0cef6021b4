"""`python -m distnotes …`: the same command line as the `distnotes` script."""

from .cli import main

raise SystemExit(main())
