"""The explicit list of lint rules and lookups by code and name.

A new rule is one module with one :class:`~digistrat.rules.base.Rule` subclass, added to
:data:`RULES` here; ``docs/regeln.md`` is then regenerated with
``python -m digistrat.rules.docs > docs/regeln.md``.
"""

from __future__ import annotations

from functools import cache

from digistrat.catalog import META_CODES
from digistrat.rules.abhaengigkeitszyklus import Abhaengigkeitszyklus
from digistrat.rules.aktivitaet_ausserhalb_zeitraum import AktivitaetAusserhalbZeitraum
from digistrat.rules.ampel_gruen_ueberfaellig import AmpelGruenUeberfaellig
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
from digistrat.rules.ist_ausserhalb_zeitraum import IstAusserhalbZeitraum
from digistrat.rules.ist_ueber_plan import IstUeberPlan
from digistrat.rules.jahr_ausserhalb_zeitraum import JahrAusserhalbZeitraum
from digistrat.rules.meilenstein_ueberfaellig import MeilensteinUeberfaellig
from digistrat.rules.platzhaltertext import Platzhaltertext
from digistrat.rules.quote_ueber_maximum import QuoteUeberMaximum
from digistrat.rules.reihenfolge_abhaengigkeit import ReihenfolgeAbhaengigkeit
from digistrat.rules.sachstand_veraltet import SachstandVeraltet
from digistrat.rules.status_widerspricht_datum import StatusWidersprichtDatum
from digistrat.rules.steckbrief_unvollstaendig import SteckbriefUnvollstaendig
from digistrat.rules.traeger_nicht_beteiligt import TraegerNichtBeteiligt
from digistrat.rules.verantwortlich_auch_beteiligt import VerantwortlichAuchBeteiligt
from digistrat.rules.verantwortlich_ohne_personal import VerantwortlichOhnePersonal
from digistrat.rules.vorgaben import VorgabenUnterschritten
from digistrat.rules.zeitraum_umgekehrt import ZeitraumUmgekehrt

RULES: tuple[type[Rule], ...] = (
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
    # format v1.1: execution tracking
    IstAusserhalbZeitraum,
    MeilensteinUeberfaellig,
    SachstandVeraltet,
    IstUeberPlan,
    AmpelGruenUeberfaellig,
)


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
    """A rule by its code (``DS118``, any case) or its name (``platzhaltertext``)."""
    key = name_or_code.strip()
    rule = by_name().get(key.lower())
    if rule is None:
        candidate = by_code().get(key.upper())
        rule = candidate if isinstance(candidate, type) and issubclass(candidate, Rule) else None
    return rule


#: Rules that no longer exist, by name and code, with what replaced them.
RETIRED = {
    "tausendertrennzeichen": " Die Regel DS101 gibt es nicht mehr: Beträge mit Tausenderpunkt meldet "
    "„digistrat validate“ jetzt als Fehler DS029, der sich nicht abschalten lässt.",
}
RETIRED["ds101"] = RETIRED["tausendertrennzeichen"]


def suggestion(name: str) -> str:
    """`` Meinten Sie „…“?`` for a mistyped rule name (or what replaced a retired rule), or an empty string."""
    from digistrat.formatting import meinten_sie

    if name.strip().lower() in RETIRED:
        return RETIRED[name.strip().lower()]
    return meinten_sie(name.lower(), by_name())
