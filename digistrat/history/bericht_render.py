"""The Sachstandsbericht as Markdown, HTML, PDF or JSON (templates ``bericht.md.j2``/``bericht.html.j2``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from digistrat.history.bericht import KUERZLICH_MONATE, Bericht, months_before

FORMATE = ("md", "html", "pdf", "json")


@dataclass
class Aenderungen:
    """The ``diff`` since ``--seit`` prepared for the templates: a sentence and table rows."""

    satz: str
    neu: list
    entfernt: list
    status: list
    budget: list[list[str]]


def _anzahl(n: int, eins: str, viele: str, keins: str) -> str:
    return keins if n == 0 else (f"ein{eins}" if n == 1 else f"{n} {viele}")


def aenderungen_text(diff) -> Aenderungen:
    from digistrat.formatting import euro
    from digistrat.history.diff_formats import budget_rows

    aufwand = sum((b.differenz for b in diff.budget if b.wert == "aufwand"), Decimal("0.00"))
    ist = sum((b.differenz for b in diff.budget if b.wert == "ist"), Decimal("0.00"))
    teile = [
        f"{_anzahl(len(diff.neu), ' neuer Steckbrief', 'neue Steckbriefe', 'kein neuer Steckbrief')}",
        f"{_anzahl(len(diff.entfernt), ' entfernter', 'entfernte', 'keiner entfernt')}",
        f"{_anzahl(len(diff.status), ' Statuswechsel', 'Statuswechsel', 'kein Statuswechsel')}",
    ]
    satz = ", ".join(teile) + "; "
    if diff.budget:
        zahlen = _anzahl(len(diff.budget), "e Zahl", "Zahlen", "")
        satz += f"{zahlen} des Budgets geändert (Aufwand {_vorzeichen(euro(aufwand), aufwand)}, Ist {_vorzeichen(euro(ist), ist)})."
    else:
        satz += "die Zahlen des Budgets sind unverändert."
    return Aenderungen(satz[0].upper() + satz[1:], diff.neu, diff.entfernt, diff.status, budget_rows(diff))


def _vorzeichen(text: str, value: Decimal) -> str:
    return f"+{text}" if value > 0 else text


def context(bericht: Bericht, fmt: str) -> dict:
    felder = []
    for h in bericht.project.strategie.handlungsfelder:
        staende = [s for s in bericht.steckbriefe if s.sb.handlungsfeld == h.id]
        if staende:
            felder.append({"titel": h.titel, "steckbriefe": staende})
    return {
        "bericht": bericht,
        "strategie": bericht.project.strategie,
        "felder": felder,
        "format": fmt,
        "dokument": {"anlage": None, "titel": f"Sachstandsbericht zum {_datum(bericht)}", "schluessel": "bericht"},
        "kuerzlich_seit": months_before(bericht.stichtag, KUERZLICH_MONATE),
        "plan_summe": sum((p.summe.plan for p in bericht.partner), Decimal("0.00")),
        "ist_summe": sum((p.summe.ist for p in bericht.partner), Decimal("0.00")),
        "aenderungen": aenderungen_text(bericht.aenderungen) if bericht.aenderungen is not None else None,
    }


def _datum(bericht: Bericht) -> str:
    from digistrat.formatting import datum

    return datum(bericht.stichtag)


def render_bericht(bericht: Bericht, fmt: str) -> str | bytes:
    if fmt == "json":
        return json.dumps(bericht.as_json(), ensure_ascii=False, indent=2) + "\n"
    from digistrat.history.bericht_svg import kennzahl_svg
    from digistrat.render.environment import make_environment, render_template

    env = make_environment(bericht.project, bericht.project.config.locale or "de_DE")
    env.globals["kennzahl_svg"] = kennzahl_svg
    euro = env.filters["euro"]
    env.filters["differenz"] = lambda v: f"+{euro(v)}" if v > 0 else euro(v)
    text = render_template(env, "bericht.md.j2" if fmt == "md" else "bericht.html.j2", context(bericht, fmt))
    if fmt == "md":
        from digistrat.render.markdown import tidy_markdown

        return tidy_markdown(text)
    if fmt == "pdf":
        from digistrat.render.pdf import html_to_pdf

        return html_to_pdf(text)
    return text


def dateiname(bericht: Bericht, fmt: str) -> str:
    return f"sachstandsbericht-{bericht.stichtag.isoformat()}.{fmt}"
