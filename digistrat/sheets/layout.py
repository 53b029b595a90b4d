"""The form's fixed layout: sheet names, header texts and the values of the drop-down lists.

Partners and their macros rely on these texts; change them only with a new form version.
"""

from __future__ import annotations

from digistrat.labels import bezeichnung
from digistrat.model.types import KATEGORIEN, STATUS_REIHENFOLGE

FORM_KIND = "digistrat-sachstandsabfrage"
FORM_VERSION = 1

SACHSTAND = "Sachstand"
MEILENSTEINE = "Meilensteine"
IST_KOSTEN = "Ist-Kosten"
HINWEISE = "Hinweise"
META = "_digistrat"  # hidden: which revision of each Steckbrief the form was made from

SACHSTAND_HEADERS = ("Steckbrief", "Titel", "Status", "Ampel", "Fortschritt (%)", "Sachstand")
MEILENSTEINE_HEADERS = ("Steckbrief", "Meilenstein", "Fällig", "Erreicht am")
IST_KOSTEN_HEADERS = ("Steckbrief", "Jahr", "Kategorie", "Betrag (€)")

MONEY_FORMAT = "#,##0.00 €"
DATE_FORMAT = "DD.MM.YYYY"
MONTH_FORMAT = "MM.YYYY"
EMPTY_COST_ROWS = 200  # unlocked rows below the recorded Ist-Kosten, for new entries

AMPELN = ("gruen", "gelb", "rot")
AMPEL_LABELS = {"gruen": "grün", "gelb": "gelb", "rot": "rot"}


def status_label(value: str) -> str:
    return bezeichnung(value, "status")


def kategorie_label(value: str) -> str:
    return bezeichnung(value, "kategorie")


def _choices(values, label) -> dict[str, str]:
    """Accepted spellings (label or key, any case) → key."""
    out: dict[str, str] = {}
    for v in values:
        for spelling in (v, label(v)):
            out[spelling.casefold()] = v
    return out


STATUS_CHOICES = _choices(STATUS_REIHENFOLGE, status_label)
AMPEL_CHOICES = _choices(AMPELN, AMPEL_LABELS.__getitem__)
KATEGORIE_CHOICES = _choices(KATEGORIEN, kategorie_label)
