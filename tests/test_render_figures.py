"""Figures in rendered documents: the finance block and Anlage 4 against the budget rollup.

A small project whose figures can be worked out by hand checks exact amounts; the Dithmarschen
example checks every cell of every partner's finance block against ``compute_rollup``.
"""

from __future__ import annotations

import re
import textwrap
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE

from digistrat.budget import compute_rollup
from digistrat.formatting import euro, zahl
from digistrat.render import render_document
from digistrat.validation import load_project

KLEIN = {
    "strategie.yaml": """
        titel: Kleinkreis Digital
        federfuehrung: kreis-a
        laufzeit: {von: 2024, bis: 2025}
        beschluss: {gremium: Kreistag, datum: 2023-11-30, drucksache: "2023/77"}
        handlungsfelder:
          - {id: verwaltung, titel: Verwaltung}
        organisation:
          gremien:
            - {id: lenkung, name: Lenkungsgruppe, aufgabe: Steuerung, mitglieder: [Landrat], turnus: halbjährlich}
        vorgaben:
          vzae_je_partner: 0.5
          budget_je_partner: [{jahr: 2024, betrag: 10000}]
          ausgenommen: [kreis-a]
        """,
    "partner.yaml": """
        partner:
          - id: kreis-a
            name: Kreis A
            art: kreis
            einwohner: 3000
            personal:
              - {rolle: Koordination, vzae: 1.0, stelle: vorhanden, entgeltgruppe: EG 12}
            budget:
              - {ab: 2024, bis: 2025, betrag: 20000, produkt: "11100", produkt_name: Digitalisierung}
          - id: amt-b
            name: Amt B
            art: amt
            einwohner: 1000
            personal:
              - {rolle: Digitalisierungsmanager*in, vzae: 0.5, stelle: neu, entgeltgruppe: EG 9c}
            budget:
              - {jahr: 2024, betrag: 10000, produkt: "111", produkt_name: IT}
              - {jahr: 2025, betrag: 8000, produkt: "112", produkt_name: Organisation}
          - id: stadt-c
            name: Stadt C
            art: stadt
            einwohner: 2000
            budget:
              - {jahr: 2024, betrag: 5000}
        """,
    "agenda.yaml": """
        titel: Agenda
        projekte: [S-1, S-2]
        """,
    "steckbriefe/S-1.yaml": """
        id: S-1
        titel: Gemeinsames Portal
        handlungsfeld: verwaltung
        status: in-umsetzung
        kurzbeschreibung: Ein Portal für alle.
        verantwortlich: kreis-a
        zeitraum: {von: 2024-01, bis: 2025-12}
        kosten:
          - jahr: 2024
            betrag: 9000
            kategorie: dienstleistungen
            aufteilung: {schluessel: einwohner, partner: [amt-b, stadt-c]}
          - jahr: 2025
            betrag: 1000
            kategorie: lizenzen
            aufteilung: {schluessel: gleich}
        foerderung:
          - {programm: Landesprogramm, quote: 50, jahr: 2024, status: bewilligt}
        personal:
          - {partner: stadt-c, vzae: 0.25, rolle: Projektleitung}
        """,
    "steckbriefe/S-2.yaml": """
        id: S-2
        titel: E-Akte
        handlungsfeld: verwaltung
        status: geplant
        kurzbeschreibung: Elektronische Akte.
        verantwortlich: amt-b
        kosten:
          - {jahr: 2025, betrag: 2000, kategorie: sachkosten}
        foerderung:
          - {programm: Bundesprogramm, betrag: 500, status: beantragt}
          - {programm: Stiftung, betrag: 100, status: abgelehnt}
        """,
}


def e(amount: str) -> str:
    """An amount as the documents print it: ``e("1.500,00")`` → ``1.500,00 €`` with a no-break space."""
    return f"{amount}\u00a0€"


def write_project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


@pytest.fixture
def klein(tmp_path) -> Path:
    return write_project(tmp_path / "klein", KLEIN)


class Tables(HTMLParser):
    """Every <table> of an HTML document as rows of cell texts (th and td alike)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.classes: list[str] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
            self.classes.append(dict(attrs).get("class") or "")
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            # collapse ASCII whitespace only: the no-break spaces of "30.000,00 €" are part of the figure
            self.tables[-1][-1].append(re.sub(r"[ \t\r\n]+", " ", "".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def by_class(self, name: str) -> list[list[list[str]]]:
        return [t for t, c in zip(self.tables, self.classes) if name in c.split()]


def plaene(html: str) -> list[tuple[dict[str, str], dict[str, str]]]:
    """Per finance block (one per Haushaltsjahr): (Ergebnisplan rows, Finanzplan rows), label → amount."""
    out = []
    for table in Tables(html).by_class("plaene"):
        assert table[0] == ["Ergebnisplan", "Euro", "Finanzplan", "Euro"]
        out.append(({r[0]: r[1] for r in table[1:]}, {r[2]: r[3] for r in table[1:]}))
    return out


def test_finance_block_small_project_exact_figures(klein):
    project = load_project(klein)
    html = render_document(project, "finanzen", "html", "amt-b")
    (erg24, fin24), (erg25, fin25) = plaene(html)  # one block per year of the laufzeit 2024–2025
    assert erg24 == {
        "Ertrag zusätzlich/neu": e("1.500,00"),
        "Aufwand zusätzlich/neu": e("13.000,00"),
        "Saldo": e("−11.500,00"),
    }
    assert fin24 == {
        "Einzahlungen zusätzlich/neu": e("1.500,00"),
        "Auszahlungen zusätzlich/neu": e("13.000,00"),
        "Saldo": e("−11.500,00"),
    }
    # 2025: own budget 8,000 + a third of 1,000 (the cent goes to Kreis A) + S-2's 2,000; S-2's funding is applied for
    assert erg25["Aufwand zusätzlich/neu"] == fin25["Auszahlungen zusätzlich/neu"] == e("10.333,33")
    assert erg25["Ertrag zusätzlich/neu"] == e("500,00")
    assert erg25["davon bewilligt"] == fin25["davon bewilligt"] == e("0,00")
    assert erg25["Saldo"] == e("−9.833,33")
    formular = Tables(html).by_class("formular")
    assert formular[0][0] == ["Finanzielle Auswirkungen", "☒ Ja ☐ Nein"]
    # not stated in partner.yaml: the boxes stay empty for the Kämmerei to fill in
    assert formular[0][1] == ["Im Haushaltsplan berücksichtigt", "☐ Ja ☐ Nein"]
    assert formular[0][2] == ["Freiwillige Aufgabe/Maßnahme", "☐ Ja ☐ Nein"]
    # without vorlage.produkt: the products of the partner's budget entries
    assert formular[1] == [
        ["Produkt-Nr.", "111"],
        ["Produkt-Name", "IT"],
        ["Produkt-Nr.", "112"],
        ["Produkt-Name", "Organisation"],
    ]
    assert formular[2][0] == ["Auswirkung auf Stellenplan", "☒ Ja ☐ Nein"]
    assert formular[2][1] == ["Stellenmehrbedarf", "0,5\u00a0VK, EG 9c – Digitalisierungsmanager*in"]
    assert "Kleinkreis Digital" in html and "digistrat" not in html


def test_finance_block_form_fields_from_partner_vorlage(klein):
    partner = (klein / "partner.yaml").read_text(encoding="utf-8")
    partner = partner.replace(
        "    name: Amt B\n",
        "    name: Amt B\n    ansprechperson: Digitalisierungsmanagerin des Amtes\n"
        "    vorlage:\n"
        '      drucksache: "AB/2023/12"\n'
        "      federfuehrung: Fachbereich Zentrale Dienste\n"
        '      produkt: "11110"\n'
        "      produkt_name: Zentrale Dienste\n"
        "      freiwillige_aufgabe: true\n"
        "      haushalt_beruecksichtigt: [2024]\n"
        "      saldo_finanzierung: Allgemeine Deckungsmittel\n",
    )
    (klein / "partner.yaml").write_text(partner, encoding="utf-8")
    project = load_project(klein)
    html = render_document(project, "finanzen", "html", "amt-b", jahr=2025)
    assert len(plaene(html)) == 1  # --jahr: the block of that Haushaltsjahr only
    formular = Tables(html).by_class("formular")
    assert formular[0][1] == ["Im Haushaltsplan berücksichtigt", "☐ Ja ☒ Nein"]
    assert formular[0][2] == ["Freiwillige Aufgabe/Maßnahme", "☒ Ja ☐ Nein"]
    assert formular[1] == [["Produkt-Nr.", "11110"], ["Produkt-Name", "Zentrale Dienste"]]
    assert "Amt B · Beschlussvorlage Drucksache AB/2023/12" in html
    assert "Federführend: Fachbereich Zentrale Dienste · Ansprechperson: Digitalisierungsmanagerin des Amtes" in html
    assert "<p>Allgemeine Deckungsmittel</p>" in html
    assert "Haushaltsjahr 2025" in html and "Haushaltsjahr 2024" not in html
    block_2024 = Tables(render_document(project, "finanzen", "html", "amt-b", jahr=2024)).by_class("formular")
    assert block_2024[0][1] == ["Im Haushaltsplan berücksichtigt", "☒ Ja Haushaltsplanung 2024 ☐ Nein"]


def test_finance_block_without_new_posts_and_without_products(klein):
    project = load_project(klein)
    kreis = Tables(render_document(project, "finanzen", "html", "kreis-a")).by_class("formular")
    assert kreis[2][0] == ["Auswirkung auf Stellenplan", "☐ Ja ☒ Nein"]
    assert kreis[2][1] == ["Stellenmehrbedarf", "keiner"]
    stadt_html = render_document(project, "finanzen", "html", "stadt-c")
    (erg24, _), (erg25, fin25) = plaene(stadt_html)
    assert erg24["Aufwand zusätzlich/neu"] == e("11.000,00")
    assert erg25["Aufwand zusätzlich/neu"] == fin25["Auszahlungen zusätzlich/neu"] == e("333,33")
    assert erg24["Saldo"] == e("−8.000,00")
    stadt = Tables(stadt_html).by_class("formular")
    assert stadt[1] == [["Produkt-Nr.", ""], ["Produkt-Name", ""]]  # lines to fill in
    # a new post from a Steckbrief counts as Stellenmehrbedarf, named with its Steckbrief
    assert stadt[2][1] == ["Stellenmehrbedarf", "0,25\u00a0VK, EG ___ – Projektleitung (Steckbrief S-1)"]


def test_finance_block_nur_bewilligt_drops_requested_funding(klein):
    project = load_project(klein)
    (erg24, _), (erg25, fin25) = plaene(render_document(project, "finanzen", "html", "amt-b", nur_bewilligt=True))
    assert erg24["Ertrag zusätzlich/neu"] == e("1.500,00")
    assert erg25["Ertrag zusätzlich/neu"] == fin25["Einzahlungen zusätzlich/neu"] == e("0,00")
    assert erg25["Saldo"] == e("−10.333,33")
    assert "davon bewilligt" not in erg25


def test_finance_block_markdown_matches_html(klein):
    project = load_project(klein)
    md = render_document(project, "finanzen", "md", "amt-b", jahr=2024)
    assert "| Aufwand zusätzlich/neu | 13.000,00\u00a0€ | Auszahlungen zusätzlich/neu | 13.000,00\u00a0€ |" in md
    assert "| **Saldo** | **−11.500,00\u00a0€** | **Saldo** | **−11.500,00\u00a0€** |" in md
    assert "| **Stellenmehrbedarf** | 0,5\u00a0VK, EG 9c – Digitalisierungsmanager\\*in |" in md
    assert "# Finanzielle Auswirkungen – Haushaltsjahr 2024" in md and "2025" not in md.split("Haushaltsjahr")[1][:10]


@pytest.mark.parametrize("pid", ["kreis-dithmarschen", "amt-buesum-wesselburen", "stadt-heide", "amt-klg-eider"])
def test_example_finance_block_equals_rollup_cell_by_cell(pid):
    """Format v1.1 rule 7: Ergebnisplan without investitionen, Finanzplan with them."""
    project = load_project(EXAMPLE)
    rollup = compute_rollup(project)
    bloecke = plaene(render_document(project, "finanzen", "html", pid))
    assert len(bloecke) == len(rollup.jahre)
    for (erg, fin), jahr in zip(bloecke, rollup.jahre):
        f = rollup.partner(pid, jahr)
        investiv = getattr(f, "investiv", Decimal(0))
        foerderung_investiv = getattr(f, "foerderung_investiv", Decimal(0))
        assert fin["Einzahlungen zusätzlich/neu"] == euro(f.foerderung)
        assert fin["Auszahlungen zusätzlich/neu"] == euro(f.aufwand)
        assert fin["Saldo"] == euro(-f.eigenanteil).replace("-", "−")
        assert erg["Ertrag zusätzlich/neu"] == euro(f.foerderung - foerderung_investiv)
        assert erg["Aufwand zusätzlich/neu"] == euro(f.aufwand - investiv)


def test_example_finance_block_posts_follow_rollup():
    project = load_project(EXAMPLE)
    rollup = compute_rollup(project)
    for partner in project.partner:
        html = render_document(project, "finanzen", "html", partner.id)
        for formular, jahr in zip(
            [t for t in Tables(html).by_class("formular") if t[0][0] == "Auswirkung auf Stellenplan"], rollup.jahre
        ):
            neu = rollup.partner(partner.id, jahr).vzae_neu
            listed = formular[1][1]
            if neu:
                assert formular[0] == ["Auswirkung auf Stellenplan", "☒ Ja ☐ Nein"], (partner.id, jahr)
                vks = [Decimal(x.replace(",", ".")) for x in re.findall(r"([0-9,]+)\u00a0VK", listed)]
                assert sum(vks) == neu, (partner.id, jahr)
            else:
                assert formular[0] == ["Auswirkung auf Stellenplan", "☐ Ja ☒ Nein"], (partner.id, jahr)
                assert listed == "keiner"


def test_ressourcen_figures_equal_rollup(klein):
    project = load_project(klein)
    rollup = compute_rollup(project)
    tables = Tables(render_document(project, "ressourcen", "html"))
    gesamt = next(t for t in tables.tables if t[0][:2] == ["Jahr", "VZÄ"] and len(t[0]) == 6)
    for row, jahr in zip(gesamt[1:], rollup.jahre):
        f = rollup.jahr_summe(jahr)
        assert row == [
            str(jahr),
            zahl(f.vzae),
            zahl(f.vzae_neu),
            euro(f.aufwand),
            euro(f.foerderung),
            euro(f.eigenanteil),
        ]
    assert gesamt[-1] == ["Summe", "", "", e("75.000,00"), e("5.000,00"), e("70.000,00")]
    vorgaben = tables.by_class("vorgaben")[0]
    assert vorgaben[1] == ["Kreis A", "ausgenommen", "ausgenommen"]
    # Amt B: own post 0.5 VZÄ meets the Vorgabe; own budget 10,000 meets the 2024 Vorgabe
    assert vorgaben[2] == [
        "Amt B",
        "0,5\u00a0VZÄ ✓Vorgabe erfüllt 10.000,00\u00a0€ ✓Vorgabe erfüllt",
        "0,5\u00a0VZÄ ✓Vorgabe erfüllt 8.000,00\u00a0€",
    ]
    # Stadt C: no own post, 5,000 own budget: both Vorgaben missed
    assert vorgaben[3] == [
        "Stadt C",
        "0\u00a0VZÄ ✗Vorgabe nicht erfüllt 5.000,00\u00a0€ ✗Vorgabe nicht erfüllt",
        "0\u00a0VZÄ ✗Vorgabe nicht erfüllt 0,00\u00a0€",
    ]


def test_agenda_cost_table_shows_who_pays(klein):
    project = load_project(klein)
    html = render_document(project, "agenda", "html")
    kosten = Tables(html).by_class("kosten")[0]
    assert kosten[1] == [
        "2024",
        "Dienstleistungen",
        e("9.000,00"),
        "aufgeteilt nach Einwohnern: Amt B: 3.000,00\u00a0€ Stadt C: 6.000,00\u00a0€",
    ]
    assert kosten[2] == [
        "2025",
        "Lizenzen",
        e("1.000,00"),
        "aufgeteilt zu gleichen Teilen: Kreis A: 333,34\u00a0€ Amt B: 333,33\u00a0€ Stadt C: 333,33\u00a0€",
    ]
    assert kosten[-1] == ["Kosten gesamt", e("10.000,00"), ""]
    assert "2024: 4.500,00\u00a0€, davon" in html
    assert "nicht eingerechnet (abgelehnt)" in html
    uebersicht = Tables(html).by_class("uebersicht")[0]
    assert uebersicht[0][0] == "Steckbrief"  # one numbering: the Steckbrief id, no second "Nr."
    assert uebersicht[1] == [
        "S-1 Gemeinsames Portal",
        "Verwaltung Kreis A",
        "01/2024–12/2025",
        e("10.000,00"),
        "In Umsetzung",
    ]
    assert uebersicht[-1] == ["Summe aller Steckbriefe", e("12.000,00"), ""]
    assert Decimal("12000") == sum((sb.kosten_gesamt for sb in project.steckbriefe), Decimal(0))


def test_finance_block_shows_how_much_of_the_ertrag_is_granted():
    """Brunsbüttel's 2026 Ertrag is planned Gigabit funding (DD-22): the council must see it is not granted."""
    project = load_project(EXAMPLE)
    granted = compute_rollup(project, nur_bewilligt=True)
    pid = "stadt-brunsbuettel"
    html = render_document(project, "finanzen", "html", pid, jahr=2026)
    ((_erg, fin),) = plaene(html)
    assert fin["davon bewilligt"] == euro(granted.partner(pid, 2026).foerderung) == e("0,00")
    assert fin["Einzahlungen zusätzlich/neu"] == e("120.000,00")
    assert "bewilligt ist der Betrag „davon bewilligt“" in html
    # with granted funding only, the extra row would repeat the Ertrag row: it is left out
    ((only_granted, _),) = plaene(render_document(project, "finanzen", "html", pid, nur_bewilligt=True, jahr=2026))
    assert "davon bewilligt" not in only_granted


@pytest.mark.parametrize(
    ("stand", "beschluss", "entwurf"),
    [
        ("2023-10-01", True, True),  # the paper for the Kreistag of 30.11.2023
        ("2023-11-30", True, False),
        ("2024-06-30", True, False),
        ("2023-10-01", False, True),  # nothing decided yet
        (None, False, True),
    ],
)
def test_undecided_documents_say_entwurf(klein, stand, beschluss, entwurf):
    strategie = (klein / "strategie.yaml").read_text(encoding="utf-8")
    if not beschluss:
        strategie = strategie.replace('beschluss: {gremium: Kreistag, datum: 2023-11-30, drucksache: "2023/77"}\n', "")
    if stand:
        strategie += f"stand: {stand}\n"
    (klein / "strategie.yaml").write_text(strategie, encoding="utf-8")
    project = load_project(klein)
    for schluessel, partner in (("strategie", None), ("agenda", None), ("finanzen", "amt-b")):
        html = render_document(project, schluessel, "html", partner)
        kopf = html.split('<header class="kopf">')[1].split("</header>")[0]
        assert ("<strong>Entwurf</strong>" in kopf) is entwurf, (schluessel, kopf)
        assert ("Entwurf" in html.split("<style>")[1].split("</style>")[0]) is entwurf  # the printed header
    md = render_document(project, "strategie", "md")
    assert ("**Entwurf" in md) is entwurf
