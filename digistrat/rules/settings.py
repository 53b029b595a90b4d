"""Which rules run, how severe they are and with which options: ``digistrat.yaml`` plus CLI overrides.

Mistakes in the configuration (an unknown rule, a wrong option) become findings at their place in
``digistrat.yaml`` instead of stopping the run; mistakes on the command line stop it (exit 2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from digistrat import catalog
from digistrat.dates import parse_day
from digistrat.errors import DigistratError
from digistrat.findings import Finding, Severity
from digistrat.model.types import Config, Ref
from digistrat.rules import registry
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    import pathspec


@dataclass
class Overrides:
    """What the command line says; it wins over ``digistrat.yaml``."""

    select: list[str] | None = None  # replaces regeln.auswahl
    ignore: list[str] = field(default_factory=list)  # added to regeln.ignorieren
    stichtag: dt.date | None = None  # replaces stichtag


@dataclass
class Settings:
    rules: list[Rule]
    severity: dict[str, Severity]  # rule code → severity to report
    file_ignores: list[tuple[pathspec.PathSpec, frozenset[str]]]  # pattern on the root-relative path → codes
    stichtag: dt.date
    findings: list[Finding]  # problems in the configuration itself


def cli_rule_codes(names: list[str], option: str) -> list[str]:
    """Rule codes for names given on the command line; an unknown name is a usage error (exit 2)."""
    codes = []
    for name in names:
        for part in filter(None, (p.strip() for p in name.split(","))):
            rule = registry.resolve(part)
            if rule is None:
                raise DigistratError(
                    f"Unbekannte Regel „{part}“ bei {option}.{registry.suggestion(part)} "
                    "Alle Regeln zeigt „digistrat rules“."
                )
            codes.append(rule.code)
    return codes


def resolve_settings(config: Config | None, overrides: Overrides, today: dt.date | None = None) -> Settings:
    config = config or Config()
    ref = config.ref if config.ref.file else Ref("digistrat.yaml")
    regeln: dict[str, Any] = config.regeln or {}
    out: list[Finding] = []

    def codes_of(key: str) -> list[str]:
        codes = []
        for i, name in enumerate(regeln.get(key) or []):
            rule = _config_rule(name, ref.child("regeln", key, i), out)
            if rule is not None:
                codes.append(rule.code)
        return codes

    selected = cli_rule_codes(overrides.select, "--select") if overrides.select else codes_of("auswahl")
    ignored = set(codes_of("ignorieren")) | set(cli_rule_codes(overrides.ignore, "--ignore"))
    severity: dict[str, Severity] = {}
    for name, value in (regeln.get("schweregrad") or {}).items():
        rule = _config_rule(name, ref.child("regeln", "schweregrad", name), out, at_key=True)
        if rule is not None:
            severity[rule.code] = Severity.parse(value)
    options: dict[str, dict] = {}
    for name, opts in (regeln.get("optionen") or {}).items():
        rule = _config_rule(name, ref.child("regeln", "optionen", name), out, at_key=True)
        if rule is not None:
            options[rule.code] = _check_options(rule, opts or {}, ref.child("regeln", "optionen", name), out)
    file_ignores = []
    for i, entry in enumerate(regeln.get("dateien") or []):
        codes = []
        for j, name in enumerate(entry.get("ignorieren") or []):
            rule = _config_rule(name, ref.child("regeln", "dateien", i, "ignorieren", j), out)
            if rule is not None:
                codes.append(rule.code)
        file_ignores.append((path_pattern(entry["muster"]), frozenset(codes)))
    active = [
        r(options.get(r.code)) for r in registry.RULES if (not selected or r.code in selected) and r.code not in ignored
    ]
    return Settings(active, severity, file_ignores, _stichtag(config, overrides, today, ref, out), out)


def _config_rule(name: str, where: Ref, out: list[Finding], at_key: bool = False) -> type[Rule] | None:
    rule = registry.resolve(str(name))
    if rule is None:
        m = catalog.UNBEKANNTE_REGEL
        out.append(
            Finding(
                m.code,
                m.name,
                Severity.WARNUNG,
                f"Unbekannte Regel „{name}“.{registry.suggestion(str(name))}",
                where.file,
                where.path,
                at_key=at_key,
            )
        )
    return rule


def _check_options(rule: type[Rule], opts: dict, where: Ref, out: list[Finding]) -> dict:
    m = catalog.UNGUELTIGE_OPTION
    good = {}
    for key, value in opts.items():
        if key not in rule.options:
            known = ", ".join(rule.options) or "keine"
            out.append(
                Finding(
                    m.code,
                    m.name,
                    Severity.WARNUNG,
                    f"Die Regel „{rule.name}“ kennt keine Option „{key}“ (Optionen: {known}).",
                    where.file,
                    where.path + (key,),
                    at_key=True,
                )
            )
            continue
        problem = _option_problem(rule, key, value)
        if problem:
            out.append(
                Finding(
                    m.code,
                    m.name,
                    Severity.WARNUNG,
                    f"Option „{key}“ der Regel „{rule.name}“: {problem} Es gilt der Standardwert.",
                    where.file,
                    where.path + (key,),
                )
            )
            continue
        good[key] = value
    return good


def _option_problem(rule: type[Rule], key: str, value: Any) -> str | None:
    default = rule.options[key]
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "erwartet wird eine Liste von Texten."
        allowed = rule.choices.get(key)
        wrong = [v for v in value if allowed is not None and v not in allowed]
        if wrong:
            return f"„{wrong[0]}“ ist nicht erlaubt (erlaubt: {', '.join(allowed or ())})."
        return None
    if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, type(default)):
        return f"erwartet wird ein Wert wie {default!r}."
    return None


def _stichtag(config: Config, overrides: Overrides, today: dt.date | None, ref: Ref, out: list[Finding]) -> dt.date:
    if overrides.stichtag is not None:
        return overrides.stichtag
    if config.stichtag:
        try:
            return parse_day(config.stichtag)
        except ValueError:
            m = catalog.UNGUELTIGE_OPTION
            out.append(
                Finding(
                    m.code,
                    m.name,
                    Severity.WARNUNG,
                    f"Den Stichtag {config.stichtag} gibt es nicht; es gilt das heutige Datum.",
                    ref.file,
                    ref.path + ("stichtag",),
                )
            )
    return today or dt.date.today()


def path_pattern(pattern: str):
    """A path pattern relative to the project root, written as in ``.gitignore`` (as yamllint reads
    its ``ignore`` patterns): ``*`` within a folder, ``**/`` across folders, no ``/`` in it: any folder."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([pattern.strip()])
