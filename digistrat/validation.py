"""``validate`` as a library: files → schema findings → integrity findings → model.

Commands that need figures (budget, render) call :func:`load_project`, which refuses a
project with errors; ``lint`` calls :func:`check` and runs its rules on ``result.project``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digistrat.checks.files import check_skipped_files
from digistrat.checks.integrity import Integrity, check_missing_files
from digistrat.errors import ProjectInvalid
from digistrat.findings import Finding, Severity, sort_findings
from digistrat.gc_pause import gc_paused
from digistrat.loading.positions import locate
from digistrat.loading.project import SourceFile, discover, display_path, find_root
from digistrat.loading.reader import FileResult, LazyTexts, read_files

if TYPE_CHECKING:
    from digistrat.model.types import Project


@dataclass
class CheckResult:
    root: Path
    files: list[FileResult]
    findings: list[Finding]
    project: Project | None
    _texts: Mapping[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def sources(self) -> list[SourceFile]:
        return [r.source for r in self.files]

    @property
    def texts(self) -> Mapping[str, str]:
        """Display path → text of every readable file (read again on demand, see LazyTexts)."""
        if self._texts is None:
            self._texts = LazyTexts(self.files)
        return self._texts

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.FEHLER for f in self.findings)


def check(
    path: str | Path, *, jobs: int | None = None, model: bool = True, keep_data: bool = True, keep_raw: bool = False
) -> CheckResult:
    """Findings of one project and, with ``model`` (the default), its model in ``result.project``.

    ``validate`` passes ``model=False``: its findings never depend on the model, and building
    it is a fifth of the work for a large project. ``keep_data=False`` (lint, budget, render):
    each Steckbrief's plain data is released as soon as its model is built and its integrity
    checked, so a large project never holds both (``result.files[i].data`` is then None).
    ``keep_raw`` (lint, whose rules and inline comments read every file's text again): each
    file's bytes are kept where its text is dropped, so ``result.texts`` decodes them instead of
    reading the files once more (10,000 Steckbriefe: 25 MB held, 0.35 s of reading saved per pass).
    """
    root = find_root(path)
    files = discover(root)
    skipped = list(check_skipped_files(root))
    integrity = Integrity(files, {Path(f.file).stem for f in skipped})
    early = _EarlySteckbriefe() if model else None

    def on_result(r: FileResult) -> None:
        if early is not None:
            early(r)
        integrity.add(r)
        if not keep_data and early is not None and r.source.display in early.built:
            r.release()

    with gc_paused(freeze=True):
        results = read_files(files, jobs=jobs, on_result=on_result, keep_raw=keep_raw)
        findings = file_findings(root, results, skipped)
        findings.extend(integrity.finish())
        texts = LazyTexts(results)
        findings = sort_findings(locate(findings, texts))
        project = build_project(root, results, texts, early.built if early else None) if model else None
    return CheckResult(root, results, findings, project, texts)


def file_findings(root: Path, results: list[FileResult], skipped: list[Finding]) -> list[Finding]:
    """The findings of each file and of missing and skipped files (not yet located)."""
    findings = [f for r in results for f in r.findings]
    findings.extend(check_missing_files({r.source.rel for r in results}, display_path(root), root))
    findings.extend(skipped)
    return findings


class _EarlySteckbriefe:
    """Builds the model of each valid Steckbrief as its result arrives (``read_files(on_result=…)``).

    With worker processes the parent would otherwise wait idle and build all of them afterwards;
    this way most of that work overlaps with the reading. Needs only the ``laufzeit``, and
    ``strategie.yaml`` is among the first files. :func:`build_project` uses what was built here.
    """

    def __init__(self):
        from digistrat.model import build

        self._build = build
        self._laufzeit = None
        self.built: dict[str, object] = {}  # display path → Steckbrief

    def __call__(self, r: FileResult) -> None:
        if r.source.kind == "strategie" and r.valid:
            self._laufzeit = self._build.build_strategie(_data(r), r.source.display).laufzeit
        elif r.source.kind == "steckbrief" and self._laufzeit is not None and r.valid:
            self.built[r.source.display] = self._build.build_steckbrief(_data(r), r.source.display, self._laufzeit)


def _data(r: FileResult) -> dict:
    """The mapping of a valid file (a valid file always has one)."""
    if r.data is None:
        raise ValueError(f"{r.source.display} has no data")
    return r.data


def build_project(
    root: Path, results: list[FileResult], texts: Mapping[str, str], built: dict | None = None
) -> Project | None:
    """The model from every valid file, or None when a file it cannot do without is invalid.

    ``built``: Steckbriefe already built for this laufzeit, by display path (see _EarlySteckbriefe).
    """
    # only the commands that need the model pay for importing it
    from digistrat.model import build
    from digistrat.model.types import Project

    by_kind: dict[str, FileResult] = {}
    steckbriefe: list[FileResult] = []
    for r in results:
        if r.source.kind == "steckbrief":
            if r.valid:
                steckbriefe.append(r)
        else:
            by_kind[r.source.kind] = r
    s_res, p_res, a_res = (by_kind.get(k) for k in ("strategie", "partner", "agenda"))
    if s_res is None or p_res is None or a_res is None or not (s_res.valid and p_res.valid and a_res.valid):
        return None
    strategie = build.build_strategie(_data(s_res), s_res.source.display)
    lz = strategie.laufzeit
    partner = build.build_partner(_data(p_res), p_res.source.display, lz)
    agenda = build.build_agenda(_data(a_res), a_res.source.display)
    built = built or {}
    sbs = [built.get(r.source.display) or build.build_steckbrief(_data(r), r.source.display, lz) for r in steckbriefe]
    order = {sid: i for i, sid in enumerate(agenda.projekte)}
    sbs.sort(key=lambda s: (order.get(s.id, len(order)), s.id))
    prog_res = by_kind.get("foerderprogramme")
    programme = (
        build.build_programme(_data(prog_res), prog_res.source.display)
        if prog_res and prog_res.valid
        else ([] if prog_res else None)
    )
    cfg_res = by_kind.get("config")
    config = build.build_config(
        cfg_res.data if cfg_res and cfg_res.valid else None, cfg_res.source.display if cfg_res else "digistrat.yaml"
    )
    return Project(
        root=root,
        strategie=strategie,
        partner=partner,
        agenda=agenda,
        steckbriefe=sbs,
        programme=programme,
        config=config,
        texts=texts,
    )


def load_project(path: str | Path, *, jobs: int | None = None) -> Project:
    """A valid project, or :class:`ProjectInvalid` carrying the errors (for budget and render)."""
    result = check(path, jobs=jobs, keep_data=False)
    errors = [f for f in result.findings if f.severity is Severity.FEHLER]
    if errors or result.project is None:
        raise ProjectInvalid(
            f"Das Projekt in {display_path(result.root)} enthält {len(errors)} Fehler; "
            "bitte zuerst „digistrat validate“ ausführen und die Fehler beheben.",
            errors,
        )
    return result.project


def _roots(paths) -> list[Path]:
    """The distinct projects among ``paths`` (a project is always checked whole)."""
    roots: list[Path] = []
    for p in paths:
        root = find_root(p)
        if root not in roots:
            roots.append(root)
    return roots


def iter_checked(
    paths, *, jobs: int | None = None, model: bool = True, keep_data: bool = True, keep_raw: bool = False
) -> Iterator[CheckResult]:
    """One result per distinct project among ``paths``, one project at a time, so that a caller
    done with one project (lint) never holds the models and texts of all of them."""
    for root in _roots(paths):
        yield check(root, jobs=jobs, model=model, keep_data=keep_data, keep_raw=keep_raw)


def validate_paths(paths, *, jobs: int | None = None):
    """validate's report; with the result cache on, through the project index (digistrat/incremental.py),
    which gives the same findings reading only the files that changed."""
    from digistrat.loading import cache
    from digistrat.reporters.base import Report

    findings: list[Finding] = []
    files: list[str] = []
    for root in _roots(paths):
        if cache.active() is None:
            result = check(root, jobs=jobs, model=False)
            found, sources = result.findings, result.sources
        else:
            from digistrat import incremental

            found, sources = incremental.validate(root, jobs=jobs)
        findings += found
        files += [s.display for s in sources]
    return Report("validate", findings, files)
