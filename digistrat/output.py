"""Writing files atomically: a user's file is either the old one or the complete new one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from digistrat.errors import DigistratError, os_reason


def write_atomic(path: str | os.PathLike, data: str | bytes | Iterable[str], *, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``.

    ``data`` may be text pieces as they are made (a rendered template): they are written one by one,
    so a large document is never held whole; if making them fails, nothing is written.
    """
    target = Path(path)
    pieces: Iterable[bytes]
    if isinstance(data, bytes):
        pieces = (data,)
    else:  # encoded inside the try below: a text that cannot be encoded leaves nothing behind
        pieces = (piece.encode(encoding) for piece in ((data,) if isinstance(data, str) else data))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DigistratError(f"Kann nicht nach {target} schreiben: {os_reason(exc, writing=True)}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            for payload in pieces:
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
    except BaseException as exc:  # also Ctrl-C and SIGTERM (see cli.main): never leave the .tmp behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise DigistratError(f"Kann nicht nach {target} schreiben: {os_reason(exc, writing=True)}.") from None
        if isinstance(exc, UnicodeEncodeError):  # a lone surrogate, e.g. "\ud800" in a project template
            raise DigistratError(
                f"Kann nicht nach {target} schreiben: Der Text enthält das Zeichen "
                f"U+{ord(exc.object[exc.start]):04X}, das sich nicht als {encoding.upper()} speichern lässt "
                "(meist eine Escape-Sequenz wie „\\ud800“ in einer Projektvorlage)."
            ) from None
        raise


PROJECT_FILE_SUFFIXES = (".yaml", ".yml")


def refuse_project_file(target: str | os.PathLike) -> None:
    """``--output`` must not name a file of a digistrat project (``strategie.yaml``, any ``*.yaml`` in it).

    A report or budget written over ``strategie.yaml`` by a slip of the tab key would destroy the
    project; a project is any folder at or above the target that holds ``strategie.yaml``.
    """
    path = Path(target)
    if path.suffix.lower() not in PROJECT_FILE_SUFFIXES:
        return
    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / "strategie.yaml").is_file():
            raise DigistratError(
                f"„{target}“ ist eine Datei des digistrat-Projekts in {folder.as_posix()}; digistrat "
                "überschreibt keine Projektdateien mit --output. Bitte einen anderen Dateinamen angeben."
            )
