"""The one catalogue of finding codes: every code ``validate`` can report and the codes lint
reports about itself, each with its name and a short German description.

Checks import their code from here (``catalog.YAML_SYNTAX``); lint rules (DS1xx) describe
themselves in :mod:`digistrat.rules`; reporters that list rules (SARIF) use :func:`describe`
for both. A new code is one line here.
"""

from __future__ import annotations


class Code(tuple[str, str]):
    """``("DS001", "yaml-syntax")``: a tuple, so ``Finding(*code, ...)`` works, with its summary."""

    summary: str

    def __new__(cls, code: str, name: str, summary: str) -> Code:
        self = super().__new__(cls, (code, name))
        self.summary = summary
        return self

    @property
    def code(self) -> str:
        return self[0]

    @property
    def name(self) -> str:
        return self[1]


# -- validate: reading and parsing (DS00x), schema (DS01x), references and files (DS02x) --------

YAML_SYNTAX = Code("DS001", "yaml-syntax", "Die Datei ist kein gültiges YAML.")
KODIERUNG = Code("DS002", "kodierung", "Die Datei ist nicht als UTF-8 lesbar.")
DOPPELTER_SCHLUESSEL = Code("DS003", "doppelter-schluessel", "Ein Schlüssel kommt in einer Zuordnung doppelt vor.")
LEERE_DATEI = Code("DS004", "leere-datei", "Die Datei ist leer.")
KEINE_ZUORDNUNG = Code("DS005", "keine-zuordnung", "Auf oberster Ebene steht keine Zuordnung (Schlüssel: Wert).")
TABULATOR = Code("DS006", "tabulator", "Tabulatorzeichen in der Einrückung.")
GRENZE = Code(
    "DS007",
    "grenze",
    "Die Datei überschreitet eine Grenze von digistrat (Größe, Tiefe, Anzahl der Werte, Zahlengröße).",
)
SCHEMA = Code("DS010", "schema", "Der Wert entspricht nicht dem Schema.")
UNBEKANNTER_SCHLUESSEL = Code("DS011", "unbekannter-schluessel", "Unbekannter Schlüssel (Tippfehler?).")
PFLICHTFELD_FEHLT = Code("DS012", "pflichtfeld-fehlt", "Ein Pflichtfeld fehlt.")
FALSCHER_TYP = Code("DS013", "falscher-typ", "Der Wert hat den falschen Typ.")
UNGUELTIGER_WERT = Code("DS014", "ungueltiger-wert", "Der Wert ist nicht erlaubt.")
FALSCHES_FORMAT = Code("DS015", "falsches-format", "Der Wert hat nicht die erwartete Form.")
WERTEBEREICH = Code("DS016", "wertebereich", "Der Wert liegt außerhalb des erlaubten Bereichs.")
ZAHL_STATT_TEXT = Code("DS017", "zahl-statt-text", "Eine Zahl steht, wo Text erwartet wird (Anführungszeichen fehlen).")
DATUM_UNGUELTIG = Code("DS018", "datum-ungueltig", "Ein Datum, das es im Kalender nicht gibt (z. B. 2022-02-30).")
DOPPELTE_KENNUNG = Code("DS020", "doppelte-kennung", "Eine Kennung ist doppelt vergeben.")
UNBEKANNTER_PARTNER = Code("DS021", "unbekannter-partner", "Verweis auf einen Partner, den partner.yaml nicht kennt.")
UNBEKANNTES_HANDLUNGSFELD = Code(
    "DS022", "unbekanntes-handlungsfeld", "Verweis auf ein Handlungsfeld, das strategie.yaml nicht kennt."
)
UNBEKANNTER_STECKBRIEF = Code("DS023", "unbekannter-steckbrief", "Verweis auf einen Steckbrief, den es nicht gibt.")
UNBEKANNTES_PROGRAMM = Code(
    "DS024", "unbekanntes-programm", "Verweis auf ein Förderprogramm, das foerderprogramme.yaml nicht kennt."
)
DATEINAME_PASST_NICHT = Code(
    "DS025", "dateiname-passt-nicht", "Dateiname und Kennung des Steckbriefs stimmen nicht überein."
)
FEHLT_IN_AGENDA = Code("DS026", "fehlt-in-agenda", "Ein Steckbrief fehlt in der Umsetzungsreihenfolge.")
DOPPELT_IN_AGENDA = Code("DS027", "doppelt-in-agenda", "Ein Steckbrief steht mehrfach in der Umsetzungsreihenfolge.")
DATEI_FEHLT = Code("DS028", "datei-fehlt", "Eine Pflichtdatei des Projekts fehlt.")
NACHKOMMASTELLEN = Code(
    "DS029",
    "nachkommastellen",
    "Ein Betrag, VZÄ-Wert oder eine Einwohnerzahl hat mehr als zwei Nachkommastellen (oft ein "
    "Tausenderpunkt: 30.000 statt 30000).",
)
QUOTE_ALS_ANTEIL = Code(
    "DS030", "quote-als-anteil", "Eine Förderquote ist als Anteil geschrieben (0.9 statt 90 %); Warnung."
)
DATEI_UEBERSEHEN = Code(
    "DS031",
    "datei-uebersehen",
    "Eine Datei sieht nach einer Projektdatei aus, wird aber nicht gelesen (.yml, Ordner, Link ins Leere, "
    "Pipe, unlesbarer Ordner).",
)
# format v1.1: execution tracking (digistrat/checks/execution.py)
SACHSTAND_DATUM_DOPPELT = Code(
    "DS035", "sachstand-datum-doppelt", "Zwei Sachstände eines Steckbriefs haben dasselbe Datum."
)
ERREICHT_VOR_BEGINN = Code(
    "DS036", "erreicht-vor-beginn", "Ein Meilenstein ist vor dem Beginn des Steckbrief-Zeitraums erreicht."
)

# -- lint about itself: configuration and skipped rules (not selectable rules) ------------------

REGELN_UEBERSPRUNGEN = Code(
    "DS090",
    "regeln-uebersprungen",
    "Die Prüfregeln wurden übersprungen, weil strategie.yaml, partner.yaml oder agenda.yaml fehlerhaft ist.",
)
UNBEKANNTE_REGEL = Code(
    "DS091", "unbekannte-regel", "Eine Einstellung oder ein Kommentar nennt eine Regel, die es nicht gibt."
)
UNGUELTIGE_OPTION = Code(
    "DS092", "ungueltige-option", "Eine Regel-Option ist unbekannt oder hat einen ungültigen Wert."
)
META_CODES: tuple[Code, ...] = (REGELN_UEBERSPRUNGEN, UNBEKANNTE_REGEL, UNGUELTIGE_OPTION)

VALIDATE_CODES: dict[str, tuple[str, str]] = {
    c.code: (c.name, c.summary) for c in list(globals().values()) if isinstance(c, Code) and c.code < "DS090"
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
