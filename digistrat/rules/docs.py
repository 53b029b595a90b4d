"""The rules reference, generated from the rule docstrings (never edited by hand).

``python -m digistrat.rules.docs > docs/regeln.md`` regenerates ``docs/regeln.md``; a test fails
when the committed file differs. ``digistrat rules`` prints the same texts on the terminal.
"""

from __future__ import annotations

import json

from digistrat.rules import registry
from digistrat.rules.base import Rule

REGENERATE = "python -m digistrat.rules.docs > docs/regeln.md"


def _value(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON is valid YAML flow style


def rule_list_text() -> str:
    rows = [("Kennung", "Name", "Schweregrad", "Beschreibung")]
    rows += [(r.code, r.name, r.severity.value, r.summary) for r in registry.RULES]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    lines = [f"{a:<{w0}}  {b:<{w1}}  {c:<{w2}}  {d}".rstrip() for a, b, c, d in rows]
    lines.append("")
    lines.append("Einzelheiten: digistrat rules NAME")
    return "\n".join(lines) + "\n"


def _options_block(rule: type[Rule]) -> list[str]:
    if not rule.options:
        return ["Keine Optionen."]
    lines = [
        "Optionen mit Standardwerten (in `digistrat.yaml` unter `regeln.optionen`):",
        "",
        "```yaml",
        "regeln:",
        "  optionen:",
        f"    {rule.name}:",
    ]
    lines += [f"      {k}: {_value(v)}" for k, v in rule.options.items()]
    lines.append("```")
    return lines


def rule_text(rule: type[Rule]) -> str:
    lines = [f"{rule.code} {rule.name} (Standard-Schweregrad: {rule.severity.value})", "", rule.doc(), ""]
    lines += _options_block(rule)
    return "\n".join(lines) + "\n"


def render_reference() -> str:
    out = [
        "# Prüfregeln von `digistrat lint`",
        "",
        f"<!-- Erzeugt aus den Docstrings der Regeln mit `{REGENERATE}`; nicht von Hand bearbeiten. -->",
        "",
        "`digistrat lint` meldet alles, was `digistrat validate` meldet (Kennungen DS0xx), und prüft dazu "
        "die folgenden fachlichen Regeln. Jede Regel lässt sich über ihre Kennung oder ihren Namen "
        "auswählen, abschalten und im Schweregrad ändern (siehe README, Abschnitt „Fachliche Prüfung“).",
        "",
        "| Kennung | Name | Schweregrad | Beschreibung |",
        "|---|---|---|---|",
    ]
    for r in registry.RULES:
        out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | {r.summary} |")
    for r in registry.RULES:
        body = r.doc().splitlines()
        out += [
            "",
            f"## {r.code} {r.name}",
            "",
            f"**{body[0]}**",
            "",
            f"Standard-Schweregrad: `{r.severity.value}`",
            "",
        ]
        out += list(body[1:])[1 if len(body) > 1 and not body[1].strip() else 0 :]
        out.append("")
        out += _options_block(r)
    out += [
        "",
        "## Meldungen über die Prüfung selbst",
        "",
        "Diese Kennungen sind keine Regeln und lassen sich nicht abschalten:",
        "",
        "| Kennung | Name | Bedeutung |",
        "|---|---|---|",
    ]
    out += [f"| {m.code} | `{m.name}` | {m.summary} |" for m in registry.META_CODES]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - exercised through the test of docs/regeln.md
    import sys

    sys.stdout.write(render_reference())
