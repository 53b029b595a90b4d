"""Seeded generator of realistic digistrat projects for the benchmark.

    python benchmarks/generate.py --steckbriefe 1000 --seed 1 --out /tmp/korpus-1000

writes a complete project (strategie, partner, agenda, foerderprogramme, digistrat.yaml and
N Steckbriefe of about 60 lines of German text each) that ``digistrat validate`` finds clean
and that is meant to be lint-clean too: every cost, post and activity lies inside its
Steckbrief's ``zeitraum`` and the strategy's ``laufzeit``, funding stays below the costs and
the programmes' ``quote_max``, dependencies only point to Steckbriefe earlier in the agenda,
every partner meets the ``vorgaben``, titles are unique, statuses fit the dates.

Same seed and size → byte-identical files. The costs use every way of paying format v1
knows (the ``verantwortlich`` partner, ``traeger``, ``aufteilung`` by ``gleich``,
``einwohner`` with and without a partner list, and ``anteile``), so budget and render
benchmarks exercise every split.

Only the standard library is used: the generator must not depend on the code it measures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

LAUFZEIT = (2023, 2026)
KREIS_NAME = "Marschland"
# digistrat.yaml fixes the Stichtag, so that lint judges statuses the same on any day.
STICHTAG = "2026-06-30"
# Statuses that fit the dates at the Stichtag: "abgeschlossen" ends before it, "geplant" ends
# after it, "in-umsetzung" has begun.
LAST_CLOSED_YEAR = 2025

HANDLUNGSFELDER = [
    (
        "bildung",
        "Bildung",
        [
            "Digitale Lernplattform",
            "Medienentwicklungsplan",
            "Schul-IT-Support",
            "Lernwerkstatt Programmieren",
            "Onleihe für Schulbibliotheken",
            "Tablet-Ausleihe",
        ],
    ),
    (
        "buergerinnen",
        "Bürger*innen",
        [
            "Bürger-App",
            "Beteiligungsportal",
            "Digitale Sprechstunde",
            "Mängelmelder",
            "Terminvergabe online",
            "Digitallots*innen",
        ],
    ),
    (
        "gesundheit",
        "Gesundheit & Pflege",
        [
            "Telemedizin-Netz",
            "Pflegeplatzbörse",
            "Notfall-App",
            "Gemeindeschwester digital",
            "Videosprechstunde im Ärztehaus",
        ],
    ),
    (
        "jugend-familie",
        "Jugend & Familie",
        [
            "Kita-Platzvergabe online",
            "Familienportal",
            "Jugendbeteiligung digital",
            "Ferienpass-App",
            "Elterngeld-Lotse",
        ],
    ),
    (
        "mobilitaet",
        "Mobilität & Infrastruktur",
        [
            "On-Demand-Rufbus",
            "Mobilfunk-Lückenanalyse",
            "Glasfaser für Gewerbegebiete",
            "Ladesäulen-Kataster",
            "Mitfahrbänke digital",
        ],
    ),
    (
        "umwelt",
        "Natur & Umwelt",
        ["Digitales Baumkataster", "Umweltsensorik", "Pegelmessnetz", "Hochwasser-Frühwarnung", "Abfall-App"],
    ),
    (
        "kultur",
        "Sport, Freizeit & Kultur",
        ["Vereinsplattform", "Digitale Museumsangebote", "Hallenbelegung online", "Kulturkalender", "Bibliothek 24/7"],
    ),
    (
        "tourismus",
        "Tourismus",
        ["Digitale Gästekarte", "Besucherlenkung", "Radwege-App", "Strandampel", "Veranstaltungsdatenbank"],
    ),
    (
        "verwaltung",
        "Verwaltung",
        [
            "E-Akte",
            "Gemeinsame OZG-Umsetzung",
            "Digitaler Posteingang",
            "Ratsinformationssystem",
            "E-Rechnung",
            "Videokonferenzräume",
        ],
    ),
    (
        "wirtschaft",
        "Wirtschaft & Energie",
        [
            "Datenplattform Energieregion",
            "Gründungsportal",
            "Coworking-Netz",
            "Fachkräfteportal",
            "Smart Meter im Bauhof",
        ],
    ),
]
ZUSAETZE = [
    "Pilot",
    "Ausbau",
    "Betrieb",
    "Region Nord",
    "Region Süd",
    "Küste",
    "Geest",
    "Marsch",
    "für kleine Gemeinden",
    "im Verbund",
    "Stufe 2",
    "Stufe 3",
]

# (subject, plural?) and (singular, plural, separable particle): sentences that agree
SUBJEKTE = [
    ("Der Kreis", False),
    ("Die Ämter und Städte", True),
    ("Die Kooperationspartner", True),
    ("Die Projektgruppe", False),
    ("Die Digitalisierungsmanager*innen", True),
    ("Eine gemeinsame Arbeitsgruppe", False),
    ("Die Verwaltung", False),
]
VERBEN = [
    ("entwickelt", "entwickeln", ""),
    ("erprobt", "erproben", ""),
    ("beschafft", "beschaffen", "gemeinsam"),
    ("führt", "führen", "schrittweise ein"),
    ("betreibt", "betreiben", "gemeinsam"),
    ("bewertet", "bewerten", ""),
    ("baut", "bauen", "weiter aus"),
]
OBJEKTE = [
    "eine einheitliche Plattform",
    "digitale Angebote",
    "offene Schnittstellen",
    "einen Onlinedienst",
    "ein gemeinsames Datenangebot",
    "Schulungen für Mitarbeitende",
    "ein Betriebskonzept",
    "barrierefreie Zugänge",
]
ERGAENZUNGEN = [
    "für alle Bürger*innen im Kreisgebiet",
    "mit den Erfahrungen aus den Pilotgemeinden",
    "auf Grundlage der Bedarfsanalyse",
    "in enger Abstimmung mit den Fachämtern",
    "unter Beachtung des Datenschutzes",
    "im ländlichen Raum",
    "nach dem Prinzip „Einer für Alle“",
    "mit regelmäßiger Berichterstattung im Hauptausschuss",
]
ZIELE = [
    "Verwaltungsleistungen sind rund um die Uhr digital erreichbar.",
    "Die Bearbeitungszeit sinkt um ein Viertel.",
    "Alle Partner nutzen dieselbe Lösung.",
    "Die Zufriedenheit der Nutzer*innen wird jährlich gemessen.",
    "Doppelarbeit zwischen den Ämtern entfällt.",
    "Die Lösung ist barrierefrei nach BITV 2.0.",
    "Mindestens die Hälfte der Vorgänge läuft digital.",
    "Ehrenamtliche werden spürbar entlastet.",
]
ZIELGRUPPEN = [
    "Bürger*innen",
    "Unternehmen",
    "Vereine und Ehrenamt",
    "Schüler*innen",
    "Lehrkräfte",
    "Mitarbeitende der Verwaltung",
    "Gäste und Tourist*innen",
    "Seniorinnen und Senioren",
    "Familien",
]
EXTERNE = [
    "Kommunaler IT-Dienstleister",
    "Industrie- und Handelskammer",
    "Volkshochschule",
    "Kreishandwerkerschaft",
    "Tourismusverband",
    "Landesamt für Digitalisierung",
    "Hochschule Westküste",
    "Softwaredienstleister (nach Vergabe)",
]
AKTIVITAETEN = [
    "Bedarfsanalyse",
    "Fachkonzept und Beteiligung",
    "Vergabe",
    "Einführung in den Pilotämtern",
    "Schulung der Mitarbeitenden",
    "Rollout in allen Ämtern und Städten",
    "Evaluation",
]
ROLLEN = ["Projektleitung", "Fachliche Begleitung", "Technische Betreuung", "Redaktion", "Schulung"]
KENNZAHLEN = [
    ("Nutzende Verwaltungen", "Verwaltungen"),
    ("Digitale Anträge je Jahr", "Anträge"),
    ("Aktive Nutzer*innen", "Personen"),
    ("Geschulte Mitarbeitende", "Personen"),
    ("Angeschlossene Standorte", "Standorte"),
    ("Zufriedenheit", "%"),
]
RISIKEN = [
    "Verzögerungen bei der Vergabe.",
    "Fehlende Akzeptanz bei den Nutzer*innen.",
    "Abhängigkeit von einem einzelnen Anbieter.",
    "Personalengpässe in den kleinen Ämtern.",
    "Förderung wird nicht oder später bewilligt.",
    "Schnittstellen der Fachverfahren fehlen.",
]
KATEGORIEN = ["sachkosten", "dienstleistungen", "investitionen", "lizenzen", "personalkosten", "sonstige"]
ORT_VORN = ["Wester", "Oster", "Norder", "Süder", "Hohen", "Neu", "Alt", "Klein", "Groß", "Mittel", "Ober", "Nieder"]
ORT_HINTEN = ["marsch", "hude", "wöhrden", "stedt", "büttel", "deich", "koog", "horst", "au", "feld", "lohe", "moor"]

PROGRAMME = [
    ("smart-cities", "Modellprojekte Smart Cities", "Bund", 65),
    ("ozg-land", "OZG-Umsetzung – Förderung kommunaler Onlinedienste", "Land", 75),
    ("digitalpakt-schule", "DigitalPakt Schule", "Bund und Land", 90),
    ("leader-region", "LEADER – AktivRegion", "Europäische Union (ELER) über das Land", 55),
    ("ehrenamt-digital", "Förderung der Digitalisierung im Ehrenamt", "Land", 80),
    ("gigabit", "Gigabitförderung 2.0", "Bund und Land", 90),
    ("interkommunal", "Förderung interkommunaler Zusammenarbeit", "Land", 50),
    ("klimaschutz-digital", "Kommunalrichtlinie Klimaschutz – digitale Lösungen", "Bund", None),
]

_PLAIN_SAFE = re.compile(r"^[A-Za-zÄÖÜäöüß(][^:#\"'\n]*$")


def q(text: str, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain where that is unambiguous, else double-quoted."""
    risky = not _PLAIN_SAFE.match(text) or text.endswith(" ") or (flow and any(c in text for c in ",[]{}"))
    return json.dumps(text, ensure_ascii=False) if risky else text


def slug(text: str) -> str:
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def sentence(rng: random.Random) -> str:
    subjekt, plural = rng.choice(SUBJEKTE)
    singular, pl, particle = rng.choice(VERBEN)
    words = [subjekt, pl if plural else singular, rng.choice(OBJEKTE), rng.choice(ERGAENZUNGEN), particle]
    return " ".join(w for w in words if w) + "."


def block(lines: list[str], indent: int = 2) -> str:
    return "\n".join(" " * indent + line if line else "" for line in lines)


# ---------------------------------------------------------------- partners


def make_partners(rng: random.Random) -> list[dict]:
    count = rng.randint(10, 25)
    names: list[str] = []
    while len(names) < count - 1:
        name = rng.choice(ORT_VORN) + rng.choice(ORT_HINTEN)
        if name not in names:
            names.append(name)
    members = []
    for i, name in enumerate(names):
        art = "stadt" if i % 4 == 0 else "amt"
        members.append(
            {
                "id": f"{art}-{slug(name)}",
                "name": f"{'Stadt' if art == 'stadt' else 'Amt'} {name}",
                "kurzname": name,
                "art": art,
                "einwohner": rng.randint(6000, 30000),
            }
        )
    kreis = {
        "id": f"kreis-{slug(KREIS_NAME)}",
        "name": f"Kreis {KREIS_NAME}",
        "kurzname": "Kreis",
        "art": "kreis",
        # the members cover the whole Kreis; a little more for the population outside any member
        "einwohner": sum(m["einwohner"] for m in members) + rng.randint(0, 900),
    }
    return [kreis] + members


def partner_yaml(partners: list[dict]) -> str:
    von, bis = LAUFZEIT
    out = ["# Kooperationspartner (generiert für den Benchmark; Namen erfunden).", "partner:"]
    for i, p in enumerate(partners):
        vzae, stelle = ("1.0", "vorhanden") if p["art"] == "kreis" else ("0.5", "neu")
        produkt = f"{11100 + 10 * i}"
        out += [
            f"  - id: {p['id']}",
            f"    name: {q(p['name'])}",
            f"    kurzname: {q(p['kurzname'])}",
            f"    art: {p['art']}",
            f"    einwohner: {p['einwohner']}",
            "    einwohner_stand: 2023-12-31",
            f"    ansprechperson: Digitalisierungsmanagement {q(p['kurzname'])}",
            "    personal:",
            f"      - {{rolle: Digitalisierungsmanager*in, vzae: {vzae}, ab: {von}, bis: {bis}, stelle: {stelle}, "
            f"entgeltgruppe: EG 9c}}",
            "    budget:",
            f'      - {{jahr: {von}, betrag: 30000, zweck: Freies Digitalisierungsbudget, produkt: "{produkt}"}}',
            f"      - {{ab: {von + 1}, bis: {bis}, betrag: 30000, zweck: Freies Digitalisierungsbudget, "
            f'produkt: "{produkt}"}}',
            "",
        ]
    return "\n".join(out)


# ---------------------------------------------------------------- root files


def strategie_yaml(rng: random.Random, kreis_id: str, hf_count: int) -> str:
    von, bis = LAUFZEIT
    out = [
        f"# Digitalisierungsstrategie des Kreises {KREIS_NAME} (generiert für den Benchmark).",
        f"titel: {KREIS_NAME} Digital",
        f"untertitel: Gemeinsame Digitalisierungsstrategie des Kreises {KREIS_NAME} mit den Ämtern und Städten",
        f"region: Kreis {KREIS_NAME}",
        f"federfuehrung: {kreis_id}",
        f"laufzeit: {{von: {von}, bis: {bis}}}",
        "stand: 2022-08-15",
        'beschluss: {gremium: Kreistag, datum: 2022-09-22, drucksache: "2022/0815"}',
        "vision:",
        "  horizont: 2026",
        f"  leitsatz: Der Kreis {KREIS_NAME} ist 2026 eine digitale Modellregion im ländlichen Raum.",
        "  ziele:",
        f"    - {sentence(rng)}",
        f"    - {sentence(rng)}",
        "werte: [Gemeinschaft, Nachhaltigkeit, Teilhabe, Transparenz]",
        "handlungsfelder:",
    ]
    for n, (hid, titel, _) in enumerate(HANDLUNGSFELDER[:hf_count], start=1):
        out += [
            f"  - id: {hid}",
            f"    nummer: {n}",
            f"    titel: {q(titel)}",
            f"    ziel: {sentence(rng)}",
            "    ausgangslage: >-",
            block([sentence(rng), sentence(rng), sentence(rng)], 6),
            "    herausforderungen:",
            f"      - {sentence(rng)}",
            f"      - {sentence(rng)}",
            "    chancen:",
            f"      - {sentence(rng)}",
        ]
    out += [
        "organisation:",
        "  gremien:",
        "    - {id: lenkungsgruppe, name: Lenkungsgruppe, turnus: halbjährlich}",
        "    - id: projektgruppe",
        "      name: Projektgruppe",
        "      aufgabe: Operative Steuerung und Besprechung des Projektfortschritts",
        "      mitglieder: [Vertreter*innen aller Ämter und Städte, Stabsstelle Digitalisierung des Kreises]",
        "      turnus: alle 14 Tage",
        "vorgaben:",
        "  vzae_je_partner: 0.5",
        "  budget_je_partner:",
        f"    - {{jahr: {von}, betrag: 30000}}",
        f"  ausgenommen: [{kreis_id}]",
        "",
    ]
    return "\n".join(out)


def programme_yaml() -> str:
    out = ["# Förderprogramme (generiert für den Benchmark).", "programme:"]
    for pid, name, geber, quote_max in PROGRAMME:
        extra = f", quote_max: {quote_max}" if quote_max is not None else ""
        out.append(
            f"  - {{id: {pid}, name: {q(name, flow=True)}, foerdergeber: {q(geber, flow=True)}{extra}, "
            f"laufzeit: {{von: 2022, bis: 2027}}}}"
        )
    return "\n".join(out) + "\n"


def agenda_yaml(ids: list[str]) -> str:
    out = [
        f"titel: Digitale Agenda {KREIS_NAME}",
        "stand: 2022-08-15",
        "einleitung: >-",
        "  Die Digitale Agenda ordnet die Projekte der Strategie in die angestrebte",
        "  Umsetzungsreihenfolge; Grundlagenprojekte stehen vorn.",
        "projekte:",
    ]
    out += [f"  - {i}" for i in ids]
    return "\n".join(out) + "\n"


CONFIG_YAML = f"# Werkzeugeinstellungen\nversion: 1\nlocale: de_DE\nstichtag: {STICHTAG}\n"


# ---------------------------------------------------------------- Steckbriefe


def _months(y0: int, m0: int, y1: int, m1: int) -> int:
    return (y1 - y0) * 12 + (m1 - m0)


def _month_at(y0: int, m0: int, offset: int) -> tuple[int, int]:
    total = y0 * 12 + (m0 - 1) + offset
    return total // 12, total % 12 + 1


def _betrag(rng: random.Random) -> str:
    euros = rng.randrange(4, 240) * 500
    if rng.random() < 0.1:  # now and then an amount with cents, to keep the decimal paths honest
        return f"{euros + rng.randrange(1, 500)}.{rng.randrange(10, 100)}"
    return str(euros)


def steckbrief_yaml(
    rng: random.Random, sid: str, titel: str, hf: str, partners: list[dict], earlier: list[str], programme: list[tuple]
) -> str:
    von, bis = LAUFZEIT
    status = rng.choices(["idee", "geplant", "in-umsetzung", "abgeschlossen"], [1, 5, 4, 1])[0]
    y0 = rng.randint(von, LAST_CLOSED_YEAR if status == "abgeschlossen" else bis - 1)
    y1 = bis if status == "geplant" else rng.randint(y0, LAST_CLOSED_YEAR if status == "abgeschlossen" else bis)
    m0 = rng.randint(1, 9)
    lowest = 7 if status == "geplant" else 1
    m1 = rng.randint(max(lowest, m0 + 3) if y1 == y0 else lowest, 12)
    ids = [p["id"] for p in partners]
    verantwortlich = rng.choice(ids)
    beteiligte = rng.sample([i for i in ids if i != verantwortlich], rng.randint(2, 4))
    years = list(range(y0, y1 + 1))

    # activities: the zeitraum cut into consecutive pieces
    span = _months(y0, m0, y1, m1)
    cuts = sorted(rng.sample(range(1, span), min(3, span - 1))) if span > 1 else []
    bounds = [0] + cuts + [span]
    aktivitaeten = []
    for n, (a, b) in enumerate(itertools.pairwise(bounds)):
        ya, ma = _month_at(y0, m0, a if n == 0 else a + 1)  # starts the month after the previous one ends
        yb, mb = _month_at(y0, m0, b)
        aktivitaeten.append(
            f"  - {{titel: {q(AKTIVITAETEN[n % len(AKTIVITAETEN)], flow=True)}, "
            f"von: {ya}-{ma:02d}, bis: {yb}-{mb:02d}}}"
        )

    # costs: every way of paying, rotating so that each Steckbrief has four of the five
    skip = rng.randrange(5)
    kosten: list[str] = []
    year_costs: dict[int, Decimal] = {}
    for kind in range(5):
        if kind == skip:
            continue
        jahr = years[kind % len(years)]
        betrag = _betrag(rng)
        year_costs[jahr] = year_costs.get(jahr, Decimal(0)) + Decimal(betrag)
        kat = rng.choice(KATEGORIEN)
        if kind == 0:
            kosten.append(f"  - {{jahr: {jahr}, betrag: {betrag}, kategorie: {kat}}}")
        elif kind == 1:
            kosten.append(f"  - {{jahr: {jahr}, betrag: {betrag}, kategorie: {kat}, traeger: {beteiligte[0]}}}")
        else:
            kosten += [f"  - jahr: {jahr}", f"    betrag: {betrag}", f"    kategorie: {kat}", "    aufteilung:"]
            teil = [verantwortlich] + beteiligte
            if kind == 2:
                kosten += ["      schluessel: gleich", f"      partner: [{', '.join(teil)}]"]
            elif kind == 3:
                kosten.append("      schluessel: einwohner")
                if rng.random() < 0.7:  # otherwise: every partner in partner.yaml
                    kosten.append(f"      partner: [{', '.join(teil)}]")
            else:
                first = rng.randrange(20, 80, 5)
                kosten += [
                    "      schluessel: anteile",
                    f"      anteile: {{{verantwortlich}: {first}, {beteiligte[0]}: {100 - first}}}",
                ]

    personal = [
        f"  - {{partner: {verantwortlich}, vzae: {rng.choice(['0.25', '0.5', '1.0'])}, ab: {y0}, bis: {y1}, "
        f"stelle: neu, rolle: {rng.choice(ROLLEN)}}}"
    ]
    if rng.random() < 0.5:
        personal.append(f"  - {{partner: {beteiligte[1]}, vzae: 0.1, stelle: vorhanden, rolle: Fachliche Begleitung}}")

    foerderung: list[str] = []
    granted = "geplant" if status == "idee" else rng.choice(["bewilligt", "beantragt"])
    with_quote = [p for p in programme if p[3] is not None]
    if rng.random() < 0.6:
        prog = rng.choice(with_quote)
        foerderung.append(
            f"  - {{programm: {prog[0]}, quote: {min(prog[3], rng.choice([25, 40, 50]))}, status: {granted}}}"
        )
    if rng.random() < 0.4:
        jahr = max(year_costs)
        betrag = int(year_costs[jahr] * Decimal("0.3")) // 100 * 100  # 30 % of that year, whole hundreds
        if betrag:
            foerderung.append(
                f"  - {{programm: {rng.choice(programme)[0]}, betrag: {betrag}, jahr: {jahr}, "
                f"status: {granted}, notiz: Zuwendungsbescheid {sid}}}"
            )

    deps = (
        sorted(rng.sample(earlier[-50:], min(len(earlier), rng.randint(1, 2))))
        if earlier and rng.random() < 0.3
        else []
    )
    kennzahlen = rng.sample(KENNZAHLEN, 2)
    lines = [
        f"# Steckbrief {sid} (generiert für den Benchmark)",
        f"id: {sid}",
        f"titel: {q(titel)}",
        f"handlungsfeld: {hf}",
        f"status: {status}",
        f"typ: {rng.choice(['leitprojekt', 'potenzialprojekt', 'massnahme'])}",
        f"prioritaet: {rng.choice(['hoch', 'mittel', 'niedrig'])}",
        f"bewertung: {{relevanz: {rng.randint(1, 5)}, realisierbarkeit: {rng.randint(1, 5)}}}",
        f"kurzbeschreibung: {sentence(rng)}",
        "beschreibung: |",
        block([sentence(rng), sentence(rng), sentence(rng), "", sentence(rng), sentence(rng)]),
        "ziele:",
        *[f"  - {z}" for z in rng.sample(ZIELE, 3)],
        "zielgruppen:",
        *[f"  - {z}" for z in rng.sample(ZIELGRUPPEN, 2)],
        f"verantwortlich: {verantwortlich}",
        f"beteiligte: [{', '.join(beteiligte)}]",
        "externe_beteiligte:",
        *[f"  - {q(e)}" for e in rng.sample(EXTERNE, 2)],
        "hauptaktivitaeten:",
        *aktivitaeten,
        f"zeitraum: {{von: {y0}-{m0:02d}, bis: {y1}-{m1:02d}}}",
    ]
    if deps:
        lines.append(f"abhaengigkeiten: [{', '.join(deps)}]")
    lines += ["kosten:", *kosten, "personal:", *personal]
    if foerderung:
        lines += ["foerderung:", *foerderung]
    lines += [
        "kennzahlen:",
        *[
            f"  - {{name: {q(n, flow=True)}, zielwert: {rng.randint(5, 95)}, einheit: {q(e, flow=True)}}}"
            for n, e in kennzahlen
        ],
        "risiken:",
        *[f"  - {r}" for r in rng.sample(RISIKEN, 2)],
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- mistakes


# Mistakes coordinators really make, each turning a clean Steckbrief into one with a finding:
# (what, function text → text). Used with --errors to time the path with findings.
def _typo_key(text: str) -> str:
    return text.replace("\nzielgruppen:", "\nzielgrupen:", 1)


def _bad_status(text: str) -> str:
    return re.sub(r"\nstatus: \S+", "\nstatus: geplannt", text, count=1)


def _unknown_partner(text: str) -> str:
    return re.sub(r"\nverantwortlich: \S+", "\nverantwortlich: amt-unbekannt", text, count=1)


def _missing_required(text: str) -> str:
    return re.sub(r"\nkurzbeschreibung: [^\n]*", "", text, count=1)


def _unknown_dependency(text: str) -> str:
    return (
        text.replace("\nkosten:", "\nabhaengigkeiten: [SB-FEHLT]\nkosten:", 1)
        if "abhaengigkeiten" not in text
        else re.sub(r"\nabhaengigkeiten: \[", "\nabhaengigkeiten: [SB-FEHLT, ", text, count=1)
    )


def _duplicate_key(text: str) -> str:
    return text.replace("\nrisiken:", "\nprioritaet: hoch\nrisiken:", 1)


def _tab_indent(text: str) -> str:
    return text.replace("\nziele:\n  - ", "\nziele:\n\t- ", 1)


def _too_many_decimals(text: str) -> str:
    return re.sub(r"betrag: (\d+)([,}\n])", r"betrag: \1.125\2", text, count=1)


MISTAKES = [
    _typo_key,
    _bad_status,
    _unknown_partner,
    _missing_required,
    _unknown_dependency,
    _duplicate_key,
    _tab_indent,
    _too_many_decimals,
]


# ---------------------------------------------------------------- project


def generate(out: Path, steckbriefe: int, seed: int, errors: int = 0) -> Path:
    """Write the project into ``out`` (replacing it) and return ``out``.

    ``errors``: that many Steckbriefe (chosen by the seed) get one of :data:`MISTAKES` each.
    """
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "steckbriefe").mkdir(parents=True)
    partners = make_partners(rng)
    hf_count = max(1, min(len(HANDLUNGSFELDER), steckbriefe))
    width = max(4, len(str(steckbriefe)))
    ids = [f"SB-{n:0{width}d}" for n in range(1, steckbriefe + 1)]
    used_titles: set[str] = set()
    broken = dict(
        zip(
            random.Random(seed + 1).sample(range(steckbriefe), min(errors, steckbriefe)),
            [MISTAKES[k % len(MISTAKES)] for k in range(errors)],
        )
    )
    for n, sid in enumerate(ids):
        # the first Steckbriefe cover every Handlungsfeld once, the rest are drawn at random
        hid, _, themen = HANDLUNGSFELDER[n] if n < hf_count else rng.choice(HANDLUNGSFELDER[:hf_count])
        titel = f"{rng.choice(themen)} {rng.choice(partners)['kurzname']}"
        if titel in used_titles:
            titel = f"{titel} – {rng.choice(ZUSAETZE)}"
        base, k = titel, 2
        while titel in used_titles:
            titel, k = f"{base} ({k}. Los)", k + 1
        used_titles.add(titel)
        text = steckbrief_yaml(rng, sid, titel, hid, partners, ids[:n], PROGRAMME)
        if n in broken:
            text = broken[n](text)
        (out / "steckbriefe" / f"{sid}.yaml").write_text(text, encoding="utf-8")
    (out / "strategie.yaml").write_text(strategie_yaml(rng, partners[0]["id"], hf_count), encoding="utf-8")
    (out / "partner.yaml").write_text(partner_yaml(partners), encoding="utf-8")
    (out / "agenda.yaml").write_text(agenda_yaml(ids), encoding="utf-8")
    (out / "foerderprogramme.yaml").write_text(programme_yaml(), encoding="utf-8")
    (out / "digistrat.yaml").write_text(CONFIG_YAML, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a realistic digistrat project for benchmarks.")
    parser.add_argument("--steckbriefe", "-n", type=int, required=True, help="number of Steckbriefe")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="target folder (replaced if it exists)")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        help="number of Steckbriefe with a typical mistake each (default 0: a clean project)",
    )
    args = parser.parse_args(argv)
    if args.steckbriefe < 0 or args.errors < 0:
        parser.error("--steckbriefe and --errors must be >= 0")
    generate(args.out, args.steckbriefe, args.seed, args.errors)
    print(f"{args.steckbriefe} Steckbriefe → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
