"""The document registry: every document ``digistrat render`` can write, in the order it writes them.

A document is a template name (``<vorlage>.md.j2`` / ``<vorlage>.html.j2`` under templates/),
a stable German file name and a function building its template context. A new document is one
entry in :data:`DOKUMENTE` plus its two templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from digistrat.render import context, finance_context


@dataclass(frozen=True)
class Dokument:
    schluessel: str  # the value of --dokument, and the template's base name
    datei: str  # file name without extension
    titel: str
    kontext: Callable  # (RunContext) -> dict, or (RunContext, Partner) -> dict for je_partner
    anlage: int | None = None  # number of the annex of the Beschlussvorlage
    je_partner: bool = False  # one file per partner (finanzielle-auswirkungen-<partner-id>)

    def dateiname(self, ext: str, partner_id: str | None = None) -> str:
        stem = f"{self.datei}-{partner_id}" if self.je_partner else self.datei
        return f"{stem}.{ext}"

    def vorlage(self, fmt: str) -> str:
        """Template name; PDF is printed from the HTML templates."""
        return f"{self.schluessel}.{'md' if fmt == 'md' else 'html'}.j2"


DOKUMENTE: dict[str, Dokument] = {
    d.schluessel: d
    for d in (
        Dokument(
            "strategie",
            "anlage-1-digitalisierungsstrategie",
            "Digitalisierungsstrategie",
            context.strategie_kontext,
            anlage=1,
        ),
        Dokument("agenda", "anlage-2-digitale-agenda", "Digitale Agenda", context.agenda_kontext, anlage=2),
        Dokument(
            "organisation",
            "anlage-3-aufbauorganisation",
            "Aufbauorganisation Verstetigung",
            context.organisation_kontext,
            anlage=3,
        ),
        Dokument(
            "ressourcen", "anlage-4-ressourcen", "Ressourcen Verstetigung", finance_context.ressourcen_kontext, anlage=4
        ),
        Dokument(
            "finanzen",
            "finanzielle-auswirkungen",
            "Finanzielle Auswirkungen",
            finance_context.finanzen_kontext,
            je_partner=True,
        ),
    )
}

# The index page is written in every run; it is not selectable with --dokument.
INDEX = Dokument("index", "index", "Übersicht der Dokumente", lambda g: {})
