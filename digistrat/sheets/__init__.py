"""Spreadsheet round trips for partners without git: ``abfrage``, ``einlesen`` and ``import``.

``abfrage`` writes one XLSX form per partner (:mod:`.form_writer`), ``einlesen`` reads returned
forms cell by cell (:mod:`.form_reader`) and merges the answers into the YAML with the
comment-preserving round trip (:mod:`.merge`, :mod:`.einlesen`); ``import`` turns an existing
project list into Steckbriefe (:mod:`.project_import`). Needs openpyxl (``digistrat[xlsx]``).
"""

from __future__ import annotations


def require_openpyxl() -> None:
    """Stop with a German message when the optional openpyxl is missing."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        from digistrat.errors import DigistratError

        raise DigistratError('Für XLSX-Formulare wird openpyxl gebraucht: pip install "digistrat[xlsx]"') from None
