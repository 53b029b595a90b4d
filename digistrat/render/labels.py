"""German display names for the enumerated values of format v1 (the files use ASCII-folded keys)."""

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
    "stelle": {"neu": "neu", "vorhanden": "vorhanden"},
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
}


def bezeichnung(value: str | None, art: str) -> str:
    """``bezeichnung("in-umsetzung", "status")`` → ``In Umsetzung``; unknown values are shown as they are."""
    if value is None:
        return ""
    return BEZEICHNUNGEN.get(art, {}).get(value, value)
