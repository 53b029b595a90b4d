"""Validated plain data → model objects, resolving the defaults format v1 fixes.

Only called on data that passed schema validation, so required keys exist and types are right.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from digistrat.model import execution
from digistrat.model.types import (
    Agenda,
    Aktivitaet,
    Aufteilung,
    Beratung,
    Beschluss,
    BetragJahr,
    Config,
    Foerderung,
    Gremium,
    Handlungsfeld,
    Jahresspanne,
    Kennzahl,
    Kosten,
    Partner,
    PartnerBudget,
    PartnerPost,
    Periode,
    Personal,
    Programm,
    Ref,
    Steckbrief,
    Strategie,
    Vision,
    Vorgaben,
    Zeitpunkt,
)
from digistrat.model.vorlage import Vorlage


def dec(value: Any) -> Decimal:
    """Exact decimal of a YAML number: ``12000.5`` → ``Decimal('12000.5')`` (never via binary float)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("boolean is not a number")
    if isinstance(value, int):
        return Decimal(value)
    # repr() of a float is the shortest text that reads back to it, i.e. what the file said
    return Decimal(repr(float(value)))


def _opt_dec(value: Any) -> Decimal | None:
    return None if value is None else dec(value)


def _years(ab: int | None, bis: int | None, default: range) -> range:
    start = ab if ab is not None else default.start
    end = bis if bis is not None else default.stop - 1
    return range(start, end + 1)


def build_strategie(data: dict, file: str) -> Strategie:
    ref = Ref(file)
    lz = data["laufzeit"]
    b = data.get("beschluss")
    beschluss = None
    if b:
        beschluss = Beschluss(
            gremium=b.get("gremium"),
            datum=b.get("datum"),
            drucksache=b.get("drucksache"),
            beratungsfolge=[
                Beratung(x.get("gremium", ""), x.get("datum"), x.get("rolle"), x.get("ergebnis"))
                for x in b.get("beratungsfolge", [])
            ],
        )
    v = data.get("vision")
    vision = Vision(v.get("horizont"), v.get("leitsatz"), list(v.get("ziele", []))) if v else None
    hf = [
        Handlungsfeld(
            id=h["id"],
            titel=h["titel"],
            nummer=h.get("nummer"),
            ziel=h.get("ziel"),
            leitbild=h.get("leitbild"),
            ausgangslage=h.get("ausgangslage"),
            herausforderungen=list(h.get("herausforderungen", [])),
            chancen=list(h.get("chancen", [])),
            ref=ref.child("handlungsfelder", i),
        )
        for i, h in enumerate(data["handlungsfelder"])
    ]
    gremien = [
        Gremium(
            id=g["id"],
            name=g["name"],
            aufgabe=g.get("aufgabe"),
            mitglieder=list(g.get("mitglieder", [])),
            turnus=g.get("turnus"),
            ref=ref.child("organisation", "gremien", i),
        )
        for i, g in enumerate((data.get("organisation") or {}).get("gremien", []))
    ]
    vg = data.get("vorgaben")
    vorgaben = None
    if vg is not None:
        vorgaben = Vorgaben(
            vzae_je_partner=_opt_dec(vg.get("vzae_je_partner")),
            budget_je_partner=[
                BetragJahr(x["jahr"], dec(x["betrag"]), ref.child("vorgaben", "budget_je_partner", i))
                for i, x in enumerate(vg.get("budget_je_partner", []))
            ],
            ausgenommen=list(vg.get("ausgenommen", [])),
            ref=ref.child("vorgaben"),
        )
    return Strategie(
        titel=data["titel"],
        federfuehrung=data["federfuehrung"],
        laufzeit=Jahresspanne(lz["von"], lz["bis"]),
        untertitel=data.get("untertitel"),
        region=data.get("region"),
        stand=data.get("stand"),
        beschluss=beschluss,
        vision=vision,
        werte=list(data.get("werte", [])),
        handlungsfelder=hf,
        gremien=gremien,
        vorgaben=vorgaben,
        ref=ref,
    )


def build_partner(data: dict, file: str, laufzeit: Jahresspanne) -> list[Partner]:
    default = laufzeit.jahre
    out = []
    for i, p in enumerate(data["partner"]):
        ref = Ref(file, ("partner", i))
        posts = [
            PartnerPost(
                rolle=x["rolle"],
                vzae=dec(x["vzae"]),
                ab=x.get("ab"),
                bis=x.get("bis"),
                jahre=_years(x.get("ab"), x.get("bis"), default),
                stelle=x.get("stelle", "vorhanden"),
                entgeltgruppe=x.get("entgeltgruppe"),
                ref=ref.child("personal", j),
            )
            for j, x in enumerate(p.get("personal", []))
        ]
        budgets = []
        for j, x in enumerate(p.get("budget", [])):
            if x.get("jahr") is not None:
                jahre = range(x["jahr"], x["jahr"] + 1)
            else:
                jahre = _years(x.get("ab"), x.get("bis"), default)
            budgets.append(
                PartnerBudget(
                    betrag=dec(x["betrag"]),
                    jahre=jahre,
                    jahr=x.get("jahr"),
                    ab=x.get("ab"),
                    bis=x.get("bis"),
                    zweck=x.get("zweck"),
                    produkt=x.get("produkt"),
                    produkt_name=x.get("produkt_name"),
                    konto=x.get("konto"),
                    ref=ref.child("budget", j),
                )
            )
        out.append(
            Partner(
                id=p["id"],
                name=p["name"],
                art=p["art"],
                kurzname=p.get("kurzname"),
                einwohner=p.get("einwohner"),
                einwohner_stand=p.get("einwohner_stand"),
                amt=p.get("amt"),
                ansprechperson=p.get("ansprechperson"),
                vorlage=Vorlage.from_data(p.get("vorlage")),
                personal=posts,
                budget=budgets,
                ref=ref,
            )
        )
    return out


def _zp(value: Any) -> Zeitpunkt | None:
    return None if value is None else Zeitpunkt.parse(value)


def build_kosten(entries: list, ref: Ref, key: str) -> list[Kosten]:
    """``kosten`` or (format v1.1) ``ist_kosten`` entries; ``key`` is the list's key in the file."""
    out: list[Kosten] = []
    for i, k in enumerate(entries):
        a = k.get("aufteilung")
        aufteilung = None
        if a is not None:
            aufteilung = Aufteilung(
                schluessel=a["schluessel"],
                partner=list(a["partner"]) if a.get("partner") is not None else None,
                anteile={pid: dec(v) for pid, v in (a.get("anteile") or {}).items()},
                ref=ref.child(key, i, "aufteilung"),
            )
        out.append(
            Kosten(
                jahr=k["jahr"],
                betrag=dec(k["betrag"]),
                kategorie=k.get("kategorie", "sonstige"),
                traeger=k.get("traeger"),
                aufteilung=aufteilung,
                beschreibung=k.get("beschreibung"),
                ref=ref.child(key, i),
            )
        )
    return out


def _foerderung(data: dict, ref: Ref) -> list[Foerderung]:
    return [
        Foerderung(
            programm=x["programm"],
            status=x["status"],
            betrag=_opt_dec(x.get("betrag")),
            quote=_opt_dec(x.get("quote")),
            jahr=x.get("jahr"),
            notiz=x.get("notiz"),
            ref=ref.child("foerderung", i),
        )
        for i, x in enumerate(data.get("foerderung", []))
    ]


def build_steckbrief(data: dict, file: str, laufzeit: Jahresspanne) -> Steckbrief:
    ref = Ref(file)
    zr = data.get("zeitraum")
    zeitraum = Periode(Zeitpunkt.parse(zr["von"]), Zeitpunkt.parse(zr["bis"])) if zr else None
    default_years = zeitraum.jahre if zeitraum else laufzeit.jahre
    bew = data.get("bewertung") or {}
    kosten = build_kosten(data.get("kosten", []), ref, "kosten")
    personal = [
        Personal(
            partner=x["partner"],
            vzae=dec(x["vzae"]),
            ab=x.get("ab"),
            bis=x.get("bis"),
            jahre=_years(x.get("ab"), x.get("bis"), default_years),
            stelle=x.get("stelle", "neu"),
            rolle=x.get("rolle"),
            entgeltgruppe=x.get("entgeltgruppe"),
            ref=ref.child("personal", i),
        )
        for i, x in enumerate(data.get("personal", []))
    ]
    foerderung = _foerderung(data, ref)
    aktivitaeten = [
        Aktivitaet(
            titel=x["titel"],
            von=_zp(x.get("von")),
            bis=_zp(x.get("bis")),
            beschreibung=x.get("beschreibung"),
            ref=ref.child("hauptaktivitaeten", i),
        )
        for i, x in enumerate(data.get("hauptaktivitaeten", []))
    ]
    kennzahlen = [
        Kennzahl(
            name=x["name"],
            zielwert=x.get("zielwert"),
            einheit=x.get("einheit"),
            basiswert=x.get("basiswert"),
            ist=execution.build_messwerte(x.get("ist", []), ref.child("kennzahlen", i, "ist"), dec),
            ref=ref.child("kennzahlen", i),
        )
        for i, x in enumerate(data.get("kennzahlen", []))
    ]
    return Steckbrief(
        id=data["id"],
        titel=data["titel"],
        handlungsfeld=data["handlungsfeld"],
        status=data["status"],
        kurzbeschreibung=data["kurzbeschreibung"],
        verantwortlich=data["verantwortlich"],
        typ=data.get("typ"),
        prioritaet=data.get("prioritaet"),
        relevanz=bew.get("relevanz"),
        realisierbarkeit=bew.get("realisierbarkeit"),
        beschreibung=data.get("beschreibung"),
        ziele=list(data.get("ziele", [])),
        zielgruppen=list(data.get("zielgruppen", [])),
        beteiligte=list(data.get("beteiligte", [])),
        externe_beteiligte=list(data.get("externe_beteiligte", [])),
        hauptaktivitaeten=aktivitaeten,
        zeitraum=zeitraum,
        abhaengigkeiten=list(data.get("abhaengigkeiten", [])),
        kosten=kosten,
        personal=personal,
        foerderung=foerderung,
        kennzahlen=kennzahlen,
        risiken=list(data.get("risiken", [])),
        notizen=data.get("notizen"),
        links=list(data.get("links", [])),
        sachstand=execution.build_sachstand(data.get("sachstand", []), ref.child("sachstand")),
        meilensteine=execution.build_meilensteine(data.get("meilensteine", []), ref.child("meilensteine")),
        ist_kosten=build_kosten(data.get("ist_kosten", []), ref, "ist_kosten"),
        ref=ref,
    )


def build_agenda(data: dict, file: str) -> Agenda:
    return Agenda(
        titel=data.get("titel"),
        projekte=list(data["projekte"]),
        stand=data.get("stand"),
        einleitung=data.get("einleitung"),
        hinweise=data.get("hinweise"),
        ref=Ref(file),
    )


def build_programme(data: dict, file: str) -> list[Programm]:
    out = []
    for i, p in enumerate(data.get("programme", [])):
        lz = p.get("laufzeit")
        out.append(
            Programm(
                id=p["id"],
                name=p["name"],
                foerdergeber=p.get("foerdergeber"),
                quote_max=_opt_dec(p.get("quote_max")),
                laufzeit=Jahresspanne(lz["von"], lz["bis"]) if lz else None,
                url=p.get("url"),
                notiz=p.get("notiz"),
                ref=Ref(file, ("programme", i)),
            )
        )
    return out


def build_config(data: dict | None, file: str) -> Config:
    if not data:
        return Config()
    return Config(
        locale=data.get("locale", "de_DE"),
        regeln=dict(data.get("regeln") or {}),
        stichtag=data.get("stichtag"),
        render=dict(data.get("render") or {}),
        budget=dict(data.get("budget") or {}),
        ref=Ref(file),
    )
