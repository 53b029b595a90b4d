"""Integrity across files (part of ``digistrat validate``).

Works on the plain data of the files that passed schema validation, so it can run even when
some files are broken; every finding names the file and JSON path of the offending value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from digistrat.catalog import (
    DATEI_FEHLT as C_MISSING_FILE,
)
from digistrat.catalog import (
    DATEINAME_PASST_NICHT as C_STEM,
)
from digistrat.catalog import (
    DOPPELT_IN_AGENDA as C_AGENDA_TWICE,
)
from digistrat.catalog import (
    DOPPELTE_KENNUNG as C_DUPLICATE_ID,
)
from digistrat.catalog import (
    FEHLT_IN_AGENDA as C_NOT_IN_AGENDA,
)
from digistrat.catalog import (
    NACHKOMMASTELLEN as C_DECIMALS,
)
from digistrat.catalog import (
    UNBEKANNTER_PARTNER as C_UNKNOWN_PARTNER,
)
from digistrat.catalog import (
    UNBEKANNTER_STECKBRIEF as C_UNKNOWN_SB,
)
from digistrat.catalog import (
    UNBEKANNTES_HANDLUNGSFELD as C_UNKNOWN_HF,
)
from digistrat.catalog import (
    UNBEKANNTES_PROGRAMM as C_UNKNOWN_PROGRAMM,
)
from digistrat.findings import Finding, Severity
from digistrat.formatting import meinten_sie
from digistrat.loading.reader import FileResult


def _f(code, file, path, message, at_key=False) -> Finding:
    return Finding(code[0], code[1], Severity.FEHLER, message, file, tuple(path), at_key=at_key)


def check_missing_files(present: set[str], root_display: str) -> Iterator[Finding]:
    for name, what in (("partner.yaml", "die Kooperationspartner"), ("agenda.yaml", "die Digitale Agenda")):
        if name not in present:
            path = f"{root_display.rstrip('/')}/{name}" if root_display not in ("", ".") else name
            yield Finding(
                C_MISSING_FILE[0],
                C_MISSING_FILE[1],
                Severity.FEHLER,
                f"Die Datei „{name}“ fehlt; sie enthält {what} und ist Pflicht.",
                path,
                (),
                None,
                None,
            )


def _duplicates(items: list[tuple[str, str, tuple]], what: str) -> Iterator[Finding]:
    """items: (id, file, path). Every repeat after the first is reported with the first place."""
    first: dict[str, tuple[str, tuple]] = {}
    for ident, file, path in items:
        if ident in first:
            ffile, _fpath = first[ident]
            where = "in derselben Datei" if ffile == file else f"in {ffile}"
            yield _f(C_DUPLICATE_ID, file, path, f"{what} „{ident}“ ist doppelt vergeben (zuerst {where}).")
        else:
            first[ident] = (file, path)


def _decimals(value, file, path, what) -> Iterator[Finding]:
    # The loader turns numbers with a fraction into Decimals of their source text (Decimal("30.000")
    # keeps three decimals); this check still judges the number's value, as in format v1.
    if isinstance(value, (float, Decimal)):
        shown = repr(float(value))
        exp = Decimal(shown).as_tuple().exponent
        if isinstance(exp, int) and exp < -2:
            yield _f(C_DECIMALS, file, path, f"{what} {shown} hat mehr als zwei Nachkommastellen.")


def check_integrity(results: list[FileResult]) -> list[Finding]:
    by_kind: dict[str, list[FileResult]] = {}
    for r in results:
        by_kind.setdefault(r.source.kind, []).append(r)

    def valid(kind):
        return [r for r in by_kind.get(kind, []) if r.valid]

    out: list[Finding] = []
    strat = next(iter(valid("strategie")), None)
    partner = next(iter(valid("partner")), None)
    agenda = next(iter(valid("agenda")), None)
    programme = next(iter(valid("foerderprogramme")), None)
    has_programme_file = bool(by_kind.get("foerderprogramme"))
    steckbriefe = valid("steckbrief")
    all_steckbrief_files = by_kind.get("steckbrief", [])

    partner_ids: list[str] | None = None
    if partner:
        items = [(p["id"], partner.source.display, ("partner", i, "id")) for i, p in enumerate(partner.data["partner"])]
        out += _duplicates(items, "Die Partner-Kennung")
        partner_ids = [p["id"] for p in partner.data["partner"]]
        known_p = set(partner_ids)
        for i, p in enumerate(partner.data["partner"]):
            amt = p.get("amt")
            if amt is not None and amt not in known_p:
                out.append(
                    _f(
                        C_UNKNOWN_PARTNER,
                        partner.source.display,
                        ("partner", i, "amt"),
                        f"Unbekanntes Amt „{amt}“: keine Partner-Kennung in partner.yaml.{meinten_sie(amt, known_p)}",
                    )
                )
            for j, post in enumerate(p.get("personal", [])):
                out += _decimals(post.get("vzae"), partner.source.display, ("partner", i, "personal", j, "vzae"), "VZÄ")
            for j, b in enumerate(p.get("budget", [])):
                out += _decimals(
                    b.get("betrag"), partner.source.display, ("partner", i, "budget", j, "betrag"), "Betrag"
                )

    def check_partner(value, file, path):
        if partner_ids is not None and value not in partner_ids:
            out.append(
                _f(
                    C_UNKNOWN_PARTNER,
                    file,
                    path,
                    f"Unbekannter Partner „{value}“: keine Kennung in partner.yaml.{meinten_sie(value, partner_ids)}",
                )
            )

    hf_ids: list[str] | None = None
    if strat:
        d, file = strat.data, strat.source.display
        hfs = d["handlungsfelder"]
        out += _duplicates(
            [(h["id"], file, ("handlungsfelder", i, "id")) for i, h in enumerate(hfs)], "Die Handlungsfeld-Kennung"
        )
        gremien = (d.get("organisation") or {}).get("gremien", [])
        out += _duplicates(
            [(g["id"], file, ("organisation", "gremien", i, "id")) for i, g in enumerate(gremien)],
            "Die Gremium-Kennung",
        )
        hf_ids = [h["id"] for h in hfs]
        check_partner(d["federfuehrung"], file, ("federfuehrung",))
        vg = d.get("vorgaben") or {}
        for i, pid in enumerate(vg.get("ausgenommen", [])):
            check_partner(pid, file, ("vorgaben", "ausgenommen", i))
        out += _decimals(vg.get("vzae_je_partner"), file, ("vorgaben", "vzae_je_partner"), "VZÄ")
        for i, b in enumerate(vg.get("budget_je_partner", [])):
            out += _decimals(b.get("betrag"), file, ("vorgaben", "budget_je_partner", i, "betrag"), "Betrag")

    programm_ids: list[str] | None = None
    if programme:
        progs = programme.data.get("programme", [])
        out += _duplicates(
            [(p["id"], programme.source.display, ("programme", i, "id")) for i, p in enumerate(progs)],
            "Die Programm-Kennung",
        )
        programm_ids = [p["id"] for p in progs]

    # Steckbriefe: ids unique across files, stem = id, references resolve
    out += _duplicates([(r.data["id"], r.source.display, ("id",)) for r in steckbriefe], "Die Steckbrief-Kennung")
    # ids and file stems of every Steckbrief file, so that a broken or misnamed file does not
    # also make every reference to it "unknown" (its own finding says what is wrong)
    known_sb = {r.source.stem for r in all_steckbrief_files} | {
        r.data["id"] for r in all_steckbrief_files if r.data and isinstance(r.data.get("id"), str)
    }
    for r in steckbriefe:
        d, file = r.data, r.source.display
        if d["id"] != r.source.stem:
            out.append(
                _f(
                    C_STEM,
                    file,
                    ("id",),
                    f"Die Kennung „{d['id']}“ passt nicht zum Dateinamen „{r.source.path.name}“. "
                    f"Bitte die Kennung in „{r.source.stem}“ ändern oder die Datei in "
                    f"„{d['id']}.yaml“ umbenennen.",
                )
            )
        if hf_ids is not None and d["handlungsfeld"] not in hf_ids:
            out.append(
                _f(
                    C_UNKNOWN_HF,
                    file,
                    ("handlungsfeld",),
                    f"Unbekanntes Handlungsfeld „{d['handlungsfeld']}“: keine Kennung in strategie.yaml."
                    f"{meinten_sie(d['handlungsfeld'], hf_ids)}",
                )
            )
        check_partner(d["verantwortlich"], file, ("verantwortlich",))
        for i, pid in enumerate(d.get("beteiligte", [])):
            check_partner(pid, file, ("beteiligte", i))
        for i, dep in enumerate(d.get("abhaengigkeiten", [])):
            if dep not in known_sb:
                out.append(
                    _f(
                        C_UNKNOWN_SB,
                        file,
                        ("abhaengigkeiten", i),
                        f"Unbekannter Steckbrief „{dep}“ in den Abhängigkeiten.{meinten_sie(dep, known_sb)}",
                    )
                )
        for i, k in enumerate(d.get("kosten", [])):
            out += _decimals(k.get("betrag"), file, ("kosten", i, "betrag"), "Betrag")
            if "traeger" in k:
                check_partner(k["traeger"], file, ("kosten", i, "traeger"))
            a = k.get("aufteilung")
            if a:
                for j, pid in enumerate(a.get("partner", []) or []):
                    check_partner(pid, file, ("kosten", i, "aufteilung", "partner", j))
                for pid in a.get("anteile") or {}:
                    check_partner(pid, file, ("kosten", i, "aufteilung", "anteile", pid))
        for i, p in enumerate(d.get("personal", [])):
            check_partner(p["partner"], file, ("personal", i, "partner"))
            out += _decimals(p.get("vzae"), file, ("personal", i, "vzae"), "VZÄ")
        for i, fo in enumerate(d.get("foerderung", [])):
            out += _decimals(fo.get("betrag"), file, ("foerderung", i, "betrag"), "Betrag")
            if programm_ids is not None and fo["programm"] not in programm_ids:
                out.append(
                    _f(
                        C_UNKNOWN_PROGRAMM,
                        file,
                        ("foerderung", i, "programm"),
                        f"Unbekanntes Förderprogramm „{fo['programm']}“: keine Kennung in "
                        f"foerderprogramme.yaml.{meinten_sie(fo['programm'], programm_ids)}",
                    )
                )
    del has_programme_file

    if agenda:
        file = agenda.source.display
        listed = agenda.data["projekte"]
        counts = Counter(listed)
        seen: set[str] = set()
        for i, sid in enumerate(listed):
            if sid in seen:
                out.append(
                    _f(
                        C_AGENDA_TWICE,
                        file,
                        ("projekte", i),
                        f"Der Steckbrief „{sid}“ steht mehrfach in der Umsetzungsreihenfolge "
                        f"({counts[sid]}-mal); jeder Steckbrief gehört genau einmal hinein.",
                    )
                )
            seen.add(sid)
            if sid not in known_sb:
                out.append(
                    _f(
                        C_UNKNOWN_SB,
                        file,
                        ("projekte", i),
                        f"Die Agenda nennt den Steckbrief „{sid}“, es gibt aber keine Datei "
                        f"steckbriefe/{sid}.yaml.{meinten_sie(sid, known_sb)}",
                    )
                )
        for r in steckbriefe:
            if r.data["id"] not in counts and r.source.stem not in counts:  # misnamed: DS025 says so
                out.append(
                    _f(
                        C_NOT_IN_AGENDA,
                        r.source.display,
                        ("id",),
                        f"Der Steckbrief „{r.data['id']}“ fehlt in der Umsetzungsreihenfolge (agenda.yaml → projekte).",
                    )
                )
    return out
