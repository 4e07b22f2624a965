"""Atomic card files: write a temporary file beside the target, fsync it, then rename over.

A reader of the path therefore sees the whole old state or the whole new one, never a mix, and
a card pulled out mid-write (the process killed) leaves the last completed state behind.  The
directory is synced only when a card is made: after a power loss a later rename may be undone,
which still leaves a whole state from before that command (one fsync per command, not two).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600


def _write_temp(path: Path, data: bytes) -> Path:
    """A synced temporary file in the target's directory holding `data` (mode 0600)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, FILE_MODE)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a directory)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def replace_file(path: Path, data: bytes) -> None:
    """Replace the content of `path` atomically."""
    temp = _write_temp(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_file(path: Path, data: bytes) -> None:
    """Write a new file atomically; FileExistsError when `path` already exists."""
    temp = _write_temp(path, data)
    try:
        try:
            os.link(temp, path)  # atomic, and refuses an existing target
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    _sync_directory(path.parent)


def read_file(path: Path) -> bytes:
    """The file's bytes."""
    return path.read_bytes()
