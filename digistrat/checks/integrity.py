"""Integrity across files (part of ``digistrat validate``).

Works on the plain data of the files that passed schema validation, so it can run even when
some files are broken; every finding names the file and JSON path of the offending value.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from digistrat import catalog
from digistrat.catalog import Code
from digistrat.checks import amounts
from digistrat.checks.execution import check_execution
from digistrat.findings import Finding, Severity
from digistrat.formatting import meinten_sie
from digistrat.loading.project import SourceFile
from digistrat.loading.reader import FileResult


def _f(code: Code, file: str, path: Iterable, message: str, at_key: bool = False) -> Finding:
    return Finding(code[0], code[1], Severity.FEHLER, message, file, tuple(path), at_key=at_key)


def check_missing_files(present: set[str], root_display: str, root: Path | None = None) -> Iterator[Finding]:
    for name, what in (("partner.yaml", "die Kooperationspartner"), ("agenda.yaml", "die Digitale Agenda")):
        if name not in present:
            path = f"{root_display.rstrip('/')}/{name}" if root_display not in ("", ".") else name
            yml = name[: -len(".yaml")] + ".yml"
            there = (
                f" Es gibt aber „{yml}“: digistrat liest nur „{name}“, bitte umbenennen."
                if root is not None and (root / yml).is_file()
                else ""
            )
            message = f"Die Datei „{name}“ fehlt; sie enthält {what} und ist Pflicht.{there}"
            yield _f(catalog.DATEI_FEHLT, path, (), message)


def _duplicates(items: list[tuple[str, str, tuple]], what: str) -> Iterator[Finding]:
    """items: (id, file, path). Every repeat after the first is reported with the first place."""
    first: dict[str, tuple[str, tuple]] = {}
    for ident, file, path in items:
        if ident in first:
            ffile, _fpath = first[ident]
            where = "in derselben Datei" if ffile == file else f"in {ffile}"
            yield _f(catalog.DOPPELTE_KENNUNG, file, path, f"{what} „{ident}“ ist doppelt vergeben (zuerst {where}).")
        else:
            first[ident] = (file, path)


def _decimals(value, file, path, what) -> Iterable[Finding]:
    """DS029: more than two decimals in the source text, thousands separators first (checks/amounts.py)."""
    return amounts.check(value, file, path, what)


def _quote(value, file, path, what) -> Iterator[Finding]:
    """A Förderquote written as a fraction (``quote: 0.9`` meant as 90 %): a warning, 0.9 % is possible."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or not 0 < value < 1:
        return
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    meant = f"{(exact * 100).normalize():f}"
    yield Finding(
        *catalog.QUOTE_ALS_ANTEIL,
        Severity.WARNUNG,
        f"{what} {exact} bedeutet {str(exact).replace('.', ',')} %, nicht {meant} %: die Quote wird in Prozent "
        f"angegeben, nicht als Anteil. Meinten Sie {meant}?",
        file,
        tuple(path),
    )


class _Valid(NamedTuple):
    """A file that passed the schema, with its mapping."""

    source: SourceFile
    data: dict


def check_integrity(results: list[FileResult], skipped: Iterable[str] = ()) -> list[Finding]:
    """``skipped``: ids of Steckbriefe reported as not read (``MK-02.yml``, DS031); references to
    them are not "unknown" as well."""
    integrity = Integrity([r.source for r in results], skipped)
    for r in sorted(results, key=lambda r: r.source.kind == "steckbrief"):  # the root files first
        integrity.add(r)
    return integrity.finish()


class Integrity:
    """One pass over the valid files, file by file as they are read (``add``), so that a
    Steckbrief's data is no longer needed once it was added; ``finish`` does what needs every
    Steckbrief (unknown dependencies, duplicate ids, the agenda). The root files come first.

    ``None`` id lists mean the file they come from is broken or missing, so references to it are
    not reported (its own finding says what is wrong).

    For the project index (digistrat/incremental.py): a Steckbrief's findings depend on its own
    file and on :meth:`context` only; with :attr:`record` set, ``add`` records for each valid
    Steckbrief where its findings stand in :attr:`out` and every dependency it names, and
    ``add(r, recorded=…)`` takes those of an unchanged Steckbrief instead of its data.
    """

    def __init__(self, sources: Iterable[SourceFile], skipped: Iterable[str] = ()):
        self.by_kind: dict[str, list[FileResult]] = {}
        self.out: list[Finding] = []
        self.partner_ids: list[str] | None = None
        self.hf_ids: list[str] | None = None
        self.programm_ids: list[str] | None = None
        self._roots_done = False
        # ids and file stems of every Steckbrief file, so that a broken or misnamed file does not
        # also make every reference to it "unknown" (its own finding says what is wrong); the ids
        # are added as the files arrive
        self.known_sb = {s.stem for s in sources if s.kind == "steckbrief"} | set(skipped)
        self._steckbriefe: list[tuple[str, SourceFile]] = []  # (id, source) of every valid Steckbrief
        self._dependencies: list[tuple[str, str, tuple]] = []  # (id, file, path), checked at the end
        #: display path → (start, end) of its findings in ``out``, its dependencies (id, file, path)
        self.record: dict[str, tuple[int, int, list]] | None = None

    def add(self, r: FileResult, recorded: tuple[list[Finding], list] | None = None) -> None:
        """``recorded``: (findings, dependencies) of an unchanged Steckbrief in the same context."""
        if r.source.kind != "steckbrief":
            self.by_kind.setdefault(r.source.kind, []).append(r)
            return
        if not self._roots_done:
            self.roots()
        if r.data and isinstance(r.data.get("id"), str):
            self.known_sb.add(r.data["id"])
        if r.valid and r.data is not None:
            self._steckbriefe.append((r.data["id"], r.source))
            start, deps = len(self.out), len(self._dependencies)
            if recorded is None:
                self.steckbrief(r.data, r.source.display, r.source.stem, r.source.path.name)
            else:
                self.out += recorded[0]
                self._dependencies += recorded[1]
            if self.record is not None:
                self.record[r.source.display] = (start, len(self.out), self._dependencies[deps:])

    def context(self) -> str:
        """A digest of the ids (besides the Steckbriefe') that a Steckbrief's findings depend on."""
        if not self._roots_done:
            self.roots()
        text = json.dumps([self.partner_ids, self.hf_ids, self.programm_ids], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def finish(self) -> list[Finding]:
        if not self._roots_done:
            self.roots()
        self.out += _duplicates(
            [(sid, src.display, ("id",)) for sid, src in self._steckbriefe], "Die Steckbrief-Kennung"
        )
        for dep, file, path in self._dependencies:
            self.unknown(
                catalog.UNBEKANNTER_STECKBRIEF,
                dep,
                self.known_sb,
                file,
                path,
                f"Unbekannter Steckbrief „{dep}“ in den Abhängigkeiten.",
            )
        agenda = self.first("agenda")
        if agenda:
            self.agenda(agenda)
        return self.out

    def valid(self, kind: str) -> list[_Valid]:
        return [_Valid(r.source, r.data) for r in self.by_kind.get(kind, []) if r.valid and r.data is not None]

    def first(self, kind: str) -> _Valid | None:
        return next(iter(self.valid(kind)), None)

    def roots(self) -> None:
        self._roots_done = True
        partner, strat, programme = (self.first(k) for k in ("partner", "strategie", "foerderprogramme"))
        if partner:
            self.partners(partner)
        if strat:
            self.strategie(strat)
        if programme:
            progs = programme.data.get("programme", [])
            self.out += _duplicates(
                [(p["id"], programme.source.display, ("programme", i, "id")) for i, p in enumerate(progs)],
                "Die Programm-Kennung",
            )
            self.programm_ids = [p["id"] for p in progs]
            for i, p in enumerate(progs):
                self.out += _quote(
                    p.get("quote_max"), programme.source.display, ("programme", i, "quote_max"), "Die Quote"
                )

    def unknown(self, code: Code, value: str, known, file: str, path: tuple, message: str) -> None:
        """A reference to an id that is not in ``known`` (None: the ids are unknown themselves)."""
        if known is not None and value not in known:
            self.out.append(_f(code, file, path, f"{message}{meinten_sie(value, known)}"))

    def partner_ref(self, value: str, file: str, path: tuple) -> None:
        self.unknown(
            catalog.UNBEKANNTER_PARTNER,
            value,
            self.partner_ids,
            file,
            path,
            f"Unbekannter Partner „{value}“: keine Kennung in partner.yaml.",
        )

    def partners(self, partner: _Valid) -> None:
        file, entries = partner.source.display, partner.data["partner"]
        self.out += _duplicates(
            [(p["id"], file, ("partner", i, "id")) for i, p in enumerate(entries)], "Die Partner-Kennung"
        )
        self.partner_ids = [p["id"] for p in entries]
        known = set(self.partner_ids)
        for i, p in enumerate(entries):
            amt = p.get("amt")
            if amt is not None:
                self.unknown(
                    catalog.UNBEKANNTER_PARTNER,
                    amt,
                    known,
                    file,
                    ("partner", i, "amt"),
                    f"Unbekanntes Amt „{amt}“: keine Partner-Kennung in partner.yaml.",
                )
            self.out += _decimals(p.get("einwohner"), file, ("partner", i, "einwohner"), "Einwohnerzahl")
            for j, post in enumerate(p.get("personal", [])):
                self.out += _decimals(post.get("vzae"), file, ("partner", i, "personal", j, "vzae"), "VZÄ")
            for j, b in enumerate(p.get("budget", [])):
                self.out += _decimals(b.get("betrag"), file, ("partner", i, "budget", j, "betrag"), "Betrag")

    def strategie(self, strat: _Valid) -> None:
        d, file = strat.data, strat.source.display
        hfs = d["handlungsfelder"]
        self.out += _duplicates(
            [(h["id"], file, ("handlungsfelder", i, "id")) for i, h in enumerate(hfs)], "Die Handlungsfeld-Kennung"
        )
        gremien = (d.get("organisation") or {}).get("gremien", [])
        self.out += _duplicates(
            [(g["id"], file, ("organisation", "gremien", i, "id")) for i, g in enumerate(gremien)],
            "Die Gremium-Kennung",
        )
        self.hf_ids = [h["id"] for h in hfs]
        self.partner_ref(d["federfuehrung"], file, ("federfuehrung",))
        vg = d.get("vorgaben") or {}
        for i, pid in enumerate(vg.get("ausgenommen", [])):
            self.partner_ref(pid, file, ("vorgaben", "ausgenommen", i))
        self.out += _decimals(vg.get("vzae_je_partner"), file, ("vorgaben", "vzae_je_partner"), "VZÄ")
        for i, b in enumerate(vg.get("budget_je_partner", [])):
            self.out += _decimals(b.get("betrag"), file, ("vorgaben", "budget_je_partner", i, "betrag"), "Betrag")

    def steckbrief(self, d: dict, file: str, stem: str, filename: str) -> None:
        if d["id"] != stem:
            self.out.append(
                _f(
                    catalog.DATEINAME_PASST_NICHT,
                    file,
                    ("id",),
                    f"Die Kennung „{d['id']}“ passt nicht zum Dateinamen „{filename}“. "
                    f"Bitte die Kennung in „{stem}“ ändern oder die Datei in „{d['id']}.yaml“ umbenennen.",
                )
            )
        hf = d["handlungsfeld"]
        self.unknown(
            catalog.UNBEKANNTES_HANDLUNGSFELD,
            hf,
            self.hf_ids,
            file,
            ("handlungsfeld",),
            f"Unbekanntes Handlungsfeld „{hf}“: keine Kennung in strategie.yaml.",
        )
        self.partner_ref(d["verantwortlich"], file, ("verantwortlich",))
        for i, pid in enumerate(d.get("beteiligte", [])):
            self.partner_ref(pid, file, ("beteiligte", i))
        for i, dep in enumerate(d.get("abhaengigkeiten", [])):
            # perhaps the id of a Steckbrief still to come: see finish (recording: all of them)
            if dep not in self.known_sb or self.record is not None:
                self._dependencies.append((dep, file, ("abhaengigkeiten", i)))
        self.steckbrief_money(d, file)

        self.out += check_execution(d, file)

    def steckbrief_money(self, d: dict, file: str) -> None:
        for key in ("kosten", "ist_kosten"):  # ist_kosten (v1.1): the shape and payer rules of kosten
            for i, k in enumerate(d.get(key, [])):
                self.out += _decimals(k.get("betrag"), file, (key, i, "betrag"), "Betrag")
                if "traeger" in k:
                    self.partner_ref(k["traeger"], file, (key, i, "traeger"))
                a = k.get("aufteilung")
                if a:
                    for j, pid in enumerate(a.get("partner", []) or []):
                        self.partner_ref(pid, file, (key, i, "aufteilung", "partner", j))
                    for pid in a.get("anteile") or {}:
                        self.partner_ref(pid, file, (key, i, "aufteilung", "anteile", pid))
        for i, p in enumerate(d.get("personal", [])):
            self.partner_ref(p["partner"], file, ("personal", i, "partner"))
            self.out += _decimals(p.get("vzae"), file, ("personal", i, "vzae"), "VZÄ")
        for i, fo in enumerate(d.get("foerderung", [])):
            self.out += _decimals(fo.get("betrag"), file, ("foerderung", i, "betrag"), "Betrag")
            self.out += _quote(fo.get("quote"), file, ("foerderung", i, "quote"), "Die Förderquote")
            self.unknown(
                catalog.UNBEKANNTES_PROGRAMM,
                fo["programm"],
                self.programm_ids,
                file,
                ("foerderung", i, "programm"),
                f"Unbekanntes Förderprogramm „{fo['programm']}“: keine Kennung in foerderprogramme.yaml.",
            )

    def agenda(self, agenda: _Valid) -> None:
        file = agenda.source.display
        listed = agenda.data["projekte"]
        counts = Counter(listed)
        seen: set[str] = set()
        for i, sid in enumerate(listed):
            if sid in seen:
                self.out.append(
                    _f(
                        catalog.DOPPELT_IN_AGENDA,
                        file,
                        ("projekte", i),
                        f"Der Steckbrief „{sid}“ steht mehrfach in der Umsetzungsreihenfolge "
                        f"({counts[sid]}-mal); jeder Steckbrief gehört genau einmal hinein.",
                    )
                )
            seen.add(sid)
            self.unknown(
                catalog.UNBEKANNTER_STECKBRIEF,
                sid,
                self.known_sb,
                file,
                ("projekte", i),
                f"Die Agenda nennt den Steckbrief „{sid}“, es gibt aber keine Datei steckbriefe/{sid}.yaml.",
            )
        for sid, source in self._steckbriefe:
            if sid not in counts and source.stem not in counts:  # misnamed: DS025 says so
                self.out.append(
                    _f(
                        catalog.FEHLT_IN_AGENDA,
                        source.display,
                        ("id",),
                        f"Der Steckbrief „{sid}“ fehlt in der Umsetzungsreihenfolge (agenda.yaml → projekte).",
                    )
                )
