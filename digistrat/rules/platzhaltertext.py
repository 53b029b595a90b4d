"""DS118: placeholder text (TODO, TBD, XXX, ???, Lorem ipsum) in any text field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from digistrat.findings import Finding, Severity
from digistrat.model.texts import text_fields
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class Platzhaltertext(Rule):
    """Ein Text enthält einen Platzhalter wie TODO, TBD, XXX, ??? oder Lorem ipsum.

    Platzhalter sind beim Schreiben nützlich, gehören aber nicht in eine Beschlussvorlage. Die
    Regel prüft jedes Textfeld aller Dateien (nicht die Kommentare). Die Option `woerter` legt die
    Platzhalter fest: Wörter aus Großbuchstaben werden nur in Großschreibung und als ganzes Wort
    erkannt (`TODO`, nicht `Todos`), andere Einträge unabhängig von der Schreibweise.

    Falsch:

    ```yaml
    kurzbeschreibung: TODO Beschreibung mit der Projektgruppe abstimmen
    ```

    Richtig:

    ```yaml
    kurzbeschreibung: Gemeinsame Lernplattform für alle Schulen im Kreis.
    ```
    """

    code = "DS118"
    name = "platzhaltertext"
    severity = Severity.WARNUNG
    options = {"woerter": ["TODO", "TBD", "FIXME", "XXX", "???", "Lorem ipsum"]}

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        words = [w.strip() for w in self.opts["woerter"] if isinstance(w, str) and w.strip()]
        pattern = _pattern(words)
        if pattern is None:
            return
        texts = ctx.project.texts
        # Only files whose raw text contains a placeholder at all are walked; plain substring
        # tests first, because a regex search over every file costs more than all other rules.
        exact = [w for w in words if w == w.upper()]
        folded = [w.casefold() for w in words if w != w.upper()]
        hit_files = {
            name
            for name, text in texts.items()
            if (any(w in text for w in exact) or (folded and any(w in text.casefold() for w in folded)))
            and pattern.search(text)
        }
        if not hit_files:
            return
        p = ctx.project
        roots: list[Any] = [p.strategie, *p.partner, p.agenda, *p.steckbriefe, *(p.programme or [])]
        for obj in roots:
            if obj.ref.file not in hit_files:
                continue
            for path, text in text_fields(obj):
                m = pattern.search(text)
                if m:
                    yield Finding(
                        self.code,
                        self.name,
                        self.severity,
                        f"Der Text enthält den Platzhalter „{m.group(0)}“; bitte ausformulieren.",
                        obj.ref.file,
                        path,
                    )


def _pattern(words: list[str]) -> re.Pattern | None:
    parts = []
    for w in words:
        body = re.escape(w)
        if re.fullmatch(r"\w[\w ]*", w):
            body = rf"\b{body}\b"
        parts.append(body if w == w.upper() else f"(?i:{body})")
    return re.compile("|".join(parts)) if parts else None
