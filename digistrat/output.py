"""Writing files atomically: a user's file is either the old one or the complete new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from digistrat.errors import DigistratError


def _why(exc: OSError) -> str:
    """The operating system's reason in German (its own text is English on most systems)."""
    import errno

    reasons = {
        errno.EACCES: "keine Schreibberechtigung",
        errno.EPERM: "keine Schreibberechtigung",
        errno.ENOSPC: "kein Speicherplatz mehr frei",
        errno.EROFS: "das Dateisystem ist schreibgeschützt",
        errno.EISDIR: "das Ziel ist ein Ordner",
        errno.ENOTDIR: "ein Teil des Pfads ist eine Datei",
        errno.ENOENT: "der Ordner existiert nicht",
        errno.EEXIST: "dort liegt eine Datei, wo ein Ordner entstehen soll",
        errno.EDQUOT: "Speicherkontingent erschöpft",
    }
    return reasons.get(exc.errno, exc.strerror or type(exc).__name__)


def write_atomic(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DigistratError(f"Kann nicht nach {target} schreiben: {_why(exc)}.") from None
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
        raise DigistratError(f"Kann nicht nach {target} schreiben: {_why(exc)}.") from None
