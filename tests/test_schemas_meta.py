"""Meta tests for the JSON Schemas in schemas/.

Checks that every schema
- is a valid draft 2020-12 schema with the agreed $schema/$id,
- documents every property at every depth with a German title and description,
- closes every object shape with "additionalProperties": false,
- carries an "x-meldung" on every pattern, oneOf and not,
- is self-contained (only local "#/..." references),
- accepts its own "examples",
and runs a table of positive and negative instances per schema.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"
ARTEN = ["strategie", "partner", "agenda", "steckbrief", "foerderprogramme", "config"]

# Keywords whose values are data, not subschemas: never walk into them.
DATA_KEYWORDS = {"examples", "enum", "const", "default", "required", "x-meldung", "title", "description"}

# Whole English words that must not show up in a German title/description.
ENGLISH_WORDS = {"the", "and", "of", "is", "are", "with", "for", "must", "should", "this", "which", "or", "to"}


def load(art: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{art}.schema.json").read_text(encoding="utf-8"))


def walk(node, path=""):
    """Yield (json_pointer, schema_dict, inside_if) for every subschema."""
    yield from _walk(node, path, False)


def _walk(node, path, inside_if):
    if isinstance(node, dict):
        yield path, node, inside_if
        for key, value in node.items():
            if key in DATA_KEYWORDS:
                continue
            child_if = inside_if or key == "if"
            if key in ("properties", "$defs", "patternProperties", "dependentSchemas"):
                if isinstance(value, dict):
                    for name, sub in value.items():
                        yield from _walk(sub, f"{path}/{key}/{name}", child_if)
            elif isinstance(value, dict):
                yield from _walk(value, f"{path}/{key}", child_if)
            elif isinstance(value, list):
                for i, sub in enumerate(value):
                    if isinstance(sub, dict):
                        yield from _walk(sub, f"{path}/{key}/{i}", child_if)


def german_problem(text) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return "fehlt oder leer"
    words = set(re.findall(r"[A-Za-z]+", text.lower()))
    english = sorted(words & ENGLISH_WORDS)
    if english:
        return f"enthält englische Wörter {english}"
    return None


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("art", ARTEN)
def test_metaschema(art):
    Draft202012Validator.check_schema(load(art))


@pytest.mark.parametrize("art", ARTEN)
def test_header(art):
    schema = load(art)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://digistrat.de/schemas/v1/{art}.schema.json"
    assert german_problem(schema.get("title")) is None
    assert german_problem(schema.get("description")) is None
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("art", ARTEN)
def test_every_property_has_german_title_and_description(art):
    offenders = []
    for path, node, _ in walk(load(art)):
        for name, sub in node.get("properties", {}).items():
            for key in ("title", "description"):
                problem = german_problem(sub.get(key)) if isinstance(sub, dict) else "kein Objekt"
                if problem:
                    offenders.append(f"{path}/properties/{name}: {key} {problem}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("art", ARTEN)
def test_every_object_is_closed(art):
    # Conditions under "if" are predicates, not shapes: closing them would change their meaning.
    offenders = [
        path or "/"
        for path, node, inside_if in walk(load(art))
        if "properties" in node and not inside_if and node.get("additionalProperties") is not False
    ]
    assert not offenders, "additionalProperties fehlt oder ist nicht false:\n" + "\n".join(offenders)


@pytest.mark.parametrize("art", ARTEN)
def test_x_meldung_on_pattern_oneof_not(art):
    offenders = []
    for path, node, _ in walk(load(art)):
        for keyword in ("pattern", "oneOf", "not"):
            if keyword in node and german_problem(node.get("x-meldung")):
                offenders.append(f"{path or '/'}: {keyword} ohne x-meldung")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("art", ARTEN)
def test_refs_are_local_and_resolve(art):
    schema = load(art)
    offenders = []
    for path, node, _ in walk(schema):
        ref = node.get("$ref")
        if ref is None:
            continue
        if not ref.startswith("#/$defs/"):
            offenders.append(f"{path}: {ref}")
        elif ref.removeprefix("#/$defs/") not in schema.get("$defs", {}):
            offenders.append(f"{path}: {ref} (nicht definiert)")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("art", ARTEN)
def test_examples_are_valid(art):
    schema = load(art)
    offenders = []
    for path, node, _ in walk(schema):
        if "examples" not in node:
            continue
        sub = node if node is schema else {**node, "$defs": schema.get("$defs", {})}
        validator = Draft202012Validator(sub)
        for example in node["examples"]:
            for error in validator.iter_errors(example):
                offenders.append(f"{path or '/'}: {example!r}: {error.message}")
    assert not offenders, "\n".join(offenders)


def _enum_at(schema, *path):
    node = schema
    for key in path:
        node = node[key]
    return node["enum"]


def test_value_sets_match_format_v1():
    st = load("steckbrief")
    d = st["$defs"]
    assert _enum_at(st, "properties", "status") == [
        "idee",
        "geplant",
        "in-umsetzung",
        "abgeschlossen",
        "zurueckgestellt",
        "verworfen",
    ]
    assert _enum_at(st, "properties", "typ") == ["leitprojekt", "potenzialprojekt", "massnahme"]
    assert _enum_at(st, "properties", "prioritaet") == ["hoch", "mittel", "niedrig"]
    assert _enum_at(d, "kosten", "properties", "kategorie") == [
        "personalkosten",
        "sachkosten",
        "dienstleistungen",
        "investitionen",
        "lizenzen",
        "sonstige",
    ]
    assert _enum_at(d, "foerderung", "properties", "status") == ["geplant", "beantragt", "bewilligt", "abgelehnt"]
    assert _enum_at(d, "aufteilung", "properties", "schluessel") == ["gleich", "einwohner", "anteile"]
    assert _enum_at(d, "personal", "properties", "stelle") == ["vorhanden", "neu"]
    pa = load("partner")["$defs"]
    assert _enum_at(pa, "partner", "properties", "art") == [
        "kreis",
        "amt",
        "stadt",
        "gemeinde",
        "verband",
        "unternehmen",
        "sonstige",
    ]
    assert _enum_at(pa, "personal", "properties", "stelle") == ["vorhanden", "neu"]


# --------------------------------------------------------------------------- instances


def with_(base: dict, *edits):
    """Deep copy of base with edits applied; an edit is (path tuple, value) or (path tuple, DELETE)."""
    doc = copy.deepcopy(base)
    for path, value in edits:
        node = doc
        for key in path[:-1]:
            node = node[key]
        if value is DELETE:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return doc


DELETE = object()

STRATEGIE_MIN = {
    "titel": "Dithmarschen Digital",
    "federfuehrung": "kreis-dithmarschen",
    "laufzeit": {"von": 2023, "bis": 2026},
    "handlungsfelder": [{"id": "bildung", "titel": "Bildung"}],
}
STRATEGIE_FULL = {
    "titel": "Dithmarschen Digital",
    "untertitel": "Gemeinsame Digitalisierungsstrategie des Kreises mit den Ämtern und amtsfreien Städten",
    "region": "Kreis Dithmarschen",
    "federfuehrung": "kreis-dithmarschen",
    "laufzeit": {"von": 2023, "bis": 2026},
    "stand": "2022-08-15",
    "beschluss": {
        "gremium": "Kreistag",
        "datum": "2022-09-22",
        "drucksache": "2022/1218",
        "beratungsfolge": [
            {
                "gremium": "Hauptausschuss",
                "datum": "2022-09-06",
                "rolle": "Beschlussempfehlung an den Kreistag",
                "ergebnis": "ungeändert beschlossen",
            },
            {"gremium": "Kreistag", "datum": "2022-09-22", "rolle": "Abschließende Beschlussfassung"},
        ],
    },
    "vision": {"horizont": 2025, "leitsatz": "Vorreiter bei der Digitalisierung.", "ziele": ["a", "b"]},
    "werte": ["Gemeinschaft", "Nachhaltigkeit"],
    "handlungsfelder": [
        {
            "id": "bildung",
            "nummer": 1,
            "titel": "Bildung",
            "leitbild": "…",
            "ziel": "…",
            "ausgangslage": "…",
            "herausforderungen": ["x"],
            "chancen": ["y"],
        },
        {"id": "verwaltung", "nummer": 9, "titel": "Verwaltung"},
    ],
    "organisation": {
        "gremien": [
            {
                "id": "lenkungsgruppe",
                "name": "Lenkungsgruppe",
                "aufgabe": "Steuerung",
                "mitglieder": ["Landrat", "Amtsdirektoren"],
                "turnus": "vierteljährlich",
            },
        ]
    },
    "vorgaben": {
        "vzae_je_partner": 0.5,
        "budget_je_partner": [{"jahr": 2023, "betrag": 30000}],
        "ausgenommen": ["kreis-dithmarschen"],
    },
}

PARTNER_MIN = {"partner": [{"id": "kreis-dithmarschen", "name": "Kreis Dithmarschen", "art": "kreis"}]}
PARTNER_FULL = {
    "partner": [
        {
            "id": "kreis-dithmarschen",
            "name": "Kreis Dithmarschen",
            "kurzname": "Kreis",
            "art": "kreis",
            "ansprechperson": "Erika Muster",
            "einwohner": 135653,
            "einwohner_stand": "2023-12-31",
            "personal": [
                {
                    "rolle": "Digitalisierungsmanager*in",
                    "vzae": 1.0,
                    "ab": 2023,
                    "bis": 2026,
                    "stelle": "vorhanden",
                    "entgeltgruppe": "EG 11",
                }
            ],
            "budget": [
                {
                    "jahr": 2023,
                    "betrag": 30000,
                    "zweck": "Freies Digitalisierungsbudget",
                    "produkt": "11156",
                    "produkt_name": "Digitalisierung und Organisation",
                    "konto": "543100",
                },
                {"ab": 2024, "bis": 2026, "betrag": 30000},
                {"ab": 2024, "betrag": 100.5},
                {"bis": 2025, "betrag": 0},
                {"betrag": 1000},
            ],
        },
        {"id": "gemeinde-a", "name": "Gemeinde A", "art": "gemeinde", "amt": "amt-heider-umland"},
    ]
}


def _partner(**changes):
    return {"partner": [{**PARTNER_MIN["partner"][0], **changes}]}


AGENDA_MIN = {"projekte": []}
AGENDA_FULL = {
    "titel": "Digitale Agenda Dithmarschen",
    "stand": "2022-08-15",
    "einleitung": "…",
    "hinweise": "…",
    "projekte": ["DD-03", "DD-01", "DD-02", "1.3", "BI_2"],
}

STECKBRIEF_MIN = {
    "id": "DD-01",
    "titel": "Digitale Lernplattform",
    "handlungsfeld": "bildung",
    "status": "geplant",
    "kurzbeschreibung": "Eine Lernplattform.",
    "verantwortlich": "kreis-dithmarschen",
}
STECKBRIEF_FULL = {
    **STECKBRIEF_MIN,
    "typ": "leitprojekt",
    "prioritaet": "hoch",
    "bewertung": {"relevanz": 4, "realisierbarkeit": 3},
    "beschreibung": "**Markdown**",
    "ziele": ["a"],
    "zielgruppen": ["Schulen"],
    "beteiligte": ["stadt-heide"],
    "externe_beteiligte": ["Schulträger", "Medienzentrum"],
    "hauptaktivitaeten": [{"titel": "Bedarfsanalyse", "von": "2023-01", "bis": "2023-06-30"}, {"titel": "Start"}],
    "zeitraum": {"von": "2023-01", "bis": "2024-12"},
    "abhaengigkeiten": ["DD-03", "1.3"],
    "kosten": [
        {"jahr": 2023, "betrag": 12000, "kategorie": "sachkosten"},
        {"jahr": 2023, "betrag": 5000, "kategorie": "lizenzen", "traeger": "stadt-heide"},
        {
            "jahr": 2024,
            "betrag": 90000,
            "kategorie": "dienstleistungen",
            "aufteilung": {"schluessel": "einwohner", "partner": ["stadt-heide", "stadt-brunsbuettel"]},
        },
        {
            "jahr": 2025,
            "betrag": 100,
            "aufteilung": {"schluessel": "anteile", "anteile": {"stadt-heide": 60, "stadt-brunsbuettel": 40}},
        },
        {"jahr": 2026, "betrag": 10, "aufteilung": {"schluessel": "gleich"}},
    ],
    "personal": [
        {"partner": "stadt-heide", "vzae": 0.25, "ab": 2023, "bis": 2024, "stelle": "neu", "rolle": "Projektleitung"},
        {"partner": "kreis-dithmarschen", "vzae": 0.1},
    ],
    "foerderung": [
        {"programm": "digitale-modellkommunen-sh", "betrag": 50000, "status": "bewilligt"},
        {"programm": "smart-cities", "quote": 65, "status": "beantragt", "jahr": 2024, "notiz": "…"},
        {"programm": "Modellprojekte Smart Cities", "betrag": 0, "status": "abgelehnt"},
    ],
    "kennzahlen": [
        {"name": "Nutzende Schulen", "zielwert": 40, "einheit": "Schulen", "basiswert": 0},
        {"name": "Abdeckung", "zielwert": "flächendeckend"},
    ],
    "risiken": ["Akzeptanz"],
    "notizen": "intern",
    "links": [{"titel": "Projektseite", "url": "https://example.org"}, {"url": "https://example.org/b"}],
}


def _kosten(**changes):
    return with_(STECKBRIEF_MIN, (("kosten",), [{"jahr": 2024, "betrag": 1000, **changes}]))


def _foerderung(**fields):
    return with_(STECKBRIEF_MIN, (("foerderung",), [{"programm": "smart-cities", "status": "beantragt", **fields}]))


STECKBRIEF_V11 = with_(
    STECKBRIEF_MIN,
    (("zeitraum",), {"von": "2023-01", "bis": "2024-12"}),
    (
        ("sachstand",),
        [
            {"datum": "2024-03-31", "ampel": "gelb", "fortschritt": 40, "text": "Die Ausschreibung verzögert sich."},
            {"datum": "2023-12-31", "ampel": "gruen", "text": "Alles im Plan."},
        ],
    ),
    (
        ("meilensteine",),
        [
            {"titel": "Vergabe abgeschlossen", "faellig": "2024-06", "erreicht": "2024-07-15"},
            {"titel": "Plattform in Betrieb", "faellig": "2024-12-01"},
        ],
    ),
    (
        ("kennzahlen",),
        [
            {
                "name": "Nutzende Schulen",
                "zielwert": 40,
                "ist": [{"datum": "2024-06-30", "wert": 12}, {"datum": "2024-09", "wert": "k. A."}],
            }
        ],
    ),
    (
        ("ist_kosten",),
        [
            {"jahr": 2023, "betrag": 11500, "kategorie": "sachkosten"},
            {"jahr": 2024, "betrag": 20000, "aufteilung": {"schluessel": "einwohner", "partner": ["a", "b"]}},
        ],
    ),
)


def _sachstand(**changes):
    entry = {"datum": "2024-03-31", "ampel": "gelb", "fortschritt": 40, "text": "Verzug."}
    for key, value in changes.items():
        if value is DELETE:
            del entry[key]
        else:
            entry[key] = value
    return with_(STECKBRIEF_MIN, (("sachstand",), [entry]))


FOERDER_MIN = {"programme": [{"id": "smart-cities", "name": "Modellprojekte Smart Cities"}]}
FOERDER_FULL = {
    "programme": [
        {
            "id": "smart-cities",
            "name": "Modellprojekte Smart Cities",
            "foerdergeber": "Bund",
            "quote_max": 65,
            "laufzeit": {"von": 2022, "bis": 2026},
            "url": "https://www.smart-city-dialog.de",
            "notiz": "…",
        },
    ]
}

CONFIG_FULL = {
    "version": 1,
    "locale": "de_DE",
    "regeln": {
        "auswahl": ["regel-a", "X001"],
        "ignorieren": ["regel-b"],
        "schweregrad": {"regel-c": "fehler", "regel-d": "hinweis"},
        "optionen": {"regel-e": {"toleranz": 0.01, "liste": [1, 2]}},
        "dateien": [{"muster": "steckbriefe/alt/**/*.yaml", "ignorieren": ["regel-f"]}],
    },
    "stichtag": "2024-01-01",
    "render": {"vorlagen": "vorlagen", "ausgabe": "anlagen", "format": "pdf", "datum": "2024-02-01"},
    "budget": {"nur_bewilligt": True},
}

MSG_SLUG = "Kleinbuchstaben"
MSG_SBID = "Steckbrief-Kennungen"
MSG_DATE = "JJJJ-MM-TT"
MSG_MOD = "Monat (JJJJ-MM)"

# (art, case id, instance, expected failing keyword or None for valid, expected x-meldung fragment or None)
CASES = [
    # strategie
    ("strategie", "minimal", STRATEGIE_MIN, None, None),
    ("strategie", "vollstaendig", STRATEGIE_FULL, None, None),
    ("strategie", "ohne-laufzeit", with_(STRATEGIE_MIN, (("laufzeit",), DELETE)), "required", None),
    ("strategie", "laufzeit-ohne-bis", with_(STRATEGIE_MIN, (("laufzeit", "bis"), DELETE)), "required", None),
    ("strategie", "laufzeit-als-text", with_(STRATEGIE_MIN, (("laufzeit", "von"), "2023")), "type", None),
    ("strategie", "jahr-zu-frueh", with_(STRATEGIE_MIN, (("laufzeit", "von"), 1800)), "minimum", None),
    ("strategie", "keine-handlungsfelder", with_(STRATEGIE_MIN, (("handlungsfelder",), [])), "minItems", None),
    (
        "strategie",
        "handlungsfeld-id-gross",
        with_(STRATEGIE_MIN, (("handlungsfelder", 0, "id"), "Bildung")),
        "pattern",
        MSG_SLUG,
    ),
    (
        "strategie",
        "handlungsfeld-ohne-titel",
        with_(STRATEGIE_MIN, (("handlungsfelder", 0, "titel"), DELETE)),
        "required",
        None,
    ),
    (
        "strategie",
        "federfuehrung-mit-leerzeichen",
        with_(STRATEGIE_MIN, (("federfuehrung",), "Kreis Dithmarschen")),
        "pattern",
        MSG_SLUG,
    ),
    ("strategie", "stand-deutsch", with_(STRATEGIE_MIN, (("stand",), "22.09.2022")), "pattern", MSG_DATE),
    ("strategie", "stand-monat-13", with_(STRATEGIE_MIN, (("stand",), "2022-13-01")), "pattern", MSG_DATE),
    ("strategie", "tippfehler-oben", with_(STRATEGIE_MIN, (("handlungsfelde",), [])), "additionalProperties", None),
    (
        "strategie",
        "tippfehler-beschluss",
        with_(STRATEGIE_FULL, (("beschluss", "drucksachen"), "1")),
        "additionalProperties",
        None,
    ),
    (
        "strategie",
        "budgetvorgabe-ohne-jahr",
        with_(STRATEGIE_FULL, (("vorgaben", "budget_je_partner"), [{"betrag": 30000}])),
        "required",
        None,
    ),
    (
        "strategie",
        "gremium-ohne-name",
        with_(STRATEGIE_FULL, (("organisation", "gremien"), [{"id": "lg"}])),
        "required",
        None,
    ),
    ("strategie", "vzae-negativ", with_(STRATEGIE_FULL, (("vorgaben", "vzae_je_partner"), -0.5)), "minimum", None),
    # partner
    ("partner", "minimal", PARTNER_MIN, None, None),
    ("partner", "vollstaendig", PARTNER_FULL, None, None),
    ("partner", "leere-liste", {"partner": []}, "minItems", None),
    ("partner", "ohne-liste", {}, "required", None),
    ("partner", "ohne-art", {"partner": [{"id": "x", "name": "X"}]}, "required", None),
    ("partner", "art-unbekannt", _partner(art="landkreis"), "enum", None),
    ("partner", "id-gross", _partner(id="Stadt-Heide"), "pattern", MSG_SLUG),
    ("partner", "id-umlaut", _partner(id="büsum"), "pattern", MSG_SLUG),
    ("partner", "id-bindestrich-vorn", _partner(id="-heide"), "pattern", MSG_SLUG),
    ("partner", "einwohner-negativ", _partner(einwohner=-5), "minimum", None),
    ("partner", "einwohner-kommazahl", _partner(einwohner=12.5), "type", None),
    (
        "partner",
        "budget-jahr-und-ab",
        _partner(budget=[{"jahr": 2023, "ab": 2024, "betrag": 1}]),
        "not",
        "Entweder „jahr“ oder „ab“/„bis“",
    ),
    (
        "partner",
        "budget-jahr-und-bis",
        _partner(budget=[{"jahr": 2023, "bis": 2024, "betrag": 1}]),
        "not",
        "Entweder „jahr“ oder „ab“/„bis“",
    ),
    ("partner", "budget-ohne-betrag", _partner(budget=[{"jahr": 2023}]), "required", None),
    ("partner", "budget-betrag-negativ", _partner(budget=[{"jahr": 2023, "betrag": -1}]), "minimum", None),
    ("partner", "budget-betrag-text", _partner(budget=[{"jahr": 2023, "betrag": "30.000 €"}]), "type", None),
    ("partner", "produkt-als-zahl", _partner(budget=[{"jahr": 2023, "betrag": 1, "produkt": 11156}]), "type", None),
    ("partner", "personal-ohne-vzae", _partner(personal=[{"rolle": "DM"}]), "required", None),
    (
        "partner",
        "personal-stelle-unbekannt",
        _partner(personal=[{"rolle": "DM", "vzae": 0.5, "stelle": "alt"}]),
        "enum",
        None,
    ),
    ("partner", "einwohner-stand-falsch", _partner(einwohner_stand="2023-12"), "pattern", MSG_DATE),
    # agenda
    ("agenda", "minimal", AGENDA_MIN, None, None),
    ("agenda", "vollstaendig", AGENDA_FULL, None, None),
    ("agenda", "doppelte-erlaubt", {"projekte": ["DD-01", "DD-01"]}, None, None),
    ("agenda", "ohne-projekte", {"titel": "Agenda"}, "required", None),
    ("agenda", "id-als-zahl", {"projekte": [1.3]}, "type", MSG_SBID),
    ("agenda", "id-mit-leerzeichen", {"projekte": ["DD 01"]}, "pattern", MSG_SBID),
    ("agenda", "id-punkt-vorn", {"projekte": [".3"]}, "pattern", MSG_SBID),
    ("agenda", "tippfehler", {"projekte": [], "einleitun": "…"}, "additionalProperties", None),
    # steckbrief
    ("steckbrief", "minimal", STECKBRIEF_MIN, None, None),
    ("steckbrief", "vollstaendig", STECKBRIEF_FULL, None, None),
    (
        "steckbrief",
        "tippfehler-zielgrupen",
        with_(STECKBRIEF_MIN, (("zielgrupen",), ["Schulen"])),
        "additionalProperties",
        None,
    ),
    ("steckbrief", "ohne-kurzbeschreibung", with_(STECKBRIEF_MIN, (("kurzbeschreibung",), DELETE)), "required", None),
    ("steckbrief", "id-als-zahl", with_(STECKBRIEF_MIN, (("id",), 1.3)), "type", MSG_SBID),
    ("steckbrief", "status-unbekannt", with_(STECKBRIEF_MIN, (("status",), "in umsetzung")), "enum", None),
    ("steckbrief", "typ-umlaut", with_(STECKBRIEF_MIN, (("typ",), "maßnahme")), "enum", None),
    ("steckbrief", "verantwortlich-gross", with_(STECKBRIEF_MIN, (("verantwortlich",), "Kreis")), "pattern", MSG_SLUG),
    ("steckbrief", "beteiligte-gross", with_(STECKBRIEF_MIN, (("beteiligte",), ["Stadt-Heide"])), "pattern", MSG_SLUG),
    ("steckbrief", "bewertung-zu-hoch", with_(STECKBRIEF_MIN, (("bewertung",), {"relevanz": 6})), "maximum", None),
    ("steckbrief", "bewertung-null", with_(STECKBRIEF_MIN, (("bewertung",), {"realisierbarkeit": 0})), "minimum", None),
    ("steckbrief", "zeitraum-ohne-bis", with_(STECKBRIEF_MIN, (("zeitraum",), {"von": "2023-01"})), "required", None),
    (
        "steckbrief",
        "zeitraum-monat-einstellig",
        with_(STECKBRIEF_MIN, (("zeitraum",), {"von": "2023-1", "bis": "2024-12"})),
        "pattern",
        MSG_MOD,
    ),
    (
        "steckbrief",
        "aktivitaet-ohne-titel",
        with_(STECKBRIEF_MIN, (("hauptaktivitaeten",), [{"von": "2023-01"}])),
        "required",
        None,
    ),
    (
        "steckbrief",
        "abhaengigkeit-ungueltig",
        with_(STECKBRIEF_MIN, (("abhaengigkeiten",), ["DD/03"])),
        "pattern",
        MSG_SBID,
    ),
    ("steckbrief", "kosten-ohne-jahr", with_(STECKBRIEF_MIN, (("kosten",), [{"betrag": 1}])), "required", None),
    ("steckbrief", "kosten-kategorie-unbekannt", _kosten(kategorie="reisekosten"), "enum", None),
    (
        "steckbrief",
        "kosten-traeger-und-aufteilung",
        _kosten(traeger="stadt-heide", aufteilung={"schluessel": "gleich"}),
        "not",
        "Entweder „traeger“ oder „aufteilung“",
    ),
    (
        "steckbrief",
        "aufteilung-anteile-fehlen",
        _kosten(aufteilung={"schluessel": "anteile"}),
        "required",
        "Bei „schluessel: anteile“",
    ),
    ("steckbrief", "aufteilung-ohne-schluessel", _kosten(aufteilung={"partner": ["stadt-heide"]}), "required", None),
    ("steckbrief", "aufteilung-schluessel-unbekannt", _kosten(aufteilung={"schluessel": "flaeche"}), "enum", None),
    (
        "steckbrief",
        "aufteilung-partner-leer",
        _kosten(aufteilung={"schluessel": "gleich", "partner": []}),
        "minItems",
        None,
    ),
    (
        "steckbrief",
        "anteile-ueber-100",
        _kosten(aufteilung={"schluessel": "anteile", "anteile": {"stadt-heide": 120}}),
        "maximum",
        None,
    ),
    (
        "steckbrief",
        "anteile-schluessel-gross",
        _kosten(aufteilung={"schluessel": "anteile", "anteile": {"Stadt-Heide": 100}}),
        "pattern",
        MSG_SLUG,
    ),
    (
        "steckbrief",
        "foerderung-betrag-und-quote",
        _foerderung(betrag=1000, quote=50),
        "oneOf",
        "Genau eines von „betrag“ oder „quote“",
    ),
    (
        "steckbrief",
        "foerderung-weder-betrag-noch-quote",
        _foerderung(),
        "oneOf",
        "Genau eines von „betrag“ oder „quote“",
    ),
    ("steckbrief", "foerderung-quote-ueber-100", _foerderung(quote=120), "maximum", None),
    ("steckbrief", "foerderung-status-unbekannt", _foerderung(betrag=1, status="offen"), "enum", None),
    ("steckbrief", "personal-ohne-partner", with_(STECKBRIEF_MIN, (("personal",), [{"vzae": 0.5}])), "required", None),
    (
        "steckbrief",
        "personal-vzae-komma",
        with_(STECKBRIEF_MIN, (("personal",), [{"partner": "a", "vzae": "0,5"}])),
        "type",
        None,
    ),
    ("steckbrief", "kennzahl-ohne-name", with_(STECKBRIEF_MIN, (("kennzahlen",), [{"zielwert": 1}])), "required", None),
    (
        "steckbrief",
        "kennzahl-zielwert-liste",
        with_(STECKBRIEF_MIN, (("kennzahlen",), [{"name": "n", "zielwert": [1]}])),
        "type",
        None,
    ),
    ("steckbrief", "link-ohne-url", with_(STECKBRIEF_MIN, (("links",), [{"titel": "x"}])), "required", None),
    # steckbrief, format v1.1
    ("steckbrief", "v11-vollstaendig", STECKBRIEF_V11, None, None),
    ("steckbrief", "fortschritt-ueber-100", _sachstand(fortschritt=120), "maximum", None),
    ("steckbrief", "fortschritt-negativ", _sachstand(fortschritt=-1), "minimum", None),
    ("steckbrief", "fortschritt-kommazahl", _sachstand(fortschritt=40.5), "type", None),
    ("steckbrief", "ampel-unbekannt", _sachstand(ampel="blau"), "enum", None),
    ("steckbrief", "sachstand-ohne-text", _sachstand(text=DELETE), "required", None),
    ("steckbrief", "sachstand-datum-monat", _sachstand(datum="2024-03"), "pattern", MSG_DATE),
    ("steckbrief", "sachstand-tippfehler", _sachstand(fortschrit=10), "additionalProperties", None),
    (
        "steckbrief",
        "meilenstein-ohne-faellig",
        with_(STECKBRIEF_MIN, (("meilensteine",), [{"titel": "Vergabe"}])),
        "required",
        None,
    ),
    (
        "steckbrief",
        "meilenstein-faellig-deutsch",
        with_(STECKBRIEF_MIN, (("meilensteine",), [{"titel": "Vergabe", "faellig": "06.2024"}])),
        "pattern",
        MSG_MOD,
    ),
    (
        "steckbrief",
        "ist-kosten-traeger-und-aufteilung",
        with_(
            STECKBRIEF_MIN,
            (("ist_kosten",), [{"jahr": 2023, "betrag": 1, "traeger": "a", "aufteilung": {"schluessel": "gleich"}}]),
        ),
        "not",
        "Entweder „traeger“ oder „aufteilung“",
    ),
    (
        "steckbrief",
        "messwert-ohne-wert",
        with_(STECKBRIEF_MIN, (("kennzahlen",), [{"name": "n", "ist": [{"datum": "2024-06-30"}]}])),
        "required",
        None,
    ),
    # foerderprogramme
    ("foerderprogramme", "minimal", FOERDER_MIN, None, None),
    ("foerderprogramme", "vollstaendig", FOERDER_FULL, None, None),
    ("foerderprogramme", "leer", {"programme": []}, None, None),
    ("foerderprogramme", "ohne-liste", {}, "required", None),
    ("foerderprogramme", "ohne-name", {"programme": [{"id": "x"}]}, "required", None),
    ("foerderprogramme", "id-unterstrich", {"programme": [{"id": "smart_cities", "name": "S"}]}, "pattern", MSG_SLUG),
    ("foerderprogramme", "quote-zu-hoch", with_(FOERDER_FULL, (("programme", 0, "quote_max"), 101)), "maximum", None),
    (
        "foerderprogramme",
        "laufzeit-ohne-bis",
        with_(FOERDER_FULL, (("programme", 0, "laufzeit"), {"von": 2022})),
        "required",
        None,
    ),
    # config
    ("config", "leer", {}, None, None),
    ("config", "vollstaendig", CONFIG_FULL, None, None),
    ("config", "version-2", {"version": 2}, "const", None),
    ("config", "locale-frei", {"locale": "deutsch"}, "pattern", "de_DE"),
    ("config", "schweregrad-unbekannt", {"regeln": {"schweregrad": {"r": "kritisch"}}}, "enum", None),
    ("config", "optionen-kein-objekt", {"regeln": {"optionen": {"r": 3}}}, "type", None),
    ("config", "dateien-ohne-ignorieren", {"regeln": {"dateien": [{"muster": "*.yaml"}]}}, "required", None),
    ("config", "format-unbekannt", {"render": {"format": "docx"}}, "enum", None),
    ("config", "stichtag-falsch", {"stichtag": "morgen"}, "pattern", MSG_DATE),
    ("config", "nur-bewilligt-text", {"budget": {"nur_bewilligt": "ja"}}, "type", None),
    ("config", "tippfehler", {"regel": {}}, "additionalProperties", None),
    ("config", "tippfehler-render", {"render": {"vorlage": "x"}}, "additionalProperties", None),
]


@pytest.fixture(scope="module")
def validators():
    return {art: Draft202012Validator(load(art)) for art in ARTEN}


@pytest.mark.parametrize(
    "art,instance,expected,meldung",
    [pytest.param(a, i, e, m, id=f"{a}-{c}") for a, c, i, e, m in CASES],
)
def test_instances(validators, art, instance, expected, meldung):
    errors = list(validators[art].iter_errors(instance))
    if expected is None:
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
        return
    found = [e.validator for e in errors]
    matching = [e for e in errors if e.validator == expected]
    assert matching, f"erwartet {expected!r}, gefunden {found}"
    if meldung is not None:
        # The tool shows the "x-meldung" of the schema object whose keyword failed (error.schema).
        meldungen = [e.schema.get("x-meldung", "") for e in matching]
        assert any(meldung in m for m in meldungen), meldungen


def test_cases_cover_every_schema():
    assert {a for a, *_ in CASES} == set(ARTEN)
    for art in ARTEN:
        assert any(a == art and e is None for a, _, _, e, _ in CASES)
        assert any(a == art and e is not None for a, _, _, e, _ in CASES)


def test_jsonschema_rs_agrees():
    """The optional accelerator must accept the schemas and give the same verdicts."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    compiled = {art: jsonschema_rs.Draft202012Validator(load(art)) for art in ARTEN}
    disagreements = [
        f"{art}-{case}"
        for art, case, instance, expected, _ in CASES
        if compiled[art].is_valid(instance) != (expected is None)
    ]
    assert not disagreements, disagreements
