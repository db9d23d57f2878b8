"""Start the ZCX Desktop GUI: `python main.py [--library DIR] [--sample]`."""

import sys

from zcx_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
