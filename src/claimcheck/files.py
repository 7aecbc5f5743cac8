"""File writing that never leaves a partial file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from claimcheck.errors import OutputError


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what the umask gives a new file."""
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never a partial one.

    A symbolic link is followed (its target is replaced, the link kept); a device or pipe such as /dev/null
    is written to directly, since it cannot be replaced. Failures raise OutputError naming the path.
    """
    try:
        target = path.resolve() if path.is_symlink() else path
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}; choose another path") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}; choose another path") from None
        raise
