"""The explicit list of lint rules and lookups by code and name.

A new rule is one module with one :class:`~digistrat.rules.base.Rule` subclass, added to
:data:`RULES` here; ``docs/regeln.md`` is then regenerated with
``python -m digistrat.rules.docs > docs/regeln.md``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from digistrat.rules.abhaengigkeitszyklus import Abhaengigkeitszyklus
from digistrat.rules.aktivitaet_ausserhalb_zeitraum import AktivitaetAusserhalbZeitraum
from digistrat.rules.anteile_ignoriert import AnteileIgnoriert
from digistrat.rules.anteile_summe import AnteileSumme
from digistrat.rules.ausserhalb_laufzeit import AusserhalbLaufzeit
from digistrat.rules.base import Rule
from digistrat.rules.doppelter_titel import DoppelterTitel
from digistrat.rules.einwohner_fehlt import EinwohnerFehlt
from digistrat.rules.einwohner_summe import EinwohnerSumme
from digistrat.rules.foerderung_ausserhalb_programmlaufzeit import FoerderungAusserhalbProgrammlaufzeit
from digistrat.rules.foerderung_ueber_kosten import FoerderungUeberKosten
from digistrat.rules.handlungsfeld_ohne_steckbrief import HandlungsfeldOhneSteckbrief
from digistrat.rules.jahr_ausserhalb_zeitraum import JahrAusserhalbZeitraum
from digistrat.rules.platzhaltertext import Platzhaltertext
from digistrat.rules.quote_ueber_maximum import QuoteUeberMaximum
from digistrat.rules.reihenfolge_abhaengigkeit import ReihenfolgeAbhaengigkeit
from digistrat.rules.status_widerspricht_datum import StatusWidersprichtDatum
from digistrat.rules.steckbrief_unvollstaendig import SteckbriefUnvollstaendig
from digistrat.rules.tausendertrennzeichen import Tausendertrennzeichen
from digistrat.rules.traeger_nicht_beteiligt import TraegerNichtBeteiligt
from digistrat.rules.verantwortlich_auch_beteiligt import VerantwortlichAuchBeteiligt
from digistrat.rules.verantwortlich_ohne_personal import VerantwortlichOhnePersonal
from digistrat.rules.vorgaben import VorgabenUnterschritten
from digistrat.rules.zeitraum_umgekehrt import ZeitraumUmgekehrt

RULES: tuple[type[Rule], ...] = (
    Tausendertrennzeichen,
    VorgabenUnterschritten,
    HandlungsfeldOhneSteckbrief,
    ZeitraumUmgekehrt,
    AktivitaetAusserhalbZeitraum,
    JahrAusserhalbZeitraum,
    AusserhalbLaufzeit,
    FoerderungUeberKosten,
    QuoteUeberMaximum,
    FoerderungAusserhalbProgrammlaufzeit,
    Abhaengigkeitszyklus,
    ReihenfolgeAbhaengigkeit,
    AnteileSumme,
    EinwohnerFehlt,
    EinwohnerSumme,
    StatusWidersprichtDatum,
    SteckbriefUnvollstaendig,
    Platzhaltertext,
    DoppelterTitel,
    VerantwortlichOhnePersonal,
    TraegerNichtBeteiligt,
    AnteileIgnoriert,
    VerantwortlichAuchBeteiligt,
)


@dataclass(frozen=True)
class MetaCode:
    """A code lint reports about itself (configuration, skipped rules); not a selectable rule."""

    code: str
    name: str
    summary: str


REGELN_UEBERSPRUNGEN = MetaCode(
    "DS090",
    "regeln-uebersprungen",
    "Die Prüfregeln wurden übersprungen, weil strategie.yaml, partner.yaml oder agenda.yaml fehlerhaft ist.",
)
UNBEKANNTE_REGEL = MetaCode(
    "DS091", "unbekannte-regel", "Eine Einstellung oder ein Kommentar nennt eine Regel, die es nicht gibt."
)
UNGUELTIGE_OPTION = MetaCode(
    "DS092", "ungueltige-option", "Eine Regel-Option ist unbekannt oder hat einen ungültigen Wert."
)
META_CODES: tuple[MetaCode, ...] = (REGELN_UEBERSPRUNGEN, UNBEKANNTE_REGEL, UNGUELTIGE_OPTION)


@cache
def by_code() -> dict:
    """Every code lint itself can report (rules and meta codes) → object with ``.name`` and ``.summary``."""
    table: dict = {m.code: m for m in META_CODES}
    table.update({r.code: r for r in RULES})
    return table


@cache
def by_name() -> dict[str, type[Rule]]:
    return {r.name: r for r in RULES}


def resolve(name_or_code: str) -> type[Rule] | None:
    """A rule by its code (``DS101``, any case) or its name (``tausendertrennzeichen``)."""
    key = name_or_code.strip()
    rule = by_name().get(key.lower())
    if rule is None:
        candidate = by_code().get(key.upper())
        rule = candidate if isinstance(candidate, type) and issubclass(candidate, Rule) else None
    return rule


def suggestion(name: str) -> str:
    """`` Meinten Sie „…“?`` for a mistyped rule name, or an empty string."""
    close = difflib.get_close_matches(name.lower(), list(by_name()), n=1, cutoff=0.6)
    return f" Meinten Sie „{close[0]}“?" if close else ""
