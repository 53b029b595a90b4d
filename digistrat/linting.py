"""``lint`` as a library: everything ``validate`` reports, then the domain rules (DS1xx).

Steps for each project: :func:`digistrat.validation.check` → settings from ``digistrat.yaml`` and
the command line → rules on the model → positions → per-file ignores → inline comments →
severity overrides. Across projects: the baseline hides findings accepted earlier.
Never imports typer; the CLI in :mod:`digistrat.cli.lint_cmd` only parses options.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity, sort_findings
from digistrat.formatting import aufzaehlung
from digistrat.loading.positions import locate
from digistrat.loading.project import REQUIRED_FILES, display_path
from digistrat.validation import CheckResult, iter_checked

if TYPE_CHECKING:
    from digistrat.reporters.base import Report


@dataclass
class LintOptions:
    select: list[str] | None = None  # rule names or codes; replaces regeln.auswahl
    ignore: list[str] = field(default_factory=list)  # added to regeln.ignorieren
    stichtag: dt.date | None = None  # default: stichtag in digistrat.yaml, else today
    baseline: Path | None = None  # hide the findings listed there
    jobs: int | None = None


@dataclass
class LintOutcome:
    report: Report  # with command "lint"
    all_findings: list[Finding]  # before the baseline (what --write-baseline records)
    baseline_known: int = 0
    baseline_fixed: int = 0


def lint_result(result: CheckResult, options: LintOptions, today: dt.date | None = None) -> list[Finding]:
    """Every finding of one checked project: validate's, configuration problems, then the rules'."""
    from digistrat.rules import inline
    from digistrat.rules.base import iter_findings
    from digistrat.rules.context import LintContext
    from digistrat.rules.settings import Overrides, resolve_settings

    project = result.project
    settings = resolve_settings(
        project.config if project else None, Overrides(options.select, list(options.ignore), options.stichtag), today
    )
    texts = result.texts
    if project is None:
        return sort_findings(result.findings + locate(settings.findings + [_skipped(result)], texts))
    found = locate(list(iter_findings(settings.rules, LintContext(project, settings.stichtag))), texts)
    found = _without_follow_on(found, result)
    rel = {r.source.display: r.source.rel for r in result.files}
    if settings.file_ignores:
        found = [f for f in found if not _ignored_by_glob(f, rel.get(f.file), settings.file_ignores)]
    sup = inline.scan(texts)
    found = [f for f in found if not sup.hides(f)]
    if settings.severity:
        found = [
            dataclasses.replace(f, severity=settings.severity[f.code]) if f.code in settings.severity else f
            for f in found
        ]
    return sort_findings(result.findings + locate(settings.findings, texts) + sup.findings + found)


def lint_paths(paths, options: LintOptions | None = None, today: dt.date | None = None) -> LintOutcome:
    """Lint one or more projects (each checked whole) into one report."""
    from digistrat.reporters.base import Report
    from digistrat.rules import baseline

    options = options or LintOptions()
    loaded = baseline.load(options.baseline) if options.baseline is not None else None
    findings: list[Finding] = []
    files: list[str] = []
    # one project at a time: its model and file bytes are gone before the next one is read
    for result in iter_checked(paths, jobs=options.jobs, keep_data=False, keep_raw=True):
        findings.extend(lint_result(result, options, today))
        files.extend(s.display for s in result.sources)
        del result
    outcome = LintOutcome(Report("lint", findings, files), findings)
    if loaded is not None and options.baseline is not None:
        applied = baseline.apply(findings, loaded, options.baseline)
        outcome.report = Report("lint", applied.findings, files)
        outcome.baseline_known, outcome.baseline_fixed = applied.known, applied.fixed
    return outcome


def lint(path: str | Path, options: LintOptions | None = None, *, today: dt.date | None = None) -> list[Finding]:
    """The findings of one project: validate's, the configuration's and the lint rules' (after the
    baseline, when ``options.baseline`` names one), sorted by file and position."""
    return lint_paths([path], options, today).report.findings


def fails(findings: list[Finding], fail_on: Severity) -> bool:
    """True when a finding is at or above ``fail_on`` (the exit code is then 1)."""
    return any(f.severity.rank >= fail_on.rank for f in findings)


def _ignored_by_glob(f: Finding, rel: str | None, ignores) -> bool:
    if rel is None:
        return False
    return any(f.code in codes and pattern.match_file(rel) for pattern, codes in ignores)


# Rules whose findings add up the whole project: a Steckbrief missing from the model (it failed
# the schema) makes them report what is only a consequence of that error.
_PROJECT_WIDE = {"DS102", "DS103"}


def _without_follow_on(found: list[Finding], result: CheckResult) -> list[Finding]:
    """Drop findings that only arise because a broken Steckbrief is not in the model.

    ``handlungsfeld: bildung`` in a Steckbrief with a key typo still belongs to that field, so
    "Zum Handlungsfeld „Bildung“ gibt es keinen Steckbrief" (DS103) would send the user to the
    wrong file; and the Vorgaben (DS102) would be compared without that Steckbrief's staff.
    The broken file's own finding (DS0xx) says what to fix; after that, lint runs them again.
    """
    broken = [r for r in result.files if r.source.kind == "steckbrief" and not r.valid]
    if not broken:
        return found
    return [f for f in found if f.code not in _PROJECT_WIDE]


def _skipped(result: CheckResult) -> Finding:
    from digistrat.catalog import REGELN_UEBERSPRUNGEN as m

    by_rel = {r.source.rel: r for r in result.files}
    broken = [name for name in REQUIRED_FILES if name not in by_rel or not by_rel[name].valid]
    first = broken[0] if broken else REQUIRED_FILES[0]
    file = by_rel[first].source.display if first in by_rel else display_path(result.root / first)
    names = aufzaehlung(broken, quoted=False) if broken else first
    verb = "ist" if len(broken) <= 1 else "sind"
    return Finding(
        m.code,
        m.name,
        Severity.HINWEIS,
        f"Die Prüfregeln (DS1xx) wurden übersprungen, weil {names} fehlerhaft {verb} oder fehl"
        f"{'t' if len(broken) <= 1 else 'en'}. Nach dem Beheben erneut „digistrat lint“ ausführen.",
        file,
        (),
    )
