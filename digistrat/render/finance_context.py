"""Contexts of the documents that are mostly figures: Ressourcen (annex 4) and the
Finanzielle Auswirkungen block of one partner's Beschlussvorlage.

Every amount and VZÄ is a rollup value (``rollup.partner``, ``partner_summe``, ``jahr_summe``,
``gesamt``); the comparison with the strategy's Vorgaben comes from
:func:`digistrat.checks.vorgaben.vorgaben_vergleich`, the same function lint rule DS102 uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from digistrat.checks.vorgaben import vorgaben_vergleich
from digistrat.model.types import Partner


@dataclass
class Stelle:
    """A post of a partner: from partner.yaml (``steckbrief`` None) or from a Steckbrief's personal."""

    rolle: str | None
    vzae: Decimal
    von: int
    bis: int
    stelle: str  # neu | vorhanden
    entgeltgruppe: str | None = None
    steckbrief: object = None  # the Steckbrief, where the post belongs to one


@dataclass
class RessourcenJahr:
    jahr: int
    figures: object  # rollup Figures: aufwand, foerderung, eigenanteil, vzae, vzae_neu
    eigenes_budget: Decimal  # of aufwand: the partner's own budget entries
    eigene_vzae: Decimal  # of vzae: the partner's own posts
    vorgabe_budget: Decimal | None  # None: no Vorgabe for this year or the partner is ausgenommen
    vorgabe_vzae: Decimal | None
    budget_erfuellt: bool | None  # None where there is no Vorgabe
    vzae_erfuellt: bool | None


@dataclass
class RessourcenPartner:
    partner: Partner
    ausgenommen: bool  # listed in vorgaben.ausgenommen
    jahre: list[RessourcenJahr]
    summe: object  # rollup Figures over all years (vzae None)
    stellen: list[Stelle]

    @property
    def vorgaben_erfuellt(self) -> bool | None:
        checks = [c for j in self.jahre for c in (j.budget_erfuellt, j.vzae_erfuellt) if c is not None]
        return all(checks) if checks else None


def stellen(project, partner: Partner, *, nur_neu: bool = False) -> list[Stelle]:
    """The partner's posts: its own (partner.yaml), then those of Steckbriefe in Umsetzungsreihenfolge."""
    out = [
        Stelle(p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle, p.entgeltgruppe) for p in partner.personal
    ]
    for sb in project.steckbriefe:
        out.extend(
            Stelle(p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle, None, sb)
            for p in sb.personal
            if p.partner == partner.id
        )
    return [s for s in out if s.stelle == "neu"] if nur_neu else out


def ressourcen_kontext(g) -> dict:
    project, rollup = g.project, g.rollup
    vorgaben = project.strategie.vorgaben
    ausgenommen = set(vorgaben.ausgenommen) if vorgaben else set()
    vergleich = vorgaben_vergleich(project)  # the same comparison as lint rule DS102
    zeilen = []
    for partner in project.partner:
        frei = partner.id in ausgenommen
        jahre = []
        for jahr in rollup.jahre:
            v = vergleich[partner.id][jahr]
            jahre.append(
                RessourcenJahr(
                    jahr,
                    rollup.partner(partner.id, jahr),
                    v.eigenes_budget,
                    v.eigene_vzae,
                    v.soll_budget,
                    v.soll_vzae,
                    v.budget_erfuellt,
                    v.vzae_erfuellt,
                )
            )
        zeilen.append(
            RessourcenPartner(partner, frei, jahre, rollup.partner_summe(partner.id), stellen(project, partner))
        )
    return {
        "vorgaben": vorgaben,
        "ausgenommen": [p for p in project.partner if p.id in ausgenommen],
        "ressourcen": zeilen,
        "summe_jahre": [(jahr, rollup.jahr_summe(jahr)) for jahr in rollup.jahre],
        "gesamt": rollup.gesamt(),
    }


# --- Finanzielle Auswirkungen ------------------------------------------------------------------


@dataclass(frozen=True)
class Produkt:
    nummer: str | None
    name: str | None


@dataclass
class FinanzJahr:
    jahr: int | None  # None for the sum over all years
    ertrag: Decimal  # Ertrag/Einzahlungen zusätzlich/neu = Förderung
    ertrag_bewilligt: Decimal  # the part of ertrag that is granted (status bewilligt)
    aufwand: Decimal  # Aufwand/Auszahlungen zusätzlich/neu
    saldo: Decimal  # Ertrag − Aufwand (negative: the partner's own share)
    vzae_neu: Decimal | None  # Stellenmehrbedarf in VZÄ (None for the sum over years)


@dataclass
class FinanzBlock:
    partner: Partner
    auswirkungen: bool  # Finanzielle Auswirkungen ja/nein
    produkte: list[Produkt]  # from the partner's budget entries, in file order, without repeats
    jahre: list[FinanzJahr]
    summe: FinanzJahr
    foerderung_offen: bool  # some Ertrag is only planned or applied for, not granted
    stellenplan: bool  # Auswirkung auf Stellenplan ja/nein (any new post in any year)
    neue_stellen: list[Stelle]


def _finanzjahr(jahr: int | None, fig, bewilligt) -> FinanzJahr:
    return FinanzJahr(
        jahr, fig.foerderung, bewilligt.foerderung, fig.aufwand, fig.foerderung - fig.aufwand, fig.vzae_neu
    )


def finanz_block(project, rollup, partner: Partner, rollup_bewilligt=None) -> FinanzBlock:
    """``rollup_bewilligt``: the rollup with granted funding only (default: ``rollup`` itself)."""
    granted = rollup_bewilligt or rollup
    jahre = [_finanzjahr(j, rollup.partner(partner.id, j), granted.partner(partner.id, j)) for j in rollup.jahre]
    produkte = list(
        dict.fromkeys(Produkt(b.produkt, b.produkt_name) for b in partner.budget if b.produkt or b.produkt_name)
    )
    return FinanzBlock(
        partner=partner,
        auswirkungen=any(j.aufwand or j.ertrag for j in jahre),
        produkte=produkte,
        jahre=jahre,
        summe=_finanzjahr(None, rollup.partner_summe(partner.id), granted.partner_summe(partner.id)),
        foerderung_offen=any(j.ertrag != j.ertrag_bewilligt for j in jahre),
        stellenplan=any(j.vzae_neu for j in jahre),
        neue_stellen=stellen(project, partner, nur_neu=True),
    )


def finanzen_kontext(g, partner: Partner) -> dict:
    return {"partner": partner, "finanzen": finanz_block(g.project, g.rollup, partner, g.rollup_bewilligt)}
