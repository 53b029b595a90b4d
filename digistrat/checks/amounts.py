"""Amounts and VZÄ with more than two decimals in the source text (DS029), thousands separators first.

YAML knows only the decimal point, so ``betrag: 30.000`` is valid YAML for 30 euros and
``1.500`` for 1.50 euros. Money has at most two decimals in format v1, so three decimals in
the source text are an error, and a value that looks like a German thousands separator (one to
three digits, then groups of exactly three) names the number that was meant: "meinten Sie
30000?". ``budget`` and ``render`` refuse a project with such an error, so no wrong total
reaches a paper.

The loader keeps numbers with a fraction as :class:`~decimal.Decimal` made from their source
text (both parser paths), so ``30.000`` keeps its three decimals and ``str(value)`` is the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from digistrat import catalog
from digistrat.findings import Finding, Severity

CODE = catalog.NACHKOMMASTELLEN
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def check(value, file: str, path: tuple, what: str) -> Iterable[Finding]:
    """DS029 for ``value`` (an amount, VZÄ or Einwohnerzahl at ``path``) written with more than two decimals."""
    if isinstance(value, bool) or not isinstance(value, (float, Decimal)):
        return ()
    finding = finding_for(str(value) if isinstance(value, Decimal) else repr(value), file, path, what)
    return (finding,) if finding else ()


def finding_for(text: str, file: str, path: tuple, what: str, line=None, column=None) -> Finding | None:
    """DS029 when the number written as ``text`` has more than two decimals."""
    try:
        exact = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return None
    exponent = exact.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -2:
        return None
    return Finding(CODE[0], CODE[1], Severity.FEHLER, message(text, what), file, tuple(path), line, column)


def message(text: str, what: str) -> str:
    """The German message for a number ``text`` with more than two decimals; ``what``: Betrag, VZÄ, Einwohnerzahl."""
    if what != "VZÄ" and _THOUSANDS.fullmatch(text):
        from digistrat.formatting import euro, zahl

        meant = text.replace(".", "")
        reads = euro(Decimal(text)) if what == "Betrag" else zahl(Decimal(text).normalize())
        return (
            f"{what} {text} hat drei Nachkommastellen – meinten Sie {meant}? YAML kennt keinen "
            f"Tausenderpunkt und liest {text} als {reads}. Bitte ohne Punkt schreiben: {meant}."
        )
    exact = Decimal(text)
    shorter = exact.normalize()
    exponent = shorter.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2:  # only trailing zeros: 1.500 VZÄ
        return f"{what} {text} hat mehr als zwei Nachkommastellen – meinten Sie {shorter:f}?"
    return f"{what} {text} hat mehr als zwei Nachkommastellen; erlaubt sind höchstens zwei."
