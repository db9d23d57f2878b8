"""`python -m zcx_desktop` runs the command line."""

from zcx_desktop.cli import main

raise SystemExit(main())
