"""digistrat: joint digital strategies of German Kreise and their partners as YAML files.

Library first: the CLI in :mod:`digistrat.cli` is a thin layer over
:mod:`digistrat.loading` (files → data), :mod:`digistrat.model` (typed objects),
:mod:`digistrat.checks` / :mod:`digistrat.rules` (findings), :mod:`digistrat.budget`
(rollups) and :mod:`digistrat.reporters` / :mod:`digistrat.render` (output).

The front door for Python users (README, "Als Python-Bibliothek")::

    import digistrat

    project = digistrat.load_project("examples/dithmarschen")   # raises ProjectInvalid on errors
    findings = digistrat.check("examples/dithmarschen").findings  # validate's findings
    findings = digistrat.lint("examples/dithmarschen")            # validate + lint rules
    rollup = digistrat.compute_rollup(project)
    digistrat.render_project(project, digistrat.RenderOptions(format="md", ausgabe=Path("anlagen")))

Names are imported on first use (PEP 562): ``import digistrat`` costs nothing, which keeps
``digistrat --version`` fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from digistrat.budget import BudgetOptions, Rollup, compute_rollup, render_budget
    from digistrat.errors import DigistratError, ProjectInvalid
    from digistrat.findings import Finding, Severity
    from digistrat.linting import LintOptions, lint
    from digistrat.model.types import Project
    from digistrat.render import RenderOptions, RenderResult, render_document, render_project
    from digistrat.validation import CheckResult, check, load_project

_HOMES = {
    "load_project": "digistrat.validation",
    "check": "digistrat.validation",
    "CheckResult": "digistrat.validation",
    "lint": "digistrat.linting",
    "LintOptions": "digistrat.linting",
    "compute_rollup": "digistrat.budget",
    "Rollup": "digistrat.budget",
    "render_budget": "digistrat.budget",
    "BudgetOptions": "digistrat.budget",
    "render_project": "digistrat.render",
    "render_document": "digistrat.render",
    "RenderOptions": "digistrat.render",
    "RenderResult": "digistrat.render",
    "Project": "digistrat.model.types",
    "Finding": "digistrat.findings",
    "Severity": "digistrat.findings",
    "DigistratError": "digistrat.errors",
    "ProjectInvalid": "digistrat.errors",
}

__all__ = [
    "BudgetOptions",
    "CheckResult",
    "DigistratError",
    "Finding",
    "LintOptions",
    "Project",
    "ProjectInvalid",
    "RenderOptions",
    "RenderResult",
    "Rollup",
    "Severity",
    "__version__",
    "check",
    "compute_rollup",
    "lint",
    "load_project",
    "render_budget",
    "render_document",
    "render_project",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
