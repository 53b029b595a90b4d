"""The characters of a project that the PDF shows as "�", named before the render with file,
line and column (render/typst_fonts.py replaces them, so that one emoji does not stop a render
on a machine without an emoji font; without a note the user would find them in print only)."""

from __future__ import annotations

from digistrat.findings import Finding, Severity
from digistrat.loading.positions import locate
from digistrat.model.texts import text_fields
from digistrat.render.typst_fonts import not_shown

# at most this many notes: a file in the wrong script would otherwise fill the terminal
LIMIT = 20


def missing_glyphs(project) -> list[str]:
    """One German note per text field and character no installed font has, by file and line."""
    texts = project.texts
    files = {name for name in texts if not_shown(texts[name])}  # most files: no such character
    if not files:
        return []
    p = project
    probes: list[tuple[Finding, str]] = []
    for obj in [p.strategie, *p.partner, p.agenda, *p.steckbriefe, *(p.programme or [])]:
        if obj.ref.file not in files:
            continue
        for path, value in text_fields(obj):
            for ch in not_shown(value):
                probes.append((Finding("", "", Severity.HINWEIS, "", obj.ref.file, path), ch))
    located = locate([probe for probe, _ in probes], texts)
    found = sorted(zip(located, (ch for _, ch in probes), strict=True), key=lambda x: (x[0].file, x[0].line or 0))
    notes = [_note(f, ch) for f, ch in found]  # by file and line, like findings
    if len(notes) > LIMIT:
        notes = [*notes[:LIMIT], f"… und {len(notes) - LIMIT} weitere Stellen."]
    return notes


def _note(f: Finding, ch: str) -> str:
    where = f.file if f.line is None else f"{f.file}:{f.line}:{f.column}"
    return (
        f"{where}: Das Zeichen „{ch}“ (U+{ord(ch):04X}) hat in keiner installierten Schrift ein Bild; "
        "im PDF steht dafür „\ufffd“. Abhilfe: das Zeichen ersetzen oder eine Schrift installieren, die es enthält."
    )
