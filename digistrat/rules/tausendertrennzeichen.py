"""DS101: a number written with a German thousands separator (``betrag: 30.000``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class Tausendertrennzeichen(Rule):
    """Zahl mit deutschem Tausenderpunkt: `betrag: 30.000` wird als 30 gelesen.

    YAML kennt nur den Dezimalpunkt. `betrag: 30.000` ist deshalb gültiges YAML, bedeutet aber
    30 Euro, `1.500` bedeutet 1,50 Euro, und `2.500.000` ist gar keine Zahl, sondern Text. Die
    Regel sucht in den Dateien nach Werten der Schlüssel aus der Option `schluessel`, die wie
    Zahlen mit Tausenderpunkten aussehen (eine bis drei Ziffern, dann Gruppen aus genau drei
    Ziffern), auch in Klammerschreibweise wie `{jahr: 2023, betrag: 30.000}`, und nennt die
    vermutlich gemeinte Zahl.

    Falsch:

    ```yaml
    kosten:
      - {jahr: 2023, betrag: 30.000, kategorie: sachkosten}
    ```

    Richtig:

    ```yaml
    kosten:
      - {jahr: 2023, betrag: 30000, kategorie: sachkosten}
    ```
    """

    code = "DS101"
    name = "tausendertrennzeichen"
    severity = Severity.WARNUNG
    options = {"schluessel": ["betrag", "einwohner", "zielwert", "basiswert"]}

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        keys = [k for k in self.opts["schluessel"] if isinstance(k, str)]
        if not keys:
            return
        # The key comes first in the pattern: a literal start makes the scan over every file cheap.
        pattern = re.compile(
            r"(?P<key>" + "|".join(re.escape(k) for k in keys) + r")[ \t]*:[ \t]*"
            r"(?P<value>(?P<q>[\"']?)(?P<num>[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?P=q))"
            r"(?=[ \t]*(?:[,}\]]|#|$))",
            re.M,
        )
        for file in sorted(ctx.project.texts):
            text = ctx.project.texts[file]
            if not _GROUP.search(text):
                continue  # no ".ddd" anywhere: a literal-first regex rules out most files quickly
            tree = None
            for m in pattern.finditer(text):
                if m.start() > 0 and text[m.start() - 1] not in " \t\n{,":
                    continue  # part of a longer key such as "foerderbetrag"
                line_start = text.rfind("\n", 0, m.start("key")) + 1
                if "#" in text[line_start : m.start("key")]:
                    continue  # inside a comment
                line = text.count("\n", 0, m.start("value")) + 1
                column = m.start("value") - line_start + 1
                if tree is None:
                    tree = _rt_tree(text)
                path = _path_of_value(tree, m.group("key"), line - 1, column - 1)
                if path is None:
                    continue  # not a value of that key (e.g. inside a multi-line text)
                yield Finding(
                    self.code,
                    self.name,
                    self.severity,
                    _message(m.group("key"), m.group("num"), bool(m.group("q"))),
                    file,
                    path,
                    line,
                    column,
                )


_GROUP = re.compile(r"\.[0-9][0-9][0-9]")


def _message(key: str, raw: str, quoted: bool) -> str:
    from digistrat.formatting import euro, zahl

    intended = Decimal(raw.replace(".", ""))
    if raw.count(".") == 1 and not quoted:
        read = euro(Decimal(raw)) if key == "betrag" else zahl(Decimal(raw))
        reads_as = f"wird als {read} gelesen"
    else:
        reads_as = "ist für YAML keine Zahl, sondern Text"
    meant = euro(intended) if key == "betrag" else zahl(intended)
    return (
        f"„{key}: {raw}“ {reads_as}; gemeint ist vermutlich {meant}. "
        f"Zahlen ohne Tausenderpunkt schreiben: {key}: {intended}."
    )


def _rt_tree(text: str) -> Any:
    from digistrat.loading.positions import _rt_load

    return _rt_load(text)


def _path_of_value(node: Any, key: str, line: int, col: int, path: tuple = ()) -> tuple | None:
    """JSON path of the value of ``key`` that starts at 0-based (line, col), found by walking the tree."""
    lc = getattr(node, "lc", None)
    if isinstance(node, dict):
        for k, v in node.items():
            if lc is not None and k == key:
                try:
                    if tuple(lc.value(k)) == (line, col):
                        return path + (k,)
                except (KeyError, TypeError):
                    pass
            if isinstance(v, (dict, list)):
                found = _path_of_value(v, key, line, col, path + (k,))
                if found is not None:
                    return found
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, (dict, list)):
                found = _path_of_value(v, key, line, col, path + (i,))
                if found is not None:
                    return found
    return None
