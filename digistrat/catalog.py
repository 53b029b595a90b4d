"""Every finding code ``validate`` can report, with a short German description.

Lint rules (DS1xx) describe themselves in :mod:`digistrat.rules`; reporters that list rules
(SARIF) use :func:`describe` for both.
"""

from __future__ import annotations

VALIDATE_CODES: dict[str, tuple[str, str]] = {
    "DS001": ("yaml-syntax", "Die Datei ist kein gültiges YAML."),
    "DS002": ("kodierung", "Die Datei ist nicht als UTF-8 lesbar."),
    "DS003": ("doppelter-schluessel", "Ein Schlüssel kommt in einer Zuordnung doppelt vor."),
    "DS004": ("leere-datei", "Die Datei ist leer."),
    "DS005": ("keine-zuordnung", "Auf oberster Ebene steht keine Zuordnung (Schlüssel: Wert)."),
    "DS006": ("tabulator", "Tabulatorzeichen in der Einrückung."),
    "DS007": (
        "grenze",
        "Die Datei überschreitet eine Grenze von digistrat (Größe, Tiefe, Anzahl der Werte, Zahlengröße).",
    ),
    "DS010": ("schema", "Der Wert entspricht nicht dem Schema."),
    "DS011": ("unbekannter-schluessel", "Unbekannter Schlüssel (Tippfehler?)."),
    "DS012": ("pflichtfeld-fehlt", "Ein Pflichtfeld fehlt."),
    "DS013": ("falscher-typ", "Der Wert hat den falschen Typ."),
    "DS014": ("ungueltiger-wert", "Der Wert ist nicht erlaubt."),
    "DS015": ("falsches-format", "Der Wert hat nicht die erwartete Form."),
    "DS016": ("wertebereich", "Der Wert liegt außerhalb des erlaubten Bereichs."),
    "DS017": ("zahl-statt-text", "Eine Zahl steht, wo Text erwartet wird (Anführungszeichen fehlen)."),
    "DS018": ("datum-ungueltig", "Ein Datum, das es im Kalender nicht gibt (z. B. 2022-02-30)."),
    "DS020": ("doppelte-kennung", "Eine Kennung ist doppelt vergeben."),
    "DS021": ("unbekannter-partner", "Verweis auf einen Partner, den partner.yaml nicht kennt."),
    "DS022": ("unbekanntes-handlungsfeld", "Verweis auf ein Handlungsfeld, das strategie.yaml nicht kennt."),
    "DS023": ("unbekannter-steckbrief", "Verweis auf einen Steckbrief, den es nicht gibt."),
    "DS024": ("unbekanntes-programm", "Verweis auf ein Förderprogramm, das foerderprogramme.yaml nicht kennt."),
    "DS025": ("dateiname-passt-nicht", "Dateiname und Kennung des Steckbriefs stimmen nicht überein."),
    "DS026": ("fehlt-in-agenda", "Ein Steckbrief fehlt in der Umsetzungsreihenfolge."),
    "DS027": ("doppelt-in-agenda", "Ein Steckbrief steht mehrfach in der Umsetzungsreihenfolge."),
    "DS028": ("datei-fehlt", "Eine Pflichtdatei des Projekts fehlt."),
    "DS029": ("nachkommastellen", "Ein Betrag oder VZÄ-Wert hat mehr als zwei Nachkommastellen."),
}


def describe(code: str) -> tuple[str, str] | None:
    """(name, description) of a code, from this catalogue or from the lint rule registry."""
    if code in VALIDATE_CODES:
        return VALIDATE_CODES[code]
    try:
        from digistrat.rules import registry
    except ImportError:
        return None
    rule = registry.by_code().get(code) if hasattr(registry, "by_code") else None
    if rule is None:
        return None
    return rule.name, rule.summary
