"""Writing files atomically: a user's file is either the old one or the complete new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from digistrat.errors import DigistratError, os_reason


def write_atomic(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DigistratError(f"Kann nicht nach {target} schreiben: {os_reason(exc, writing=True)}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            # keep the permissions of the file we replace
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise DigistratError(f"Kann nicht nach {target} schreiben: {os_reason(exc, writing=True)}.") from None
