"""Contexts of the documents that are mostly figures: Ressourcen (annex 4) and the
Finanzielle Auswirkungen block of one partner's Beschlussvorlage.

Every amount and VZÄ is a rollup value (``rollup.partner``, ``partner_summe``, ``jahr_summe``,
``gesamt``) or a sum of rollup lines; nothing is recomputed from the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from digistrat.model.types import Partner

ZERO = Decimal("0.00")

# Lines of the rollup that are a partner's own resources (partner.yaml), as opposed to Steckbriefe:
# the Vorgaben of the strategy ("Mindestausstattung je Partner") are about these.
EIGENES_BUDGET = "budget"
EIGENE_STELLEN = "stelle"


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


def _eigene(rollup) -> dict[tuple[str, int], list[Decimal]]:
    """(partner, jahr) → [own budget, own VZÄ], summed in one pass over the rollup's lines."""
    out: dict[tuple[str, int], list[Decimal]] = {}
    for line in rollup.lines:
        if line.quelle in (EIGENES_BUDGET, EIGENE_STELLEN):
            cell = out.setdefault((line.partner, line.jahr), [ZERO, ZERO])
            cell[0] += line.aufwand
            cell[1] += line.vzae
    return out


def stellen(project, partner: Partner, *, nur_neu: bool = False) -> list[Stelle]:
    """The partner's posts: its own (partner.yaml), then those of Steckbriefe in Umsetzungsreihenfolge."""
    out = [Stelle(p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle, p.entgeltgruppe)
           for p in partner.personal]
    for sb in project.steckbriefe:
        out.extend(Stelle(p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle, None, sb)
                   for p in sb.personal if p.partner == partner.id)
    return [s for s in out if s.stelle == "neu"] if nur_neu else out


def ressourcen_kontext(g) -> dict:
    project, rollup = g.project, g.rollup
    vorgaben = project.strategie.vorgaben
    vorgabe_budget = {b.jahr: b.betrag for b in vorgaben.budget_je_partner} if vorgaben else {}
    ausgenommen = set(vorgaben.ausgenommen) if vorgaben else set()
    eigene = _eigene(rollup)
    zeilen = []
    for partner in project.partner:
        frei = partner.id in ausgenommen
        jahre = []
        for jahr in rollup.jahre:
            fig = rollup.partner(partner.id, jahr)
            budget, vzae = eigene.get((partner.id, jahr), (ZERO, ZERO))
            soll_budget = None if frei else vorgabe_budget.get(jahr)
            soll_vzae = None if frei or vorgaben is None else vorgaben.vzae_je_partner
            jahre.append(RessourcenJahr(
                jahr, fig, budget, vzae, soll_budget, soll_vzae,
                None if soll_budget is None else budget >= soll_budget,
                None if soll_vzae is None else vzae >= soll_vzae))
        zeilen.append(RessourcenPartner(partner, frei, jahre, rollup.partner_summe(partner.id),
                                        stellen(project, partner)))
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
    return FinanzJahr(jahr, fig.foerderung, bewilligt.foerderung, fig.aufwand, fig.foerderung - fig.aufwand,
                      fig.vzae_neu)


def finanz_block(project, rollup, partner: Partner, rollup_bewilligt=None) -> FinanzBlock:
    """``rollup_bewilligt``: the rollup with granted funding only (default: ``rollup`` itself)."""
    granted = rollup_bewilligt or rollup
    jahre = [_finanzjahr(j, rollup.partner(partner.id, j), granted.partner(partner.id, j)) for j in rollup.jahre]
    produkte = list(dict.fromkeys(Produkt(b.produkt, b.produkt_name) for b in partner.budget
                                  if b.produkt or b.produkt_name))
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
