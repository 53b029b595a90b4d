"""A long HTML agenda rendered by two processes (render/agenda_split.py) is byte for byte the
agenda rendered in one. A worker that fails, dies or sends the wrong texts changes nothing, and a
template error is reported exactly as without the worker."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from conftest import EXAMPLE

from digistrat.errors import DigistratError
from digistrat.render import agenda_split
from digistrat.render.documents import DOKUMENTE
from digistrat.render.environment import template_chunks
from digistrat.render.writer import Renderer, RenderOptions, render_project
from digistrat.validation import load_project

AGENDA = DOKUMENTE["agenda"]
# the example's 22 Steckbriefe with a share of 0.6: the worker renders the last int(22 * 0.6) = 13, this process 9
SPLIT_FROM = 5
OWN = 9


@pytest.fixture(scope="module")
def project():
    return load_project(EXAMPLE)


@pytest.fixture(scope="module")
def one_process(project) -> str:
    text = Renderer(project, "html", processes=1).render(AGENDA)
    assert isinstance(text, str)
    return text


@pytest.fixture
def split(monkeypatch):
    """Split from SPLIT_FROM Steckbriefe on; returns the ids of the blocks this process rendered."""
    monkeypatch.setattr(agenda_split, "MIN_STECKBRIEFE", SPLIT_FROM)
    monkeypatch.setattr(agenda_split, "WORKER_SHARE", 0.6)
    rendered_here: list[str] = []
    init = agenda_split._Replaced.__init__

    def counting_init(self, original, *args):
        def counted(ctx):
            rendered_here.append(agenda_split._sb_id(ctx))
            return original(ctx)

        init(self, counted, *args)

    monkeypatch.setattr(agenda_split._Replaced, "__init__", counting_init)
    return rendered_here


def render(project, processes: int | None = 2) -> str:
    text = Renderer(project, "html", processes=processes).render(AGENDA)
    assert isinstance(text, str)
    return text


def test_two_processes_write_the_same_bytes(project, one_process, split):
    assert render(project) == one_process
    ids = [sb.id for sb in project.steckbriefe]
    assert split == ids[:OWN]  # the other 13 came from the worker
    assert multiprocessing.active_children() == []  # and it is gone


def test_the_whole_render_writes_the_same_files(project, split, tmp_path):
    render_project(project, RenderOptions("html", tmp_path / "eins", jobs=1))
    assert len(split) == 22  # one process: every block here
    split.clear()
    render_project(project, RenderOptions("html", tmp_path / "zwei"))
    assert len(split) == OWN
    for one in sorted((tmp_path / "eins").iterdir()):
        assert (tmp_path / "zwei" / one.name).read_bytes() == one.read_bytes(), one.name


@pytest.mark.parametrize("processes", [1, None])
def test_no_worker_with_one_process_or_a_short_agenda(project, one_process, monkeypatch, processes):
    if processes is None:  # all cores, but 22 Steckbriefe are fewer than MIN_STECKBRIEFE
        assert agenda_split.MIN_STECKBRIEFE == 2_000
    else:
        monkeypatch.setattr(agenda_split, "MIN_STECKBRIEFE", SPLIT_FROM)

    def no_fork(*args):
        raise AssertionError("no worker expected")

    monkeypatch.setattr(agenda_split, "_fork", no_fork)
    assert render(project, processes) == one_process


def _fails(template, context, first, conn):
    conn.send(None)


def _dies(template, context, first, conn):
    os._exit(3)


def _lies(template, context, first, conn):
    conn.send([("SB-FALSCH", agenda_split.pack("<p>untergeschoben</p>"))])
    conn.send(True)


def _sends_too_few(template, context, first, conn):
    conn.send(True)


@pytest.mark.parametrize("worker", [_fails, _dies, _lies, _sends_too_few])
def test_this_process_renders_what_the_worker_did_not(project, one_process, split, monkeypatch, worker):
    monkeypatch.setattr(agenda_split, "_work", worker)
    assert render(project) == one_process
    assert split == [sb.id for sb in project.steckbriefe]  # all 22 rendered here
    assert multiprocessing.active_children() == []


def test_template_error_in_the_workers_part_is_reported_as_without_it(project, split):
    late = project.steckbriefe[-1]  # rendered by the worker
    messages = []
    for processes in (1, 2):
        renderer = Renderer(project, "html", processes=processes)
        inline = renderer.env.filters["markdown_inline"]

        def broken(text, *args, _inline=inline, **kwargs):
            if text == late.kurzbeschreibung:
                raise ValueError("kaputt")
            return _inline(text, *args, **kwargs)

        renderer.env.filters["markdown_inline"] = broken
        with pytest.raises(DigistratError) as exc:
            renderer.render(AGENDA)
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith("mitgelieferte Vorlage agenda.html.j2, Zeile ")
    assert messages[0].endswith(": ValueError: kaputt")
    assert multiprocessing.active_children() == []


def test_pieces_are_about_the_chunk_size(project, one_process):
    renderer = Renderer(project, "html", processes=1)
    context = renderer.kontext(AGENDA)
    pieces = list(template_chunks(renderer.env, "agenda.html.j2", context, chunk=10_000))
    assert "".join(pieces) == one_process
    assert len(pieces) > 5
    assert all(len(piece) >= 10_000 for piece in pieces[:-1])  # not one per template piece
    assert len(pieces[-1]) > 0


def test_documents_in_worker_processes_render_the_agenda_without_its_own_worker(project, split, tmp_path):
    # with --jobs 2 the agenda is rendered in a daemonic worker of render/parallel.py, which may
    # not start a process of its own ("daemonic processes are not allowed to have children")
    render_project(project, RenderOptions("html", tmp_path / "eins", jobs=1))
    render_project(project, RenderOptions("html", tmp_path / "zwei", jobs=2))
    for one in sorted((tmp_path / "eins").iterdir()):
        assert (tmp_path / "zwei" / one.name).read_bytes() == one.read_bytes(), one.name
    assert multiprocessing.active_children() == []


def test_a_template_error_in_this_process_part_stops_the_worker_at_once(project, split):
    early = project.steckbriefe[0]  # rendered here, while the worker renders the late ones
    renderer = Renderer(project, "html", processes=2)
    inline = renderer.env.filters["markdown_inline"]

    def broken(text, *args, **kwargs):
        if text == early.kurzbeschreibung:
            raise ValueError("kaputt")
        return inline(text, *args, **kwargs)

    renderer.env.filters["markdown_inline"] = broken
    with pytest.raises(DigistratError, match="ValueError: kaputt"):
        renderer.render(AGENDA)
    assert multiprocessing.active_children() == []  # not left to the collector (or the exit)


def test_a_failed_fork_renders_everything_here(project, one_process, split, monkeypatch):
    def no_process(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")  # fork(): EAGAIN

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", no_process)
    assert render(project) == one_process
    assert len(split) == 22


def test_the_worker_ends_quietly_when_the_parent_is_gone(project):
    # multiprocessing prints a traceback for an exception that leaves the worker's function
    renderer = Renderer(project, "html", processes=1)
    template = renderer.env.get_template("agenda.html.j2")
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    receive.close()  # the parent died
    agenda_split._work(template, renderer.kontext(AGENDA), 0, send)


def _sends_a_lot(template, context, first, conn):
    try:
        conn.send("x" * 1_000_000)  # more than the pipe holds
    except OSError:
        pass


def test_the_worker_ends_when_the_parent_is_killed(project, monkeypatch):
    monkeypatch.setattr(agenda_split, "_work", _sends_a_lot)
    renderer = Renderer(project, "html", processes=2)
    process, receive = agenda_split._fork(renderer.env.get_template("agenda.html.j2"), {}, 0)
    receive.close()  # as when this process is killed: nobody reads any more
    process.join(timeout=10)
    ended = process.exitcode is not None
    if not ended:
        process.kill()
        process.join()
    assert ended  # not blocked forever in its send


def test_the_pages_are_a_sequence_made_on_access(project):
    from digistrat.render.steckbrief import SteckbriefSichten

    renderer = Renderer(project, "html", processes=1)
    pages = SteckbriefSichten(project, renderer.run.rollup)
    assert len(pages) == 22 and bool(pages)
    assert [d.nr for d in pages] == list(range(1, 23))
    assert (pages[0].sb, pages[-1].nr, pages[-22].nr) == (project.steckbriefe[0], 22, 1)
    assert [d.nr for d in pages[1:3]] == [2, 3]
    for outside in (22, -23):
        with pytest.raises(IndexError):
            pages[outside]
    assert pages[3] is not pages[3]  # made anew: nothing is kept
    assert pages[3].kosten_gesamt == pages[3].kosten_gesamt
