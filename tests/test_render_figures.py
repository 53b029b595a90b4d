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


def finance_rows(html: str) -> dict[str, list[str]]:
    """The Ergebnisplan table of a finance block: first cell → the other cells."""
    (table,) = Tables(html).by_class("finanzen")
    return {row[0]: row[1:] for row in table}


def test_finance_block_small_project_exact_figures(klein):
    project = load_project(klein)
    html = render_document(project, "finanzen", "html", "amt-b")
    rows = finance_rows(html)
    assert rows["Euro"] == ["2024", "2025", "Summe"]
    assert rows["Ertrag/Einzahlungen zusätzlich/neu Förderung"] == [e("1.500,00"), e("500,00"), e("2.000,00")]
    # own budget 10,000 + a third of 9,000 by Einwohner; 8,000 + a third of 1,000 (cent to Kreis A) + S-2
    assert rows["Aufwand/Auszahlungen zusätzlich/neu"] == [e("13.000,00"), e("10.333,33"), e("23.333,33")]
    assert rows["Saldo"] == [e("-11.500,00"), e("-9.833,33"), e("-21.333,33")]
    tables = Tables(html)
    produkte = next(t for t in tables.tables if t and t[0] == ["Produkt-Nr.", "Produkt-Name"])
    assert produkte[1:] == [["111", "IT"], ["112", "Organisation"]]
    formular = tables.by_class("formular")
    assert formular[0][0] == ["Finanzielle Auswirkungen", "☒ Ja ☐ Nein"]
    assert formular[1][0] == ["Auswirkung auf Stellenplan", "☒ Ja ☐ Nein"]
    assert formular[1][1] == ["Stellenmehrbedarf", "2024: 0,5\u00a0VK; 2025: 0,5\u00a0VK"]
    assert "EG 9c" in html


def test_finance_block_without_new_posts_and_without_products(klein):
    project = load_project(klein)
    kreis = Tables(render_document(project, "finanzen", "html", "kreis-a"))
    assert kreis.by_class("formular")[1][0] == ["Auswirkung auf Stellenplan", "☐ Ja ☒ Nein"]
    assert kreis.by_class("formular")[1][1] == ["Stellenmehrbedarf", "keiner"]
    stadt_html = render_document(project, "finanzen", "html", "stadt-c")
    rows = finance_rows(stadt_html)
    assert rows["Aufwand/Auszahlungen zusätzlich/neu"] == [e("11.000,00"), e("333,33"), e("11.333,33")]
    assert rows["Saldo"] == [e("-8.000,00"), e("-333,33"), e("-8.333,33")]
    # a new post from a Steckbrief counts as Stellenmehrbedarf
    stadt = Tables(stadt_html)
    assert stadt.by_class("formular")[1][1] == ["Stellenmehrbedarf", "2024: 0,25\u00a0VK; 2025: 0,25\u00a0VK"]
    assert "S-1 Gemeinsames Portal" in stadt_html


def test_finance_block_nur_bewilligt_drops_requested_funding(klein):
    project = load_project(klein)
    rows = finance_rows(render_document(project, "finanzen", "html", "amt-b", nur_bewilligt=True))
    assert rows["Ertrag/Einzahlungen zusätzlich/neu Förderung"] == [e("1.500,00"), e("0,00"), e("1.500,00")]
    assert rows["Saldo"] == [e("-11.500,00"), e("-10.333,33"), e("-21.833,33")]


def test_finance_block_markdown_matches_html(klein):
    project = load_project(klein)
    md = render_document(project, "finanzen", "md", "amt-b")
    assert "| Aufwand/Auszahlungen zusätzlich/neu | 13.000,00\u00a0€ | 10.333,33\u00a0€ | 23.333,33\u00a0€ |" in md
    assert "| **Saldo** | **-11.500,00\u00a0€** | **-9.833,33\u00a0€** | **-21.333,33\u00a0€** |" in md
    assert "| **Stellenmehrbedarf** | 2024: 0,5\u00a0VK; 2025: 0,5\u00a0VK |" in md


@pytest.mark.parametrize("pid", ["kreis-dithmarschen", "amt-buesum-wesselburen", "stadt-heide", "amt-klg-eider"])
def test_example_finance_block_equals_rollup_cell_by_cell(pid):
    project = load_project(EXAMPLE)
    rollup = compute_rollup(project)
    rows = finance_rows(render_document(project, "finanzen", "html", pid))
    jahre = rollup.jahre
    assert rows["Euro"] == [str(j) for j in jahre] + ["Summe"]
    figs = [rollup.partner(pid, j) for j in jahre]
    total = rollup.partner_summe(pid)
    assert rows["Ertrag/Einzahlungen zusätzlich/neu Förderung"] == (
        [euro(f.foerderung) for f in figs] + [euro(total.foerderung)]
    )
    assert rows["Aufwand/Auszahlungen zusätzlich/neu"] == [euro(f.aufwand) for f in figs] + [euro(total.aufwand)]
    assert rows["Saldo"] == [euro(-f.eigenanteil) for f in figs] + [euro(-total.eigenanteil)]


def test_example_finance_block_posts_follow_rollup():
    project = load_project(EXAMPLE)
    rollup = compute_rollup(project)
    for partner in project.partner:
        formular = Tables(render_document(project, "finanzen", "html", partner.id)).by_class("formular")
        neu = [rollup.partner(partner.id, j).vzae_neu for j in rollup.jahre]
        expected = "; ".join(f"{j}: {zahl(v)}\u00a0VK" for j, v in zip(rollup.jahre, neu))
        if any(neu):
            assert formular[1][0] == ["Auswirkung auf Stellenplan", "☒ Ja ☐ Nein"], partner.id
            assert formular[1][1] == ["Stellenmehrbedarf", expected], partner.id
        else:
            assert formular[1][0] == ["Auswirkung auf Stellenplan", "☐ Ja ☒ Nein"], partner.id


def test_ressourcen_figures_equal_rollup(klein):
    project = load_project(klein)
    rollup = compute_rollup(project)
    tables = Tables(render_document(project, "ressourcen", "html"))
    gesamt = next(t for t in tables.tables if t[0][:2] == ["Jahr", "VZÄ"] and len(t[0]) == 6)
    for row, jahr in zip(gesamt[1:], rollup.jahre):
        f = rollup.jahr_summe(jahr)
        assert row == [
            str(jahr),
            zahl(f.vzae, places=2),
            zahl(f.vzae_neu, places=2),
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
    assert uebersicht[1] == [
        "1",
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
    html = render_document(project, "finanzen", "html", pid)
    rows = finance_rows(html)
    assert rows["davon bewilligt"] == (
        [euro(granted.partner(pid, j).foerderung) for j in granted.jahre]
        + [euro(granted.partner_summe(pid).foerderung)]
    )
    assert rows["davon bewilligt"][3] == e("0,00")
    assert rows["Ertrag/Einzahlungen zusätzlich/neu Förderung"][3] == e("120.000,00")
    assert "bewilligt ist davon nur der Betrag in der Zeile „davon bewilligt“" in html
    # with granted funding only, the extra row would repeat the Ertrag row: it is left out
    only_granted = finance_rows(render_document(project, "finanzen", "html", pid, nur_bewilligt=True))
    assert "davon bewilligt" not in only_granted
