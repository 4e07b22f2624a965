"""Where the application keeps its data, and other settings read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "resident-card-counter"
HOME_ENV = "COUNTER_APP_HOME"


def data_dir() -> Path:
    """The data directory: $COUNTER_APP_HOME, else the platform's user data directory."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
