"""The interface every lint rule implements, and the helpers rules share."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from digistrat.findings import Finding, Severity
from digistrat.model.types import Ref

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class _Summary:
    """``RuleClass.summary``: the first line of the docstring (catalog.describe reads ``.summary``)."""

    def __get__(self, obj, owner) -> str:
        return owner.doc().splitlines()[0] if owner.__doc__ else ""


class Rule:
    """Base class of a lint rule.

    A subclass sets ``code`` (``DS1xx``), ``name`` (kebab-case), ``severity`` (the default),
    ``options`` (name → default value; the type of the default is the type users must give)
    and implements :meth:`check`. Its docstring is the user documentation (German Markdown):
    the first line is the one-line summary, the body says why the rule exists and shows a
    failing and a passing example.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNUNG
    options: ClassVar[dict[str, Any]] = {}
    # option name → allowed values (for options that are lists of fixed words)
    choices: ClassVar[dict[str, tuple]] = {}
    summary = _Summary()

    def __init__(self, options: dict[str, Any] | None = None):
        self.opts: dict[str, Any] = {**self.options, **(options or {})}

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    def check(self, ctx: LintContext) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def at(self, ref: Ref, *parts, message: str, at_key: bool = False) -> Finding:
        """A finding of this rule at ``ref`` plus ``parts`` (line/column are filled in later)."""
        return Finding(self.code, self.name, self.severity, message, ref.file, ref.path + tuple(parts), at_key=at_key)


class Span:
    """A Steckbrief's ``zeitraum`` as text (``01/2024–12/2026``), formatted only when a message needs it."""

    def __init__(self, periode):
        self.periode = periode

    def __str__(self) -> str:
        from digistrat.formatting import datum

        return f"{datum(self.periode.von.text)}–{datum(self.periode.bis.text)}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def iter_findings(rules, ctx) -> Iterator[Finding]:
    for rule in rules:
        yield from rule.check(ctx)
