"""Documents rendered side by side in worker processes: same files, same order, same errors."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE

from digistrat.render import parallel
from digistrat.render.writer import RenderOptions, render_project
from digistrat.validation import load_project


@pytest.fixture(scope="module")
def project():
    return load_project(EXAMPLE)


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_worker_count(monkeypatch):
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    assert parallel.worker_count("pdf", 14) == 2  # PDF: all cores by default
    assert parallel.worker_count("pdf", 14, 1) == 0
    assert parallel.worker_count("pdf", 1) == 0
    assert parallel.worker_count("pdf", 3, 8) == 3
    # text formats use workers only when asked for
    assert parallel.worker_count("html", 14) == 0
    assert parallel.worker_count("md", 14) == 0
    assert parallel.worker_count("html", 14, 2) == 2
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    assert parallel.worker_count("pdf", 14) == 0


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_workers_write_the_same_files_in_the_same_order(project, tmp_path, fmt):
    seq = render_project(project, RenderOptions(format=fmt, ausgabe=tmp_path / "seq", jobs=1))
    par = render_project(project, RenderOptions(format=fmt, ausgabe=tmp_path / "par", jobs=2))
    assert [p.name for p in par.files] == [p.name for p in seq.files]
    assert len(seq.files) == 14
    assert seq.files[-1].name == f"index.{fmt}"
    assert files(tmp_path / "par") == files(tmp_path / "seq")


def test_longest_documents_start_first(project):
    from digistrat.render.writer import plan

    jobs = plan(project, RenderOptions(format="html", ausgabe=None))
    order = sorted(range(len(jobs)), key=lambda i: (parallel._cost_rank(jobs[i]), i))
    assert [jobs[i][0].schluessel for i in order[:5]] == [
        "agenda",
        "strategie",
        "ressourcen",
        "organisation",
        "finanzen",
    ]


def test_template_error_in_a_worker_is_the_german_message(example_copy, cli, tmp_path):
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "organisation.html.j2").write_text(
        "<h1>{{ strategie.titel }}</h1>\n{% for g in gremien %}\n<p>{{ g.nme }}</p>\n{% endfor %}\n", encoding="utf-8"
    )
    result = cli("render", example_copy, "--out", tmp_path / "out", "--jobs", "2")
    assert result.code == 2
    shown = (example_copy / "templates" / "organisation.html.j2").as_posix()
    assert result.err == (
        f"Fehler: Vorlage {shown}, Zeile 3: unbekannter Name oder unbekanntes Feld "
        "('digistrat.model.types.Gremium object' has no attribute 'nme'). Die verfügbaren "
        "Namen stehen in der Dokumentation unter „Vorlagen anpassen“.\n"
    )


def test_shared_figures_are_computed_before_the_workers_fork(project, tmp_path, monkeypatch):
    """The granted-only rollup of the finance blocks is computed once, in the parent: each forked
    worker would compute it again (1.3 s per finance block at 10,000 Steckbriefe)."""
    from digistrat.render import writer

    seen = []
    real = writer.Renderer.prepare_shared

    def recording(self, dokumente):
        real(self, dokumente)
        seen.append(([d.schluessel for d in dokumente][:2], self.run._rollup_bewilligt is not None))

    monkeypatch.setattr(writer.Renderer, "prepare_shared", recording)
    render_project(project, RenderOptions(format="html", ausgabe=tmp_path / "a", dokumente=("agenda",), jobs=2))
    render_project(project, RenderOptions(format="html", ausgabe=tmp_path / "b", jobs=2))
    assert seen == [(["agenda", "index"], False), (["strategie", "agenda"], True)]


def test_html_is_written_in_pieces_and_is_the_same_text(project, tmp_path):
    """In one process HTML goes to the file piece by piece as the template makes it (never whole)."""
    from digistrat.render.documents import DOKUMENTE
    from digistrat.render.writer import Renderer

    renderer = Renderer(project, "html")
    pieces = renderer.pieces(DOKUMENTE["agenda"])
    assert not isinstance(pieces, str)
    assert "".join(pieces) == renderer.render(DOKUMENTE["agenda"])
    assert isinstance(Renderer(project, "md").pieces(DOKUMENTE["agenda"]), str)  # Markdown is tidied whole
    render_project(project, RenderOptions(format="html", ausgabe=tmp_path, dokumente=("agenda",)))
    assert (tmp_path / "anlage-2-digitale-agenda.html").read_text("utf-8") == renderer.render(DOKUMENTE["agenda"])


def test_a_document_failing_while_it_is_written_leaves_nothing_behind(tmp_path):
    from digistrat.errors import DigistratError
    from digistrat.output import write_atomic

    target = tmp_path / "anlage.html"
    target.write_text("die alte Fassung", encoding="utf-8")

    def pieces():
        yield "<html>"
        raise DigistratError("Vorlage agenda.html.j2, Zeile 9: unbekannter Name")

    with pytest.raises(DigistratError, match="Zeile 9"):
        write_atomic(target, pieces())
    assert target.read_text("utf-8") == "die alte Fassung"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anlage.html"]  # no temporary file left
    write_atomic(tmp_path / "neu.html", iter(["a", "ä", "€"]))
    assert (tmp_path / "neu.html").read_bytes() == "aä€".encode()


def test_a_worker_ends_when_the_parent_is_killed():
    """A result larger than the pipe holds (a PDF), nobody reading any more: the worker must not
    block forever (it closes its inherited copy of the parent's end)."""
    import multiprocessing

    from digistrat.render import parallel

    parallel._TASKS[:] = [lambda: b"%PDF" * 500_000]
    try:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=parallel._work, args=(0, receive, send), daemon=True)
        process.start()
        send.close()
        receive.close()  # as when the parent is killed
        process.join(timeout=10)
        ended = process.exitcode is not None
        if not ended:
            process.kill()
            process.join()
    finally:
        parallel._TASKS.clear()
    assert ended
