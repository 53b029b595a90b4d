"""What a returned form changes in one Steckbrief, and applying that to its round-trip document.

:func:`plan` compares the answers with the Steckbrief as it is now, so reading the same form a
second time plans nothing (idempotent). :func:`apply` makes the planned edits with the
comment-preserving writer (:mod:`digistrat.authoring.roundtrip`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from digistrat.sheets import layout as L
from digistrat.sheets.form_reader import Formular, reports_anew
from digistrat.sheets.source import iso, money, normalise_text


@dataclass
class Aenderung:
    """One planned edit: ``art`` is status | sachstand | meilenstein | ist_kosten."""

    art: str
    werte: dict
    index: int | None = None  # sachstand: the entry replaced; meilenstein: its position

    def beschreibung(self) -> str:
        w = self.werte
        if self.art == "status":
            return f"Status: {L.status_label(w['alt'])} → {L.status_label(w['neu'])}"
        if self.art == "sachstand":
            prozent = f", {w['fortschritt']} %" if w.get("fortschritt") is not None else ""
            verb = "ersetzt" if self.index is not None else "neu"
            return f"Sachstand {_de(w['datum'])} ({verb}): {L.AMPEL_LABELS[w['ampel']]}{prozent}"
        if self.art == "meilenstein":
            return f"Meilenstein „{w['titel']}“: erreicht am {_de(w['erreicht'])}"
        betrag = f"{Decimal(w['betrag']):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return f"Ist-Kosten {w['jahr']}: {betrag} € {L.kategorie_label(w['kategorie'])}"


def _de(text: str) -> str:
    parts = text.split("-")
    return ".".join(reversed(parts))


@dataclass
class Plan:
    steckbrief: str
    aenderungen: list[Aenderung] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def plan(form: Formular, sid: str, data: dict) -> Plan:
    """The edits the answers of ``form`` for Steckbrief ``sid`` make to its current ``data``."""
    result = Plan(sid)
    pre = form.records[sid][1]
    for a in form.sachstand:
        if a.steckbrief != sid:
            continue
        if a.status and a.status != pre["status"] and a.status != data.get("status"):
            result.aenderungen.append(Aenderung("status", {"alt": data.get("status"), "neu": a.status}))
        if reports_anew(a, pre):
            _plan_sachstand(result, form.stichtag, a, data)
    _plan_meilensteine(result, form, sid, data)
    _plan_ist_kosten(result, form, sid, data, pre)
    return result


def _plan_sachstand(result: Plan, stichtag: dt.date | None, a, data: dict) -> None:
    assert stichtag is not None  # read_form sets it for every form without problems
    entry = {"datum": stichtag.isoformat(), "ampel": a.ampel}
    if a.fortschritt is not None:
        entry["fortschritt"] = a.fortschritt
    entry["text"] = a.text
    for i, old in enumerate(data.get("sachstand") or []):
        if iso(old.get("datum")) == entry["datum"]:
            same = (old.get("ampel"), old.get("fortschritt"), normalise_text(old.get("text"))) == (
                a.ampel,
                a.fortschritt,
                a.text,
            )
            if not same:
                result.aenderungen.append(Aenderung("sachstand", entry, index=i))
            return
    result.aenderungen.append(Aenderung("sachstand", entry))


def _plan_meilensteine(result: Plan, form: Formular, sid: str, data: dict) -> None:
    current = data.get("meilensteine") or []
    for a in form.meilensteine:
        if a.steckbrief != sid:
            continue
        index = a.index if a.index < len(current) and current[a.index].get("titel") == a.titel else None
        if index is None:
            index = next((i for i, m in enumerate(current) if m.get("titel") == a.titel), None)
        if index is None:
            result.problems.append(f"Den Meilenstein „{a.titel}“ gibt es in {sid} nicht mehr.")
            continue
        if iso(current[index].get("erreicht")) != a.erreicht:
            result.aenderungen.append(Aenderung("meilenstein", {"titel": a.titel, "erreicht": a.erreicht}, index))


def _key(jahr, kategorie, betrag) -> tuple:
    return (int(jahr), kategorie, money(betrag))


def _plan_ist_kosten(result: Plan, form: Formular, sid: str, data: dict, pre: dict) -> None:
    # entries added since the form was made that equal answers were read from this form before
    added = Counter(
        _key(k.get("jahr"), k.get("kategorie", "sonstige"), k.get("betrag")) for k in data.get("ist_kosten") or []
    )
    added.subtract(_key(k["jahr"], k["kategorie"], k["betrag"]) for k in pre["ist_kosten"])
    for a in form.ist_kosten:
        if a.steckbrief != sid:
            continue
        key = _key(a.jahr, a.kategorie, a.betrag)
        if added[key] > 0:
            added[key] -= 1
            continue
        result.aenderungen.append(
            Aenderung("ist_kosten", {"jahr": a.jahr, "betrag": str(a.betrag), "kategorie": a.kategorie})
        )


def _date_value(text: str):
    """A full date as a YAML date (written unquoted), a month as text."""
    return dt.date.fromisoformat(text) if len(text) == 10 else text


def _text_value(text: str):
    from ruamel.yaml.scalarstring import LiteralScalarString

    return LiteralScalarString(text + "\n") if "\n" in text else text


def apply(doc, aenderungen: list[Aenderung]) -> None:
    """Make the planned edits on ``doc.data`` (a round-trip document of the Steckbrief)."""
    from digistrat.authoring import roundtrip as rt

    for change in aenderungen:
        w = change.werte
        if change.art == "status":
            rt.set_key(doc.data, "status", w["neu"])
        elif change.art == "sachstand":
            entry = dict(w)
            entry["datum"] = _date_value(w["datum"])
            entry["text"] = _text_value(w["text"])
            if change.index is None:
                rt.append_to_sequence(doc.data, "sachstand", entry)
            else:
                doc.data["sachstand"][change.index] = rt.to_yaml(entry)
        elif change.art == "meilenstein":
            rt.set_key(doc.data["meilensteine"][change.index], "erreicht", _date_value(w["erreicht"]))
        else:
            item = {"jahr": w["jahr"], "betrag": _money_value(w["betrag"]), "kategorie": w["kategorie"]}
            rt.append_to_sequence(doc.data, "ist_kosten", rt.flow_mapping(item) if _flow(doc.data) else item)


def _money_value(text: str) -> Decimal:
    """``1500.00`` → 1500 and ``1234.50`` → 1234.5, as the project's files write amounts."""
    value = Decimal(text)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _flow(data) -> bool:
    """New ``ist_kosten`` entries follow the style of the last one; one-line when there is none."""
    seq = data.get("ist_kosten")
    if not seq:
        return True
    last = seq[-1]
    return not hasattr(last, "fa") or bool(last.fa.flow_style())
