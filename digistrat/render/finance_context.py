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
    return _stellen_je_partner(project, [partner], nur_neu=nur_neu)[partner.id]


def _stellen_je_partner(project, partner: list[Partner], *, nur_neu: bool = False) -> dict[str, list[Stelle]]:
    """:func:`stellen` of several partners in one pass over the Steckbriefe."""
    out = {
        pt.id: [
            Stelle(p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle, p.entgeltgruppe) for p in pt.personal
        ]
        for pt in partner
    }
    for sb in project.steckbriefe:
        for p in sb.personal:
            if p.partner in out:
                out[p.partner].append(
                    Stelle(p.rolle, p.vzae, p.jahre.start, p.jahre.stop - 1, p.stelle, p.entgeltgruppe, sb)
                )
    if nur_neu:
        return {pid: [s for s in posts if s.stelle == "neu"] for pid, posts in out.items()}
    return out


def ressourcen_kontext(g) -> dict:
    project, rollup = g.project, g.rollup
    vorgaben = project.strategie.vorgaben
    ausgenommen = set(vorgaben.ausgenommen) if vorgaben else set()
    vergleich = vorgaben_vergleich(project)  # the same comparison as lint rule DS102
    zeilen = []
    posten = _stellen_je_partner(project, project.partner)
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
        zeilen.append(RessourcenPartner(partner, frei, jahre, rollup.partner_summe(partner.id), posten[partner.id]))
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
class Plan:
    """One column of the form: Ergebnisplan (Ertrag, Aufwand) or Finanzplan (Einzahlungen, Auszahlungen)."""

    ein: Decimal  # Ertrag / Einzahlungen zusätzlich/neu
    ein_bewilligt: Decimal  # the part of ``ein`` that is granted funding
    aus: Decimal  # Aufwand / Auszahlungen zusätzlich/neu

    @property
    def saldo(self) -> Decimal:
        return self.ein - self.aus


@dataclass
class FinanzBlock:
    """The form "Finanzielle Auswirkungen" of one partner for one Haushaltsjahr (format v1.1 rule 7)."""

    partner: Partner
    jahr: int
    auswirkungen: bool  # Finanzielle Auswirkungen ja/nein
    im_haushalt: bool | None  # Im Haushaltsplan berücksichtigt; None: not stated in partner.yaml
    freiwillig: bool | None  # Freiwillige Aufgabe/Maßnahme; None: not stated
    produkte: list[Produkt]  # vorlage.produkt, else the partner's budget entries, without repeats
    ergebnisplan: Plan  # Ertrag = foerderung − foerderung_investiv, Aufwand = aufwand − investiv
    finanzplan: Plan  # Einzahlungen = foerderung, Auszahlungen = aufwand
    foerderung_offen: bool  # some of the funding is only planned or applied for, not granted
    saldo_finanzierung: str | None  # "Ein negativer Saldo wird finanziert durch …"
    stellenplan: bool  # Auswirkung auf Stellenplan: a new post in this year
    stellen: list[Stelle]  # the new posts active in this year (Stellenmehrbedarf)


def _produkte(partner: Partner) -> list[Produkt]:
    v = partner.vorlage
    if v.produkt or v.produkt_name:
        return [Produkt(v.produkt, v.produkt_name)]
    return list(
        dict.fromkeys(Produkt(b.produkt, b.produkt_name) for b in partner.budget if b.produkt or b.produkt_name)
    )


def finanz_block(
    project, rollup, partner: Partner, jahr: int, rollup_bewilligt=None, neue_stellen: list[Stelle] | None = None
) -> FinanzBlock:
    """``rollup_bewilligt``: the rollup with granted funding only (default: ``rollup`` itself);
    ``neue_stellen``: the partner's new posts of every year, ``stellen(…, nur_neu=True)`` (default:
    looked up here; a caller with several years passes them, one pass over the Steckbriefe)."""
    fig = rollup.partner(partner.id, jahr)
    granted = (rollup_bewilligt or rollup).partner(partner.id, jahr)
    # format v1.1 rule 7, from the one budget engine
    investiv, foerderung_investiv = fig.investiv, fig.foerderung_investiv
    granted_investiv = granted.foerderung_investiv
    if neue_stellen is None:
        neue_stellen = stellen(project, partner, nur_neu=True)
    neue = [s for s in neue_stellen if s.von <= jahr <= s.bis]
    return FinanzBlock(
        partner=partner,
        jahr=jahr,
        auswirkungen=bool(fig.aufwand or fig.foerderung or neue),
        im_haushalt=partner.vorlage.im_haushalt(jahr),
        freiwillig=partner.vorlage.freiwillige_aufgabe,
        produkte=_produkte(partner),
        ergebnisplan=Plan(
            fig.foerderung - foerderung_investiv, granted.foerderung - granted_investiv, fig.aufwand - investiv
        ),
        finanzplan=Plan(fig.foerderung, granted.foerderung, fig.aufwand),
        foerderung_offen=fig.foerderung != granted.foerderung,
        saldo_finanzierung=partner.vorlage.saldo_finanzierung,
        stellenplan=bool(neue),
        stellen=neue,
    )


def finanzen_kontext(g, partner: Partner) -> dict:
    """One block per Haushaltsjahr: the year of ``--jahr``, else every year of the laufzeit."""
    jahre = [g.jahr] if getattr(g, "jahr", None) else list(g.rollup.jahre)
    neue = stellen(g.project, partner, nur_neu=True)
    bloecke = [finanz_block(g.project, g.rollup, partner, j, g.rollup_bewilligt, neue) for j in jahre]
    return {"partner": partner, "bloecke": bloecke}
