"""Where bundled files live and where the user's library lives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "zcx-desktop"
LIBRARY_ENV = "ZCX_LIBRARY"


def project_root() -> Path:
    """Folder holding `resources/` and `database/` (the repo, or a frozen bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def migrations_dir() -> Path:
    return project_root() / "database"


def sample_dir() -> Path:
    return resources_dir() / "sample"


def default_library_dir() -> Path:
    """The platform's user data dir, e.g. ~/.local/share/zcx-desktop/library."""
    return user_data_path(APP_NAME, appauthor=False) / "library"


def resolve_library_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """`--library DIR` wins, then `ZCX_LIBRARY`, then the platform default."""
    if option:
        return Path(option).expanduser().resolve()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_library_dir()
