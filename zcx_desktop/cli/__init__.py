"""The `zcx` command line: `zcx [--library DIR] COMMAND ...`.

Each area registers its own commands in a module named `cmd_<area>.py` in this package
exposing `register(subparsers)`; every parser sets `func=run(args, ctx) -> int`.
Modules are discovered automatically, so areas never edit a shared list.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zcx_desktop import __version__
from zcx_desktop.core.errors import KnownError
from zcx_desktop.paths import resolve_library_dir

log = logging.getLogger("zcx.cli")


class CliContext:
    """What a command gets besides its arguments: the library (opened on first use) and output helpers."""

    def __init__(self, library_option: str | None) -> None:
        self.library_dir: Path = resolve_library_dir(library_option)
        self._library: Any = None

    def library(self, *, create: bool = True) -> Any:
        if self._library is None:
            from zcx_desktop.core.session import open_session

            self._library = open_session(self.library_dir, create=create)
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None

    @staticmethod
    def emit_json(obj: Any) -> None:
        """Machine-readable output on stdout: UTF-8, Chinese kept as is."""
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()

    @staticmethod
    def say(message: str) -> None:
        """Human messages go to stderr so stdout stays parseable."""
        sys.stderr.write(message + "\n")
        sys.stderr.flush()


def _command_modules() -> list[str]:
    package = Path(__file__).parent
    return sorted(
        f"{__name__}.{info.name}"
        for info in pkgutil.iter_modules([str(package)])
        if info.name.startswith("cmd_")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zcx", description="ZCX Desktop 政策阅读批注 — command line"
    )
    parser.add_argument("--library", metavar="DIR", help="library folder (else $ZCX_LIBRARY, else the user data dir)")
    parser.add_argument("--version", action="version", version=f"zcx {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _command_modules():
        importlib.import_module(name).register(subparsers)
    return parser


def _force_utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _force_utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    ctx = CliContext(args.library)
    try:
        return int(args.func(args, ctx) or 0)
    except KnownError as err:
        CliContext.say(f"错误: {err}")
        return 1
    except KeyboardInterrupt:
        CliContext.say("已取消 (cancelled)")
        return 130
    finally:
        ctx.close()
