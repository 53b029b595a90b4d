"""``digistrat einlesen``: returned forms → YAML, all or nothing.

Order of work: read every form and check every cell; match the forms to the project (same
project, Steckbriefe still there, each Steckbrief in one form only); plan the edits against
the current files; stop on Steckbriefe changed since the form was made (unless ``trotzdem``);
apply the edits to round-trip documents; validate the merged project in a scratch copy; only
then write the changed files (all staged first, then renamed into place).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from digistrat.errors import DigistratError
from digistrat.loading.project import display_path
from digistrat.sheets.form_reader import Formular, read_form
from digistrat.sheets.merge import Plan, apply, plan
from digistrat.sheets.source import SteckbriefStand, staende


class EinlesenFehler(DigistratError):
    """The forms cannot be merged; ``lines`` says every reason. Nothing was written."""

    exit_code = 1

    def __init__(self, lines: list[str], schluss: str = "Es wurde nichts geändert."):
        self.lines = list(lines)
        super().__init__("\n".join([*self.lines, schluss]))


@dataclass
class Ergebnis:
    formulare: list[Formular]
    plaene: list[tuple[SteckbriefStand, Plan]] = field(default_factory=list)  # only those with edits
    geschrieben: list[str] = field(default_factory=list)


def _read_forms(paths, jahre: range) -> tuple[list[Formular], list[str]]:
    forms: list[Formular] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for p in paths:
        key = Path(p).resolve()
        if key in seen:
            continue
        seen.add(key)
        form, found = read_form(p, jahre, display_path(Path(p)))
        problems.extend(str(f) for f in found)
        if not found:
            forms.append(form)
    return forms, problems


def _match(forms: list[Formular], project, current: dict[str, SteckbriefStand]) -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    for form in forms:
        if form.projekt != project.strategie.titel:
            problems.append(
                f"{form.display}: Das Formular gehört zum Projekt „{form.projekt}“, nicht zu „{project.strategie.titel}“."
            )
            continue
        for sid in form.records:
            if sid not in current:
                problems.append(f"{form.display}: Den Steckbrief {sid} gibt es im Projekt nicht mehr.")
            elif sid in owner:
                problems.append(f"{form.display}: Der Steckbrief {sid} steht auch in {owner[sid]}.")
            else:
                owner[sid] = form.display
    return problems


def _plan_all(forms, current, trotzdem: bool) -> list[tuple[SteckbriefStand, Plan]]:
    plans: list[tuple[SteckbriefStand, Plan]] = []
    problems: list[str] = []
    stale: list[str] = []
    for form in forms:
        for sid, (revision, _) in form.records.items():
            stand = current[sid]
            p = plan(form, sid, stand.data)
            problems.extend(f"{form.display}: {text}" for text in p.problems)
            if p.aenderungen:
                plans.append((stand, p))
                if revision != stand.revision:
                    stale.append(
                        f"{form.display}: {sid} ({stand.display}) wurde geändert, seit das Formular erstellt wurde."
                    )
    if problems:
        raise EinlesenFehler(problems)
    if stale and not trotzdem:
        raise EinlesenFehler(
            stale,
            "Bitte die Änderungen prüfen und mit --trotzdem einlesen oder ein neues Formular verschicken. "
            "Es wurde nichts geändert.",
        )
    return plans


def _merged_texts(plans) -> dict[Path, str]:
    from digistrat.authoring import roundtrip as rt

    texts: dict[Path, str] = {}
    for stand, p in plans:
        doc = rt.load_document(stand.path)
        apply(doc, p.aenderungen)
        texts[stand.path] = rt.dump_document(doc)
    return texts


def _validate_merged(result, texts: dict[Path, str]) -> None:
    """Check the project as it would be, in a scratch copy; raise with its errors."""
    from digistrat.findings import Severity
    from digistrat.reporters import get_reporter
    from digistrat.reporters.base import Report
    from digistrat.validation import check

    with tempfile.TemporaryDirectory(prefix="digistrat-einlesen-") as tmp:
        shown: dict[str, str] = {}
        for src in result.sources:
            target = Path(tmp) / src.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if src.path in texts:
                target.write_text(texts[src.path], encoding="utf-8")
            else:
                shutil.copyfile(src.path, target)
            shown[display_path(target)] = src.display
        root = result.root
        for path, text in texts.items():  # new files (import)
            target = Path(tmp) / path.relative_to(root)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                shown[display_path(target)] = display_path(path)
        merged = check(tmp)
        errors = [replace(f, file=shown.get(f.file, f.file)) for f in merged.findings if f.severity is Severity.FEHLER]
    if errors:
        report = Report("validate", errors, sorted(shown.values()))
        text = get_reporter("text").render(report, color=False)
        raise EinlesenFehler([text.rstrip("\n"), "Mit diesen Antworten wäre das Projekt nicht mehr gültig."])


def write_all(texts: dict[Path, str]) -> None:
    """Stage every file beside its target, then rename them all into place."""
    from digistrat.errors import os_reason

    staged: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for target, text in texts.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~umask)
    except OSError as exc:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise DigistratError(
            f"Kann die Steckbriefe nicht schreiben: {os_reason(exc, writing=True)}. Es wurde nichts geändert."
        ) from None
    for tmp, target in staged:
        os.replace(tmp, target)


def einlesen(result, paths, *, trotzdem: bool = False) -> Ergebnis:
    """Merge the forms at ``paths`` into the checked, valid project ``result`` (``validation.check``)."""
    project = result.project
    forms, problems = _read_forms(paths, project.strategie.laufzeit.jahre)
    current = staende(result)
    problems += _match(forms, project, current)
    if problems:
        raise EinlesenFehler(problems)
    plans = _plan_all(forms, current, trotzdem)
    texts = _merged_texts(plans)
    if texts:
        _validate_merged(result, texts)
        write_all(texts)
    order = {s.id: i for i, s in enumerate(project.steckbriefe)}
    plans.sort(key=lambda sp: order.get(sp[0].id, len(order)))
    return Ergebnis(forms, plans, [display_path(p) for p in texts])
