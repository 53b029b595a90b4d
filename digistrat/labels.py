"""German display names for the enumerated values of the format (the files use ASCII-folded keys).

The one label table: each group lists the values of one schema enum in the schema's order
(tests/test_labels.py checks that they agree), so code that needs the values or their order
(``model.types.KATEGORIEN``, the budget's Kostenkategorie rows, the roadmap legend) derives it
from here.
"""

from __future__ import annotations

BEZEICHNUNGEN: dict[str, dict[str, str]] = {
    "status": {
        "idee": "Idee",
        "geplant": "Geplant",
        "in-umsetzung": "In Umsetzung",
        "abgeschlossen": "Abgeschlossen",
        "zurueckgestellt": "Zurückgestellt",
        "verworfen": "Verworfen",
    },
    "typ": {"leitprojekt": "Leitprojekt", "potenzialprojekt": "Potenzialprojekt", "massnahme": "Maßnahme"},
    "prioritaet": {"hoch": "Hoch", "mittel": "Mittel", "niedrig": "Niedrig"},
    "kategorie": {
        "personalkosten": "Personalkosten",
        "sachkosten": "Sachkosten",
        "dienstleistungen": "Dienstleistungen",
        "investitionen": "Investitionen",
        "lizenzen": "Lizenzen",
        "sonstige": "Sonstige",
    },
    "foerderstatus": {
        "geplant": "Geplant",
        "beantragt": "Beantragt",
        "bewilligt": "Bewilligt",
        "abgelehnt": "Abgelehnt",
    },
    "stelle": {"vorhanden": "vorhanden", "neu": "neu"},
    "art": {
        "kreis": "Kreis",
        "amt": "Amt",
        "stadt": "Stadt",
        "gemeinde": "Gemeinde",
        "verband": "Verband",
        "unternehmen": "Unternehmen",
        "sonstige": "Sonstige",
    },
    "schluessel": {"gleich": "zu gleichen Teilen", "einwohner": "nach Einwohnern", "anteile": "nach Anteilen"},
    "ampel": {"gruen": "Grün", "gelb": "Gelb", "rot": "Rot"},  # format v1.1, sachstand
}


def bezeichnung(value: str | None, art: str) -> str:
    """``bezeichnung("in-umsetzung", "status")`` → ``In Umsetzung``; unknown values are shown as they are."""
    if value is None:
        return ""
    return BEZEICHNUNGEN.get(art, {}).get(value, value)
