"""German messages for YAML files ruamel.yaml cannot read: what went wrong, where, and how to fix it.

ruamel.yaml's messages are English and name parser states ("expected <block end>"); the people who
edit these files need the likely cause in their words. :func:`translate` maps each parser error to
a :class:`~digistrat.loading.problems.ParseProblem` with a 1-based position; the rare errors
without a translation keep the parser's words as a detail of a German sentence.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from digistrat.loading.problems import CODE_DUPLICATE, CODE_SYNTAX, CODE_TAB, ParseProblem

_PROBLEMS = [
    (
        "found character '\\t' that cannot start any token",
        CODE_TAB,
        "Tabulatorzeichen sind in YAML zur Einrückung nicht erlaubt. Bitte Leerzeichen verwenden.",
    ),
    (
        "mapping values are not allowed",
        CODE_SYNTAX,
        "Ein Doppelpunkt steht an unerwarteter Stelle: Ist die Zeile zu weit eingerückt, oder fehlt in der Zeile "
        "davor ein Leerzeichen nach dem Doppelpunkt?",
    ),
    ("could not find expected ':'", CODE_SYNTAX, "Nach dem Schlüssel fehlt ein Doppelpunkt „:“."),
    (
        "did not find expected key",
        CODE_SYNTAX,
        "Die Einrückung passt nicht: Hier wurde ein Schlüssel derselben Ebene erwartet.",
    ),
    (
        "expected <block end>",
        CODE_SYNTAX,
        "Die Einrückung passt nicht: Hier wurde ein Schlüssel derselben Ebene erwartet.",
    ),
    (
        "did not find expected '-' indicator",
        CODE_SYNTAX,
        "Die Einrückung passt nicht: Hier wurde ein Listeneintrag „- “ erwartet.",
    ),
    (
        "found unexpected end of stream",
        CODE_SYNTAX,
        "Unerwartetes Dateiende: Anführungszeichen oder Klammer nicht geschlossen?",
    ),
    ("found undefined alias", CODE_SYNTAX, "Unbekannter YAML-Alias (*name ohne passenden &name)."),
    (
        "expected a single document",
        CODE_SYNTAX,
        "Die Datei enthält mehrere YAML-Dokumente (---); erwartet wird genau eines.",
    ),
    (
        "found unknown escape character",
        CODE_SYNTAX,
        "Unbekannte Escape-Sequenz in einem Text in doppelten Anführungszeichen (\\ verdoppeln oder einfache Anführungszeichen nutzen).",
    ),
    (
        "did not find expected ',' or '}'",
        CODE_SYNTAX,
        "In den geschweiften Klammern { } fehlt ein Komma oder die schließende Klammer „}“. Enthält ein Wert "
        "ein Komma oder einen Doppelpunkt (z. B. 1.250,50 oder „Ziel: …“), muss er in Anführungszeichen stehen; "
        "Zahlen ohne Tausenderpunkt und mit Dezimalpunkt schreiben (1250.50).",
    ),
    (
        "did not find expected ',' or ']'",
        CODE_SYNTAX,
        "In den eckigen Klammern [ ] fehlt ein Komma oder die schließende Klammer „]“. Enthält ein Eintrag "
        "ein Komma oder einen Doppelpunkt, muss er in Anführungszeichen stehen.",
    ),
    (
        "did not find expected alphabetic or numeric character",
        CODE_SYNTAX,
        "Ein Wert beginnt mit „*“ oder „&“; diese Zeichen haben in YAML eine besondere Bedeutung. "
        "Bitte den ganzen Text in Anführungszeichen setzen.",
    ),
    (
        "did not find expected comment or line break",
        CODE_SYNTAX,
        "Hier wird ein Zeilenende erwartet (z. B. direkt nach „|“ oder „>“). Weiterer Text gehört in die nächste Zeile.",
    ),
    (
        "found unknown directive name",
        CODE_SYNTAX,
        "Eine Zeile beginnt mit „%“; das ist in YAML eine Direktive. Bitte den Text einrücken oder in Anführungszeichen setzen.",
    ),
    (
        "could not determine a constructor for the tag",
        CODE_SYNTAX,
        "Ein Wert beginnt mit „!“; das ist in YAML ein Typ-Kennzeichen. Bitte den ganzen Text in Anführungszeichen setzen.",
    ),
]
_AFTER_VALUE = (
    "Nach dem Wert steht in derselben Zeile noch etwas. Beginnt ein Text mit einem Anführungszeichen "
    "oder einer Klammer, muss der ganze Text in Anführungszeichen stehen."
)


def translate(exc: Exception, text: str) -> ParseProblem:
    """The German :class:`ParseProblem` for an exception raised while ruamel.yaml read ``text``."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    special = _duplicate_date_or_break(exc, text, line, column)
    if special is not None:
        return special
    position = getattr(exc, "position", None)
    if line is None and isinstance(position, int):  # ReaderError: a character offset
        line, column = _position_of_offset(text, position)
    return _parser_message(exc, text, line, column)


def _duplicate_date_or_break(exc: Exception, text: str, line, column) -> ParseProblem | None:
    """Problems recognised from the text itself: a duplicate key, an impossible date, an odd line break."""
    from ruamel.yaml.constructor import DuplicateKeyError

    if isinstance(exc, DuplicateKeyError):
        key, first, path = _duplicate_key_name(exc), None, ()
        found = _find_duplicate(text, exc.problem_mark)
        if found is not None:
            key, first, path = found
        where = f" (zuerst in Zeile {first[0]}, Spalte {first[1]})" if first else ""
        return ParseProblem(
            *CODE_DUPLICATE,
            f"Der Schlüssel „{key}“ kommt doppelt vor{where}. Auf derselben Ebene darf "
            "jeder Schlüssel nur einmal stehen.",
            line,
            column,
            path,
        )
    if isinstance(exc, ValueError):  # a date that does not exist (2023-02-30): no position from ruamel
        bad = _impossible_date(text)
        if bad is not None:
            return ParseProblem(
                *CODE_SYNTAX,
                f"Das Datum {bad[0]} gibt es nicht. Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.",
                bad[1],
                bad[2],
            )
    odd = next((c for c in _ODD_LINE_BREAKS if c in text), None)
    if odd is not None:  # YAML reads these as line breaks, editors do not: a confusing error elsewhere
        line, column = _position_of_offset(text, text.index(odd))
        return ParseProblem(
            *CODE_SYNTAX,
            f"Die Datei enthält ein unsichtbares Sonderzeichen ({_ODD_LINE_BREAKS[odd]}), "
            "meist beim Kopieren aus Word oder PDF entstanden; YAML liest es als Zeilenumbruch. "
            "Bitte das Zeichen löschen.",
            line,
            column,
        )
    return None


def _parser_message(exc: Exception, text: str, line, column) -> ParseProblem:
    """The parser's complaint in German, at the position a reader looks for it."""
    problem = str(getattr(exc, "problem", "") or exc)
    context = str(getattr(exc, "context", "") or "")
    if "control characters are not allowed" in problem or "unacceptable character" in problem:
        return ParseProblem(
            *CODE_SYNTAX,
            "Die Datei enthält ein unsichtbares Steuerzeichen, das in YAML nicht erlaubt "
            "ist (oft beim Kopieren aus PDF oder Word entstanden). Bitte das Zeichen löschen.",
            line,
            column,
        )
    if "cannot start any token" in problem and line:
        char = _char_at(text, line, column)
        if char not in ("\t", ""):
            return ParseProblem(
                *CODE_SYNTAX,
                f"Das Zeichen „{char}“ darf in YAML nicht am Anfang eines Werts stehen. "
                "Bitte den ganzen Text in Anführungszeichen setzen.",
                line,
                column,
            )
    if (
        ("did not find expected key" in problem or "expected <block end>" in problem)
        and line
        and "\t" not in _leading_ws(text, line)
        and column > len(_leading_ws(text, line)) + 1
    ):
        return ParseProblem(*CODE_SYNTAX, _AFTER_VALUE, line, column)
    if (
        "mapping values are not allowed" in problem
        and line
        and column
        and "\t" not in _leading_ws(text, line)
        and ": " in _line_text(text, line)[: column - 1]
    ):
        # key: Text: mehr Text -- the second colon belongs to the text
        return ParseProblem(
            *CODE_SYNTAX,
            "Ein Doppelpunkt mit Leerzeichen steht mitten in einem Text. Enthält ein "
            'Text „: “, muss er in Anführungszeichen stehen, z. B. titel: "Ziel: mehr Service".',
            line,
            column,
        )
    context_mark = getattr(exc, "context_mark", None)
    if "while scanning an a" in context and context_mark is not None:
        line, column = context_mark.line + 1, context_mark.column + 1  # the "*" or "&", not the name's end
    for needle, code, message in _PROBLEMS:
        if needle in problem or needle in context:
            if code == CODE_TAB or (line and "\t" in _leading_ws(text, line)):
                code, message = CODE_TAB, _PROBLEMS[0][2]
                line, column = _tab_position(text, line)
            return ParseProblem(*code, message, line, column)
    if line and "\t" in _leading_ws(text, line):
        line, column = _tab_position(text, line)
        return ParseProblem(*CODE_TAB, _PROBLEMS[0][2], line, column)
    # Rare errors without a translation: German sentence, the parser's own words as a detail
    detail = " ".join((problem.strip() or str(exc)).split())
    return ParseProblem(
        *CODE_SYNTAX, f"Die Datei ist kein gültiges YAML (Meldung des Parsers: {detail}).", line, column
    )


_ODD_LINE_BREAKS = {
    "\u2028": "Unicode U+2028, Zeilentrenner",
    "\u2029": "Unicode U+2029, Absatztrenner",
    "\x85": "Unicode U+0085, nächste Zeile",
}
_DATE_LIKE = re.compile(r"(?<![0-9A-Za-z.:_-])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9A-Za-z.:_-])")


def _position_of_offset(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _impossible_date(text: str) -> tuple[str, int, int] | None:
    """The first date-like value that is no real date, with its 1-based line and column."""
    for n, line in enumerate(text.splitlines(), 1):
        for m in _DATE_LIKE.finditer(line):
            try:
                _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return m.group(0), n, m.start() + 1
    return None


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def _char_at(text: str, line: int, column: int | None) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines) or not column:
        return ""
    s = lines[line - 1]
    return s[column - 1] if column - 1 < len(s) else ""


def _find_duplicate(text: str, mark) -> tuple[str, tuple[int, int], tuple] | None:
    """(key, 1-based position of its first occurrence, JSON path) of the duplicate key at ``mark``.

    ruamel's error names the start of the mapping, not the first occurrence of the key; the
    composed node tree (which keeps duplicates) knows both.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    try:
        root = YAML(typ="safe", pure=False).compose(text)
    except Exception:
        return None
    target = (mark.line, mark.column)
    stack: list[tuple[Any, tuple[str | int | None, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, MappingNode):
            first: dict[str, Any] = {}
            for key, value in node.value:
                name = key.value if isinstance(key.value, str) else None
                if name is not None and name in first and (key.start_mark.line, key.start_mark.column) == target:
                    m = first[name].start_mark
                    return name, (m.line + 1, m.column + 1), path + (name,)
                if name is not None:
                    first.setdefault(name, key)
                stack.append((value, path + (name,)))
        elif isinstance(node, SequenceNode):
            stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
    return None


def _duplicate_key_name(exc) -> str:
    m = re.search(r'found duplicate key "(.*?)"', str(exc.problem))
    return m.group(1) if m else "?"


def _leading_ws(text: str, line: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    s = lines[line - 1]
    return s[: len(s) - len(s.lstrip(" \t"))]


def _tab_position(text: str, near_line: int) -> tuple[int, int]:
    """The first tab used as indentation at or before the line the parser stopped at."""
    lines = text.splitlines()
    for n in range(min(near_line, len(lines)), 0, -1):
        ws = _leading_ws(text, n)
        if "\t" in ws:
            return n, ws.index("\t") + 1
    return near_line, 1
