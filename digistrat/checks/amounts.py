"""Amounts and VZÄ with more than two decimals in the source text (DS029), thousands separators first.

YAML knows only the decimal point, so ``betrag: 30.000`` is valid YAML for 30 euros and
``1.500`` for 1.50 euros. Money has at most two decimals in format v1, so three decimals in
the source text are an error, and a value that looks like a German thousands separator (one to
three digits, then groups of exactly three) names the number that was meant: "meinten Sie
30000?". ``budget`` and ``render`` refuse a project with such an error, so no wrong total
reaches a paper.

The loader keeps numbers with a fraction as :class:`~decimal.Decimal` made from their source
text, so ``30.000`` keeps its three decimals. Where a number still arrives as a float (30.0 says
nothing about how it was written), :func:`pending` marks it and :func:`resolve` reads the
number's text at its position in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from digistrat import catalog
from digistrat.findings import Finding, Severity

CODE = catalog.NACHKOMMASTELLEN
_PENDING = "nachkommastellen-pruefen"  # internal: a float whose source text must be looked at
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_NUMBER_TEXT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]+(?:[eE][-+]?[0-9]+)?")


def check(value, file: str, path: tuple, what: str) -> Iterable[Finding]:
    """DS029 for ``value`` (an amount or VZÄ at ``path``), or a pending check for an ambiguous float."""
    if isinstance(value, bool) or not isinstance(value, (float, Decimal)):
        return ()
    if isinstance(value, Decimal):
        finding = finding_for(str(value), file, path, what)
        return (finding,) if finding else ()
    finding = finding_for(repr(value), file, path, what)
    if finding is not None:
        return (finding,)
    if value < 1000:  # 30.000, 1.500 and 0.1250 all read as floats with few digits
        return (Finding(CODE[0], _PENDING, Severity.FEHLER, what, file, tuple(path)),)
    return ()


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
    if shorter.as_tuple().exponent >= -2:  # only trailing zeros: 1.500 VZÄ
        return f"{what} {text} hat mehr als zwei Nachkommastellen – meinten Sie {shorter:f}?"
    return f"{what} {text} hat mehr als zwei Nachkommastellen; erlaubt sind höchstens zwei."


def resolve(findings: list[Finding], texts: Mapping[str, str]) -> list[Finding]:
    """Replace each pending check by DS029 from the number's source text, or drop it."""
    if not any(f.rule == _PENDING for f in findings):
        return findings
    out = []
    for f in findings:
        if f.rule != _PENDING:
            out.append(f)
            continue
        text = _number_text(f, texts)
        real = finding_for(text, f.file, f.path, f.message, f.line, f.column) if text else None
        if real is not None:
            out.append(real)
    return out


def _number_text(f: Finding, texts: Mapping[str, str]) -> str | None:
    """The number written at the finding's (located) position."""
    if f.line is None or f.column is None or f.file not in texts:
        return None
    lines = texts[f.file].split("\n", f.line)
    if len(lines) < f.line:
        return None
    match = _NUMBER_TEXT.match(lines[f.line - 1], f.column - 1)
    return match.group(0) if match else None
