"""Files and directories that hold keys: owner-only, written atomically, created once."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable by the owner only, atomically (temporary file, then os.replace)."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            os.chmod(tmp, 0o600)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (no-op where directories cannot be synced)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_directory_once(directory: Path, generate: Callable[[Path], None]) -> bool:
    """Create `directory` (mode 700) filled by `generate`, unless it exists; True if created here.

    Two processes starting at once both generate into a private staging directory and rename it
    into place; the one that loses the race discards what it made and returns False.
    """
    if directory.exists():
        return False
    home = directory.parent
    home.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=home))
    try:
        os.chmod(staging, 0o700)
        generate(staging)
        try:
            os.rename(staging, directory)
        except OSError:
            if not directory.is_dir():
                raise
            return False
        fsync_dir(home)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
