"""``render`` as a library: a valid project → documents written atomically into one folder.

One run computes the rollup once, compiles each template once and writes every selected
document (finance blocks once per selected partner), then the index page linking them all.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from digistrat.budget import funding
from digistrat.dates import parse_day
from digistrat.errors import DigistratError
from digistrat.gc_pause import gc_paused
from digistrat.model.types import Partner, Project
from digistrat.output import write_atomic
from digistrat.render import agenda_split
from digistrat.render.context import Dokumentlink, RunContext
from digistrat.render.documents import DOKUMENTE, INDEX, Dokument
from digistrat.render.environment import make_environment, template_chunks
from digistrat.render.manifest import beanspruchen
from digistrat.render.parallel import render_all, worker_count

FORMATE = ("md", "html", "pdf")
STANDARD_AUSGABE = "anlagen"
# Called after each file is written: (path, files written so far, files in this run).
Progress = Callable[[Path, int, int], None]


@dataclass
class RenderOptions:
    format: str | None = None  # md | html | pdf; None: render.format from digistrat.yaml, else html
    ausgabe: Path | None = None  # None: render.ausgabe from digistrat.yaml, else anlagen/ in the project
    dokumente: tuple[str, ...] = ()  # keys of DOKUMENTE; empty: all
    partner: tuple[str, ...] = ()  # partner ids for the finance blocks; empty: every partner
    datum: dt.date | None = None  # printed date; None: render.datum from digistrat.yaml, else none
    nur_bewilligt: bool | None = None  # None: budget.nur_bewilligt from digistrat.yaml, else False
    jobs: int | None = None  # worker processes for the documents; None: all cores (see render.parallel)
    # render.vorlagen and render.ausgabe from digistrat.yaml may point outside the project folder
    pfade_ausserhalb: bool = False
    jahr: int | None = None  # Haushaltsjahr of the finance blocks; None: one block per year of the laufzeit


@dataclass(frozen=True)
class Resolved:
    """RenderOptions with every default filled in (see :func:`resolve`)."""

    format: str
    ausgabe: Path
    dokumente: tuple[str, ...]
    partner: tuple[str, ...]
    datum: dt.date | None
    nur_bewilligt: bool
    jobs: int | None = None
    jahr: int | None = None


@dataclass
class RenderResult:
    ausgabe: Path
    files: list[Path] = field(default_factory=list)
    hinweise: list[str] = field(default_factory=list)  # for the user, e.g. characters the PDF cannot show


def parse_datum(text, quelle: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError:
        raise DigistratError(f"{quelle}: „{text}“ ist kein Datum im Format JJJJ-MM-TT (z. B. 2022-09-22).") from None


def resolve(project: Project, options: RenderOptions) -> Resolved:
    """The options with every default filled in from digistrat.yaml, checked."""
    render_cfg = project.config.render or {}
    fmt = options.format or render_cfg.get("format") or "html"
    if fmt not in FORMATE:
        raise DigistratError(f"Unbekanntes Format „{fmt}“. Erlaubt: {', '.join(FORMATE)}.")
    ausgabe = options.ausgabe
    if ausgabe is None:
        ausgabe = Path(project.root) / render_cfg.get("ausgabe", STANDARD_AUSGABE)
        _im_projekt(project, render_cfg.get("ausgabe", STANDARD_AUSGABE), "render.ausgabe", options.pfade_ausserhalb)
    if render_cfg.get("vorlagen"):
        _im_projekt(project, render_cfg["vorlagen"], "render.vorlagen", options.pfade_ausserhalb)
    unbekannt = [d for d in options.dokumente if d not in DOKUMENTE]
    if unbekannt:
        raise DigistratError(f"Unbekanntes Dokument „{unbekannt[0]}“. Erlaubt: {', '.join(DOKUMENTE)}.")
    ids = [p.id for p in project.partner]
    for pid in options.partner:
        if pid not in ids:
            raise DigistratError(f"Unbekannter Partner „{pid}“. Bekannt sind: {', '.join(ids)}.")
    datum = options.datum
    if datum is None and render_cfg.get("datum") is not None:
        datum = parse_datum(render_cfg["datum"], "digistrat.yaml, render.datum")
    nur_bewilligt = funding.nur_bewilligt(project, options.nur_bewilligt)
    lz = project.strategie.laufzeit
    if options.jahr is not None and not lz.von <= options.jahr <= lz.bis:
        raise DigistratError(
            f"--jahr {options.jahr}: das Haushaltsjahr liegt nicht in der Laufzeit der Strategie ({lz.von}–{lz.bis})."
        )
    return Resolved(
        fmt,
        Path(ausgabe),
        tuple(dict.fromkeys(options.dokumente)),
        tuple(dict.fromkeys(options.partner)),
        datum,
        nur_bewilligt,
        options.jobs,
        options.jahr,
    )


def _im_projekt(project, configured: str, key: str, erlaubt: bool) -> None:
    """A folder named in digistrat.yaml must lie in the project folder unless the caller allows otherwise.

    digistrat.yaml may come from anyone's merge request: it must not make ``render`` read
    templates from, or write documents into, some other place on the machine.
    """
    root = Path(project.root).resolve()
    where = (root / str(configured)).resolve()
    if erlaubt or where.is_relative_to(root):
        return
    raise DigistratError(
        f"digistrat.yaml, {key}: „{configured}“ liegt außerhalb des Projektordners ({where.as_posix()}). "
        "Ordner außerhalb des Projekts verwendet digistrat nur mit der Option --pfade-ausserhalb."
    )


def plan(project: Project, options: RenderOptions | Resolved) -> list[tuple[Dokument, Partner | None]]:
    """(document, partner or None) for every file to write, in registry and partner.yaml order."""
    gewaehlt = set(options.dokumente) if options.dokumente else set(DOKUMENTE)
    partner = [p for p in project.partner if not options.partner or p.id in options.partner]
    jobs: list[tuple[Dokument, Partner | None]] = []
    for key, dok in DOKUMENTE.items():
        if key not in gewaehlt:
            continue
        if dok.je_partner:
            jobs.extend((dok, p) for p in partner)
        else:
            jobs.append((dok, None))
    return jobs


def _link(dok: Dokument, partner, ext: str, titel_cfg: dict | None = None) -> Dokumentlink:
    """``titel_cfg``: render.titel from digistrat.yaml, the annex titles as the Beschlussvorlage names them."""
    titel = (titel_cfg or {}).get(dok.schluessel) or dok.titel
    if partner is not None:
        titel = f"{titel} – {partner.name}"
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
        jahr: int | None = None,
        processes: int | None = None,
    ):
        from digistrat.budget import compute_rollup

        if fmt == "pdf":
            from digistrat.render.pdf import check_available

            check_available(project)
        self.project = project
        self.fmt = fmt
        self.ext = fmt
        self.processes = processes  # --jobs; None: as many as there are cores
        self.env = make_environment(project, project.config.locale or "de_DE")
        with gc_paused(freeze=True):  # the rollup lives as long as the run, like the loaded model
            rollup = compute_rollup(project, nur_bewilligt=nur_bewilligt)
        self.run = RunContext(
            project,
            rollup,
            fmt,
            datum,
            list(dokumente or []),
            nur_bewilligt=nur_bewilligt,
            jahr=jahr,
        )

    def link(self, dok: Dokument, partner=None) -> Dokumentlink:
        return _link(dok, partner, self.ext, (self.project.config.render or {}).get("titel"))

    def render(self, dok: Dokument, partner=None) -> str | bytes:
        """One document as text (md, html) or bytes (pdf)."""
        if self.fmt == "pdf":
            from digistrat.render import agenda_pdf, typst_pdf

            parts = agenda_pdf.plan_parts(self, dok)
            if parts is not None:  # a long agenda: in parts (render/agenda_pdf.py)
                return agenda_pdf.render_agenda_in_parts(self, parts)
            if typst_pdf.applies(self, dok):  # set by Typst (render/typst_pdf.py)
                return typst_pdf.render_document(self, dok, partner)
        text = "".join(self._pieces(dok, partner))
        if self.fmt == "pdf":
            from digistrat.render.pdf import html_to_pdf

            return html_to_pdf(text)
        if self.fmt == "md":
            from digistrat.render.markdown import tidy_markdown

            return tidy_markdown(text)
        return text

    def pieces(self, dok: Dokument, partner=None) -> Iterable[str] | str | bytes:
        """What :meth:`render` returns, but HTML as pieces while the template makes them: written
        piece by piece, a long agenda is never held whole (10,000 Steckbriefe: 69 MB of UTF-8,
        about twice that as a Python string, twice again while the pieces are joined)."""
        if self.fmt != "html":
            return self.render(dok, partner)
        stream = self._pieces(dok, partner)
        # the context and the first pieces now: a template that fails at once (most do) fails
        # before the output folder or a temporary file exists
        first = next(stream, "")
        return itertools.chain((first,), stream)

    def _pieces(self, dok: Dokument, partner) -> Iterator[str]:
        """The document's text as the template makes it.

        No cyclic collection while the context and the text are built: they hold no reference
        cycles, and the collector would traverse the growing context again and again (at 10,000
        Steckbriefe 5 of the agenda's 13 s). The context is gone when the collector resumes; PDF
        layout (WeasyPrint) runs after the last piece, with the collector on.
        """
        generate = None
        if agenda_split.wanted(self, dok):  # one piece per Steckbrief; a long agenda in two processes
            generate = agenda_split.generator(self.processes)
        with gc_paused():
            yield from template_chunks(self.env, dok.vorlage(self.fmt), self.kontext(dok, partner), generate=generate)

    def prepare_shared(self, dokumente: list[Dokument]) -> None:
        """Compute what several documents share before workers are forked: each worker would
        otherwise compute it again (the granted-only rollup of the finance blocks, 1.3 s at
        10,000 Steckbriefe, once per partner)."""
        if any(dok.schluessel == "finanzen" for dok in dokumente):
            self.run.rollup_bewilligt  # noqa: B018 - computed once, kept on the run context
        if self.fmt == "pdf":
            from digistrat.render import typst_fonts, typst_pdf

            if typst_pdf.available():
                typst_fonts.covered()  # the fonts' characters, read once (0.4 s), not in every worker

    def kontext(self, dok: Dokument, partner=None) -> dict:
        """The template context of one document (call it with the collector paused, see render)."""
        ctx = self.run.basis(self.link(dok, partner))
        ctx.update(dok.kontext(self.run, partner) if dok.je_partner else dok.kontext(self.run))
        return ctx


def render_document(
    project,
    schluessel: str,
    fmt: str = "html",
    partner_id: str | None = None,
    *,
    datum: dt.date | None = None,
    nur_bewilligt: bool = False,
    jahr: int | None = None,
) -> str | bytes:
    """One document in memory (for tests, previews and benchmarks); ``schluessel`` may be "index"."""
    dok = INDEX if schluessel == "index" else DOKUMENTE[schluessel]
    partner = project.partner_by_id()[partner_id] if partner_id else None
    if dok.je_partner and partner is None:
        raise DigistratError(f"Das Dokument „{schluessel}“ braucht einen Partner.")
    return Renderer(project, fmt, datum=datum, nur_bewilligt=nur_bewilligt, jahr=jahr).render(dok, partner)


def render_project(project, options: RenderOptions, progress: Progress | None = None) -> RenderResult:
    """Write the selected documents and the index page; returns the files written, in order.

    ``progress`` is called after each file (the CLI shows a progress bar with it)."""
    opt = resolve(project, options)
    jobs = plan(project, opt)
    renderer = Renderer(
        project, opt.format, datum=opt.datum, nur_bewilligt=opt.nur_bewilligt, jahr=opt.jahr, processes=opt.jobs
    )
    # The index links every document of a full run that will be in the folder afterwards, so a
    # partial run (one finance block, say) does not hide the documents written earlier.
    selected = {renderer.link(dok, p).datei for dok, p in jobs}
    full = plan(project, RenderOptions(opt.format, opt.ausgabe))
    renderer.run.dokumente.extend(
        link
        for link in (renderer.link(dok, p) for dok, p in full)
        if link.datei in selected or (opt.ausgabe / link.datei).is_file()
    )
    jobs.append((INDEX, None))
    result = RenderResult(opt.ausgabe, hinweise=_hinweise(renderer, [dok for dok, _ in jobs]))
    paths = [opt.ausgabe / renderer.link(dok, partner).datei for dok, partner in jobs]
    workers = worker_count(opt.format, len(jobs), opt.jobs)
    written: set[int] = set()
    eintragen = beanspruchen(opt.ausgabe, [path.name for path in paths])
    # With workers the documents finish in any order (each is the same either way).
    try:
        for done, (i, content) in enumerate(render_all(renderer, jobs, workers), start=1):
            eintragen(paths[i].name)  # the manifest first: a file of ours is always listed, even after Ctrl-C
            write_atomic(paths[i], content)
            written.add(i)
            if progress is not None:
                progress(paths[i], done, len(jobs))
    finally:
        if opt.format == "pdf":
            from digistrat.render import pdf_cache

            pdf_cache.prune()
    result.files = [p for i, p in enumerate(paths) if i in written]  # in plan order
    return result


def _hinweise(renderer: Renderer, dokumente: list[Dokument]) -> list[str]:
    """Notes for the user before the documents are written: the characters that a PDF set by
    Typst shows as "�" (render/glyphs.py)."""
    if renderer.fmt != "pdf":
        return []
    from digistrat.render import typst_pdf

    if not any(typst_pdf.applies(renderer, dok) for dok in dokumente):
        return []
    from digistrat.render.glyphs import missing_glyphs

    return missing_glyphs(renderer.project)
