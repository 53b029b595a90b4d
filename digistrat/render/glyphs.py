"""The characters of a project that a PDF shows as "�", named before the render with file, line
and column (render/typst_fonts.py replaces them, so that one emoji does not stop a render on a
machine without an emoji font; without a note the user would find them in print only).

The texts of the model are checked, not the printed documents: a character in a field that no
document prints (a partner's ``kurzname``, say) is named too, hence "wo es gedruckt wird".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from digistrat.findings import Finding, Severity
from digistrat.loading.positions import locate
from digistrat.model.texts import text_fields
from digistrat.render.typst_fonts import not_shown

# at most this many notes: a file in the wrong script would otherwise fill the terminal
LIMIT = 20


def missing_glyphs(project) -> list[str]:
    """One German note per text field and character no installed font has, by file and line."""
    texts = project.texts
    # most files have no such character; a backslash may be a YAML escape ("\U0001F680") that only
    # the parsed value shows
    files = {name for name in texts if not_shown(texts[name]) or "\\" in texts[name]}
    if not files:
        return []
    probes: list[tuple[Finding, str, str]] = []  # (where the field is, its text, the character)
    for file, path, value in _texts(project):
        if file in files:
            for ch in not_shown(value):
                probes.append((Finding("", "", Severity.HINWEIS, "", file, path), value, ch))
    located = locate([probe for probe, _, _ in probes], texts)
    found = [_at_character(f, value, ch, texts) for f, (_, value, ch) in zip(located, probes, strict=True)]
    notes = [_note(f, ch) for f, ch in sorted(found, key=lambda x: (x[0].file, x[0].line or 0, x[0].column or 0))]
    if len(notes) > LIMIT:
        notes = [*notes[:LIMIT], f"… und {len(notes) - LIMIT} weitere Stellen."]
    return notes


def _texts(project) -> Iterator[tuple[str, tuple, str]]:
    """(file, JSON path, text) of every text of the model, and the annex titles of digistrat.yaml."""
    p = project
    roots: list[Any] = [p.strategie, *p.partner, p.agenda, *p.steckbriefe, *(p.programme or [])]
    for obj in roots:
        for path, value in text_fields(obj):
            yield obj.ref.file, path, value
    titel = (p.config.render or {}).get("titel")
    if p.config.ref.file and isinstance(titel, dict):
        for key, value in titel.items():
            if isinstance(value, str):
                yield p.config.ref.file, ("render", "titel", key), value


def _at_character(field: Finding, value: str, ch: str, texts) -> tuple[Finding, str]:
    """The position of ``ch`` itself where the file has it written within the field (not as an
    escape); else the field's."""
    if field.line is None or field.column is None:
        return field, ch
    text = texts[field.file]
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: field.line - 1]) + field.column - 1
    # the field's value as written spans about as many characters as the value (a block scalar:
    # plus its indentation)
    at = text.find(ch, start, start + 2 * len(value) + 200)
    if at < 0:
        return field, ch
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return field.located(line, column), ch


def _note(f: Finding, ch: str) -> str:
    where = f.file if f.line is None else f"{f.file}:{f.line}:{f.column}"
    return (
        f"{where}: Das Zeichen „{ch}“ (U+{ord(ch):04X}) hat in keiner installierten Schrift ein Bild; "
        "wo es gedruckt wird, steht im PDF „\ufffd“. Abhilfe: das Zeichen ersetzen oder eine Schrift "
        "installieren, die es enthält."
    )
