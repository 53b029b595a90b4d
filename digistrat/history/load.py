"""A project's :class:`~digistrat.history.diff.Stand` at a git revision or in the working tree."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from digistrat.errors import ProjectInvalid
from digistrat.findings import Severity
from digistrat.history.diff import Stand, stand_of
from digistrat.history.git import Repository


class RevisionInvalid(ProjectInvalid):
    """The project does not validate at a revision; ``findings`` and ``files`` name files as ``REV:path``."""

    files: list[str] = []


def _check(root: Path, rev: str | None, shown: str):
    from digistrat.loading.project import display_path
    from digistrat.validation import check

    result = check(root)
    errors = [f for f in result.findings if f.severity is Severity.FEHLER]
    if errors or result.project is None:
        prefix = display_path(root).rstrip("/") + "/"
        findings = [
            dataclasses.replace(f, file=shown + f.file[len(prefix) :]) if f.file.startswith(prefix) else f
            for f in errors
        ]
        where = f"in der Revision „{rev}“" if rev is not None else "im Arbeitsstand"
        exc = RevisionInvalid(
            f"Das Projekt {where} enthält {len(errors)} Fehler und kann nicht verglichen werden.", findings
        )
        exc.files = [
            shown + s.display[len(prefix) :] if s.display.startswith(prefix) else s.display for s in result.sources
        ]
        raise exc
    return result.project


def load_stand(repo: Repository, rev: str | None, project_dir: Path) -> Stand:
    """The facts of the project at ``rev`` (None: the working tree at ``project_dir``)."""
    if rev is None:
        from digistrat.loading.project import display_path

        return stand_of(_check(project_dir, None, display_path(project_dir).rstrip("/") + "/"), None)
    with repo.exported(rev) as root:
        shown = f"{rev}:{repo.prefix}/" if repo.prefix else f"{rev}:"
        return stand_of(_check(root, rev, shown), rev)
