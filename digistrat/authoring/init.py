"""``digistrat init``: a complete, valid starter project in a folder, never overwriting anything."""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import subprocess
from pathlib import Path

from digistrat.authoring.neu import slugify
from digistrat.authoring.starter import Starter
from digistrat.errors import DigistratError
from digistrat.loading.project import display_path
from digistrat.loading.schema import KINDS

DEFAULT_REGION = "Kreis Musterland"
_FILLER = {"kreis", "landkreis", "der", "die", "das", "des", "und", "im", "in", "am", "für"}


def default_titel(region: str) -> str:
    """``Kreis Dithmarschen`` → ``Dithmarschen Digital``."""
    name = re.sub(r"^(Land)?[Kk]reis\s+", "", region.strip()) or region.strip()
    return f"{name} Digital"


def id_prefix(titel: str) -> str:
    """``Dithmarschen Digital`` → ``DD-``: initials of up to three words of the title."""
    words = [w for w in re.findall(r"[^\W\d_]+", titel) if w.lower() not in _FILLER]
    initials = slugify("".join(w[0] for w in words[:3])).upper()
    return f"{initials or 'P'}-"


def starter_for(titel: str, region: str, today: _dt.date | None = None) -> Starter:
    today = today or _dt.date.today()
    kreis_id = slugify(region) or "kreis"
    if not re.match(r"^[a-z0-9]", kreis_id):  # pragma: no cover - slugify strips the rest
        kreis_id = f"kreis-{kreis_id}"
    return Starter(
        titel=titel,
        region=region,
        kreis_id=kreis_id,
        handlungsfeld_id="verwaltung",
        steckbrief_id=f"{id_prefix(titel)}01",
        jahr=today.year + 1,
        stand=today.isoformat(),
    )


def planned_files(folder: Path, starter: Starter) -> dict[Path, str | None]:
    """Every file init writes; ``None`` for the schemas, which ``digistrat schema --write`` produces."""
    files: dict[Path, str | None] = {folder / rel: text for rel, text in starter.files().items()}
    for kind in KINDS:
        files[folder / ".vscode" / "schemas" / f"{kind}.schema.json"] = None
    return files


def init_project(folder: Path, titel: str, region: str) -> tuple[list[Path], str | None]:
    """Write the starter project; returns the files written and a note about git (or None)."""
    from digistrat.loading.core_schema import schema_text

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise DigistratError(f"{display_path(folder)} ist eine Datei, kein Ordner.")
    starter = starter_for(titel.strip(), region.strip())
    files = planned_files(folder, starter)
    existing = [p for p in files if p.exists() or p.is_symlink()]
    if existing:
        shown = ", ".join(display_path(p) for p in existing)
        raise DigistratError(f"Es gibt schon: {shown}. init überschreibt nichts; bitte einen leeren Ordner wählen.")
    written: list[Path] = []
    try:
        for path, text in files.items():
            _create(path, text if text is not None else schema_text(path.name.removesuffix(".schema.json")))
            written.append(path)
    except BaseException:
        for path in written:  # nothing written half: take back what this run created
            path.unlink(missing_ok=True)
        raise
    return written, _git_init(folder)


def _create(path: Path, text: str) -> None:
    from digistrat.errors import os_reason

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise DigistratError(f"{display_path(path)} gibt es schon; init überschreibt nichts.") from None
    except OSError as exc:
        raise DigistratError(f"Kann {display_path(path)} nicht schreiben: {os_reason(exc, writing=True)}.") from None


def _git_init(folder: Path) -> str | None:
    """``git init`` when the folder is not inside a repository; a German note when that is not possible."""
    git = shutil.which("git")
    if git is None:
        return "git ist nicht installiert; das Projekt ist noch kein git-Repository."
    inside = subprocess.run(
        [git, "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, text=True, check=False
    )
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return None
    done = subprocess.run([git, "init", "-q"], cwd=folder, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return f"git init ist fehlgeschlagen: {done.stderr.strip()}"
    return "Neues git-Repository angelegt (git init)."
