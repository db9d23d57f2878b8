"""Frozen command-line executable (zcx), or a parse worker when asked."""

import sys

from entry_common import run_worker_if_asked

if __name__ == "__main__":
    run_worker_if_asked()
    from zcx_desktop.cli import main

    sys.exit(main())
