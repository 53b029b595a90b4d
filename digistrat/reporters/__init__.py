"""Reporters turn a :class:`Report` into text. One class per format in :data:`REPORTERS`.

A new output format is one class with a ``name`` and a ``render()``; register it here.
"""

from __future__ import annotations

from digistrat.reporters.base import Report, Reporter
from digistrat.reporters.github import GithubReporter
from digistrat.reporters.gitlab import GitlabReporter
from digistrat.reporters.json_report import JsonReporter
from digistrat.reporters.junit import JunitReporter
from digistrat.reporters.sarif import SarifReporter
from digistrat.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls for cls in (TextReporter, JsonReporter, GithubReporter, GitlabReporter, SarifReporter, JunitReporter)
}

__all__ = ["REPORTERS", "Report", "Reporter", "get_reporter"]


def get_reporter(name: str) -> Reporter:
    return REPORTERS[name]()
