"""``digistrat diff`` as a rich table, Markdown or JSON (German numbers in the first two)."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from digistrat.history.diff import Diff

FORMATE = ("table", "markdown", "json")
ARBEITSSTAND = "Arbeitsstand"


def titel(diff: Diff) -> str:
    return f"Änderungen von {diff.von} bis {diff.bis or ARBEITSSTAND}"


def wert_text(wert: str, value: Decimal, *, signed: bool = False) -> str:
    """An amount as ``12.000,00 €``, VZÄ as ``0,5 VZÄ``; ``signed`` puts ``+`` before a rise."""
    from digistrat.formatting import euro, vzae

    text = vzae(value) if wert.startswith("vzae") else euro(value)
    return f"+{text}" if signed and value > 0 else text


def _status(value: str) -> str:
    from digistrat.labels import bezeichnung

    return bezeichnung(value, "status")


# the figures of a partner-year (the keys of ``budget --format json``) as diff and bericht name them
WERT_NAMEN = {
    "aufwand": "Aufwand",
    "foerderung": "Förderung",
    "eigenanteil": "Eigenanteil",
    "vzae": "VZÄ",
    "vzae_neu": "VZÄ neu",
    "investiv": "davon investiv",
    "foerderung_investiv": "Förderung investiv",
    "ist": "Ist-Kosten",
}


def _wert_name(wert: str) -> str:
    return WERT_NAMEN[wert]


def budget_rows(diff: Diff) -> list[list[str]]:
    return [
        [
            b.partner_name,
            str(b.jahr),
            _wert_name(b.wert),
            wert_text(b.wert, b.vorher),
            wert_text(b.wert, b.nachher),
            wert_text(b.wert, b.differenz, signed=True),
        ]
        for b in diff.budget
    ]


BUDGET_KOPF = ["Partner", "Jahr", "Wert", "vorher", "nachher", "Differenz"]


def _liste(items: list[tuple[str, str]]) -> str:
    return "; ".join(f"{sid} {t}" for sid, t in items) if items else "keine"


def render_markdown(diff: Diff) -> str:
    from digistrat.render.markdown import md_cell, md_escape

    out = [f"# {titel(diff)}", ""]
    if diff.leer:
        return "\n".join([*out, "Keine Änderungen.", ""])
    out += ["## Steckbriefe", ""]
    out.append(f"- Neu: {md_escape(_liste(diff.neu))}")
    out.append(f"- Entfernt: {md_escape(_liste(diff.entfernt))}")
    out.append(f"- Status geändert: {len(diff.status) or 'keiner'}")
    if diff.status:
        out += ["", "| Steckbrief | vorher | nachher |", "|---|---|---|"]
        out += [f"| {md_cell(f'{s.id} {s.titel}')} | {_status(s.vorher)} | {_status(s.nachher)} |" for s in diff.status]
    out += ["", "## Budget", ""]
    if not diff.budget:
        out.append("Keine Änderung der Zahlen.")
    else:
        out += ["| " + " | ".join(BUDGET_KOPF) + " |", "|---|---|---|--:|--:|--:|"]
        out += ["| " + " | ".join([md_cell(row[0]), *row[1:]]) + " |" for row in budget_rows(diff)]
    return "\n".join(out) + "\n"


def render_table(diff: Diff, *, color: bool = False, width: int | None = None) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from digistrat.console_text import finish, text_console

    buf = io.StringIO()
    console = text_console(buf, width or 160, color)
    bold = "bold" if color else ""
    console.print(Text(titel(diff), style=bold), soft_wrap=True)
    if diff.leer:
        console.print("Keine Änderungen.")
    else:
        console.print(Text("\nSteckbriefe", style=bold))
        console.print(f"Neu: {_liste(diff.neu)}", soft_wrap=True)
        console.print(f"Entfernt: {_liste(diff.entfernt)}", soft_wrap=True)
        if diff.status:
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style=bold or None)
            for name in ("Steckbrief", "vorher", "nachher"):
                table.add_column(name)
            for s in diff.status:
                table.add_row(f"{s.id} {s.titel}", _status(s.vorher), _status(s.nachher))
            console.print(table)
        else:
            console.print("Status geändert: keiner")
        console.print(Text("\nBudget", style=bold))
        if diff.budget:
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style=bold or None)
            for i, name in enumerate(BUDGET_KOPF):
                table.add_column(name, justify="right" if i >= 3 else "left", no_wrap=i >= 3)
            for row in budget_rows(diff):
                table.add_row(*row)
            console.print(table)
        else:
            console.print("Keine Änderung der Zahlen.")
    return finish(buf, color)


def render_diff(diff: Diff, fmt: str, *, color: bool = False, width: int | None = None) -> str:
    if fmt == "json":
        return json.dumps(diff.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(diff)
    return render_table(diff, color=color, width=width)
