"""Read a project as it was at a git revision, without touching the working tree or the index.

digistrat runs the ``git`` command (``rev-parse``, ``archive``) rather than a library: git is
there wherever the repository is, reads every repository format and configuration (packs,
worktrees, alternates, partial clones) exactly as the user's git does, and needs no compiled
dependency. ``git archive REV:PATH`` streams the project's tree as one tar, which is unpacked
into a temporary folder and checked there like any project; nothing in the repository is
written (``GIT_OPTIONAL_LOCKS=0``).
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from digistrat.errors import DigistratError

_ENV = {"GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}


def _git(args: list[str], cwd: Path, *, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            env={**os.environ, **_ENV},
            check=False,
            text=not binary,
        )
    except FileNotFoundError:
        raise DigistratError("Das Programm „git“ wurde nicht gefunden; „digistrat diff“ braucht git.") from None


@dataclass(frozen=True)
class Repository:
    """A git working tree and the project's place in it (``prefix``: POSIX path from the top)."""

    top: Path
    prefix: str

    @classmethod
    def find(cls, project_dir: Path) -> Repository:
        """The repository holding ``project_dir`` (which need not exist in the working tree)."""
        probe = project_dir
        while not probe.is_dir():
            probe = probe.parent
        result = _git(["rev-parse", "--show-toplevel"], probe)
        if result.returncode != 0:
            from digistrat.loading.project import display_path

            raise DigistratError(f"„{display_path(project_dir)}“ liegt in keinem git-Repository.")
        top = Path(result.stdout.strip()).resolve()
        rel = PurePosixPath(Path(os.path.relpath(project_dir.resolve(), top)).as_posix())
        return cls(top, "" if str(rel) == "." else str(rel))

    def commit(self, rev: str) -> str:
        """The commit id ``rev`` names; a German error (exit 2) when there is none."""
        if rev.startswith("-"):
            raise DigistratError(f"„{rev}“ ist keine Revision.")
        result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], self.top)
        if result.returncode != 0:
            raise DigistratError(
                f"Die Revision „{rev}“ gibt es im git-Repository {self.top.as_posix()} nicht "
                "(erwartet: ein Commit, ein Branch oder ein Tag)."
            )
        return result.stdout.strip()

    @contextmanager
    def exported(self, rev: str) -> Iterator[Path]:
        """The project folder as of ``rev``, unpacked into a temporary folder removed afterwards."""
        commit = self.commit(rev)
        where = f"{commit}:{self.prefix}" if self.prefix else f"{commit}:"
        result = _git(["archive", "--format=tar", where], self.top, binary=True)
        if result.returncode != 0:
            shown = self.prefix or "."
            raise DigistratError(f"In der Revision „{rev}“ gibt es den Ordner „{shown}“ nicht.")
        with tempfile.TemporaryDirectory(prefix="digistrat-rev-") as tmp:
            target = Path(tmp) / "projekt"
            target.mkdir()
            _unpack(result.stdout, target)
            if not (target / "strategie.yaml").is_file():
                shown = f"„{self.prefix}“" if self.prefix else "der obersten Ebene"
                raise DigistratError(
                    f"In der Revision „{rev}“ liegt in {shown} kein digistrat-Projekt (keine strategie.yaml)."
                )
            yield target


def _unpack(data: bytes, target: Path) -> None:
    """Regular files only (the project is YAML); a name leaving ``target`` is skipped, never written."""
    import io

    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        for member in tar:
            parts = PurePosixPath(member.name).parts
            if not member.isfile() or not parts or parts[0] == "/" or ".." in parts:
                continue
            dest = target.joinpath(*parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is not None:
                dest.write_bytes(source.read())
