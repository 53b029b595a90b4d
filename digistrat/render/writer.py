"""``render`` as a library: a valid project → documents written atomically into one folder.

One run computes the rollup once, compiles each template once and writes every selected
document (finance blocks once per selected partner), then the index page linking them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from digistrat.checks.dates import parse_day
from digistrat.errors import DigistratError
from digistrat.output import write_atomic
from digistrat.render.context import Dokumentlink, Grundlage
from digistrat.render.documents import DOKUMENTE, INDEX, Dokument
from digistrat.render.environment import make_environment, render_template

FORMATE = ("md", "html", "pdf")
STANDARD_AUSGABE = "anlagen"
# A progress bar only pays off when there is more than a handful of files to wait for.
FORTSCHRITT_AB = 6


@dataclass
class RenderOptionen:
    format: str | None = None  # md | html | pdf; None: render.format from digistrat.yaml, else html
    ausgabe: Path | None = None  # None: render.ausgabe from digistrat.yaml, else anlagen/ in the project
    dokumente: tuple[str, ...] = ()  # keys of DOKUMENTE; empty: all
    partner: tuple[str, ...] = ()  # partner ids for the finance blocks; empty: every partner
    datum: dt.date | None = None  # printed date; None: render.datum from digistrat.yaml, else none
    nur_bewilligt: bool | None = None  # None: budget.nur_bewilligt from digistrat.yaml, else False
    fortschritt: bool = False  # show a progress bar (only the CLI on a terminal sets this)


@dataclass
class RenderErgebnis:
    ausgabe: Path
    dateien: list[Path] = field(default_factory=list)


def parse_datum(text, quelle: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError:
        raise DigistratError(f"{quelle}: „{text}“ ist kein Datum im Format JJJJ-MM-TT (z. B. 2022-09-22).") from None


def resolve(project, optionen: RenderOptionen) -> RenderOptionen:
    """The options with every default filled in from digistrat.yaml, checked."""
    render_cfg = project.config.render or {}
    fmt = optionen.format or render_cfg.get("format") or "html"
    if fmt not in FORMATE:
        raise DigistratError(f"Unbekanntes Format „{fmt}“. Erlaubt: {', '.join(FORMATE)}.")
    ausgabe = optionen.ausgabe
    if ausgabe is None:
        ausgabe = Path(project.root) / render_cfg.get("ausgabe", STANDARD_AUSGABE)
    unbekannt = [d for d in optionen.dokumente if d not in DOKUMENTE]
    if unbekannt:
        raise DigistratError(f"Unbekanntes Dokument „{unbekannt[0]}“. Erlaubt: {', '.join(DOKUMENTE)}.")
    ids = [p.id for p in project.partner]
    for pid in optionen.partner:
        if pid not in ids:
            raise DigistratError(f"Unbekannter Partner „{pid}“. Bekannt sind: {', '.join(ids)}.")
    datum = optionen.datum
    if datum is None and render_cfg.get("datum") is not None:
        datum = parse_datum(render_cfg["datum"], "digistrat.yaml, render.datum")
    nur_bewilligt = optionen.nur_bewilligt
    if nur_bewilligt is None:
        nur_bewilligt = bool((project.config.budget or {}).get("nur_bewilligt", False))
    return RenderOptionen(
        fmt,
        Path(ausgabe),
        tuple(dict.fromkeys(optionen.dokumente)),
        tuple(dict.fromkeys(optionen.partner)),
        datum,
        nur_bewilligt,
        optionen.fortschritt,
    )


def plan(project, optionen: RenderOptionen) -> list[tuple[Dokument, object]]:
    """(document, partner or None) for every file to write, in registry and partner.yaml order."""
    gewaehlt = set(optionen.dokumente) if optionen.dokumente else set(DOKUMENTE)
    partner = [p for p in project.partner if not optionen.partner or p.id in optionen.partner]
    jobs: list[tuple[Dokument, object]] = []
    for key, dok in DOKUMENTE.items():
        if key not in gewaehlt:
            continue
        if dok.je_partner:
            jobs.extend((dok, p) for p in partner)
        else:
            jobs.append((dok, None))
    return jobs


def _link(dok: Dokument, partner, ext: str) -> Dokumentlink:
    titel = f"{dok.titel} – {partner.name}" if partner is not None else dok.titel
    return Dokumentlink(dok.schluessel, titel, dok.dateiname(ext, partner.id if partner else None), dok.anlage, partner)


class Renderer:
    """Renders documents of one project in one format; the rollup and templates are prepared once."""

    def __init__(
        self,
        project,
        fmt: str,
        *,
        datum: dt.date | None = None,
        nur_bewilligt: bool = False,
        dokumente: list[Dokumentlink] | None = None,
    ):
        from digistrat.budget import compute_rollup

        if fmt == "pdf":
            from digistrat.render.pdf import check_available

            check_available()
        self.project = project
        self.fmt = fmt
        self.ext = fmt
        self.env = make_environment(project, project.config.locale or "de_DE")
        self.grundlage = Grundlage(
            project,
            compute_rollup(project, nur_bewilligt=nur_bewilligt),
            fmt,
            datum,
            list(dokumente or []),
            nur_bewilligt=nur_bewilligt,
        )

    def link(self, dok: Dokument, partner=None) -> Dokumentlink:
        return _link(dok, partner, self.ext)

    def render(self, dok: Dokument, partner=None) -> str | bytes:
        """One document as text (md, html) or bytes (pdf)."""
        link = self.link(dok, partner)
        ctx = self.grundlage.basis(link)
        ctx.update(dok.kontext(self.grundlage, partner) if dok.je_partner else dok.kontext(self.grundlage))
        text = render_template(self.env, dok.vorlage(self.fmt), ctx)
        if self.fmt == "pdf":
            from digistrat.render.pdf import html_to_pdf

            return html_to_pdf(text)
        if self.fmt == "md":
            from digistrat.render.markdown import tidy_markdown

            return tidy_markdown(text)
        return text


def render_document(
    project,
    schluessel: str,
    fmt: str = "html",
    partner_id: str | None = None,
    *,
    datum: dt.date | None = None,
    nur_bewilligt: bool = False,
) -> str | bytes:
    """One document in memory (for tests, previews and benchmarks); ``schluessel`` may be "index"."""
    dok = INDEX if schluessel == "index" else DOKUMENTE[schluessel]
    partner = project.partner_by_id()[partner_id] if partner_id else None
    if dok.je_partner and partner is None:
        raise DigistratError(f"Das Dokument „{schluessel}“ braucht einen Partner.")
    return Renderer(project, fmt, datum=datum, nur_bewilligt=nur_bewilligt).render(dok, partner)


def render_project(project, optionen: RenderOptionen) -> RenderErgebnis:
    """Write the selected documents and the index page; returns the files written, in order."""
    opt = resolve(project, optionen)
    jobs = plan(project, opt)
    renderer = Renderer(project, opt.format, datum=opt.datum, nur_bewilligt=opt.nur_bewilligt)
    # The index links every document of a full run that will be in the folder afterwards, so a
    # partial run (one finance block, say) does not hide the documents written earlier.
    selected = {renderer.link(dok, p).datei for dok, p in jobs}
    full = plan(project, RenderOptionen(opt.format, opt.ausgabe))
    renderer.grundlage.dokumente.extend(
        link
        for link in (renderer.link(dok, p) for dok, p in full)
        if link.datei in selected or (opt.ausgabe / link.datei).is_file()
    )
    jobs.append((INDEX, None))
    ergebnis = RenderErgebnis(opt.ausgabe)

    def write(dok: Dokument, partner) -> None:
        path = opt.ausgabe / renderer.link(dok, partner).datei
        write_atomic(path, renderer.render(dok, partner))
        ergebnis.dateien.append(path)

    if opt.fortschritt and len(jobs) >= FORTSCHRITT_AB:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("Dokumente"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("", total=len(jobs))
            for dok, partner in jobs:
                progress.update(task, description=renderer.link(dok, partner).datei)
                write(dok, partner)
                progress.advance(task)
    else:
        for dok, partner in jobs:
            write(dok, partner)
    return ergebnis
