"""The other documents of an HTML run, rendered beside a long agenda by one more process
(render/side_documents.py), are byte for byte the documents of a run in one process. A worker that
fails or dies changes nothing, and a template error is reported exactly as without it."""

from __future__ import annotations

import json
import multiprocessing
import os

import pytest
from conftest import EXAMPLE

from digistrat.errors import DigistratError
from digistrat.render import agenda_split, side_documents
from digistrat.render.writer import Renderer, RenderOptions, render_project
from digistrat.validation import load_project


@pytest.fixture(scope="module")
def project():
    return load_project(EXAMPLE)


@pytest.fixture(scope="module")
def one_process(project, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("eins")
    result = render_project(project, RenderOptions("html", out, jobs=1))
    return {p.name: p.read_bytes() for p in result.files} | {".digistrat-dateien.json": b""}  # in plan order


@pytest.fixture
def rendered_here(monkeypatch) -> list[str]:
    """The keys of the documents this process rendered; the example's 22 Steckbriefe count as a
    long agenda (both workers start)."""
    monkeypatch.setattr(agenda_split, "MIN_STECKBRIEFE", 5)
    here: list[str] = []
    parent = os.getpid()
    pieces = Renderer.pieces

    def counted(self, dok, partner=None):
        if os.getpid() == parent:
            here.append(dok.schluessel if partner is None else f"{dok.schluessel}:{partner.id}")
        return pieces(self, dok, partner)

    monkeypatch.setattr(Renderer, "pieces", counted)
    return here


def files(folder) -> dict[str, bytes]:
    """Every file written, the list of them too (its order is the order of writing, so it is only
    compared by name: one run writes the agenda first)."""
    found = {p.name: p.read_bytes() for p in folder.iterdir()}
    found[".digistrat-dateien.json"] = b""
    return found


def test_the_worker_renders_every_other_document_and_the_files_are_the_same(
    project, one_process, rendered_here, tmp_path
):
    result = render_project(project, RenderOptions("html", tmp_path))
    assert rendered_here == ["agenda"]  # the 13 others came from the worker
    assert files(tmp_path) == one_process
    assert [p.name for p in result.files] == [n for n in one_process if not n.startswith(".")]  # plan order
    listed = json.loads((tmp_path / ".digistrat-dateien.json").read_text(encoding="utf-8"))["dateien"]
    assert sorted(listed) == sorted(n for n in one_process if not n.startswith("."))
    assert multiprocessing.active_children() == []


def test_no_worker_with_one_process_or_a_short_agenda(project, one_process, monkeypatch, tmp_path):
    def no_fork(*args):
        raise AssertionError("no worker expected")

    monkeypatch.setattr(side_documents, "_fork", no_fork)
    render_project(project, RenderOptions("html", tmp_path / "kurz"))  # 22 < MIN_STECKBRIEFE
    monkeypatch.setattr(agenda_split, "MIN_STECKBRIEFE", 5)
    render_project(project, RenderOptions("html", tmp_path / "eins", jobs=1))
    render_project(project, RenderOptions("md", tmp_path / "md"))  # only a long HTML agenda is split
    assert files(tmp_path / "kurz") == one_process
    assert files(tmp_path / "eins") == one_process


def _fails_on_the_finance_blocks(renderer, parent: int):
    pieces = Renderer.pieces

    def failing(self, dok, partner=None):
        if os.getpid() != parent and dok.schluessel == "finanzen":
            raise MemoryError
        return pieces(self, dok, partner)

    return failing


def test_what_the_worker_did_not_send_is_rendered_here(project, one_process, rendered_here, monkeypatch, tmp_path):
    monkeypatch.setattr(Renderer, "pieces", _fails_on_the_finance_blocks(Renderer, os.getpid()))
    render_project(project, RenderOptions("html", tmp_path))
    # the worker sent Anlage 1, 3 and 4; from the first finance block on, everything is rendered here
    assert rendered_here[:2] == ["agenda", f"finanzen:{project.partner[0].id}"]
    assert len(rendered_here) == 11  # 9 finance blocks and the index
    assert files(tmp_path) == one_process
    assert multiprocessing.active_children() == []


def _dies(inherited, renderer, jobs, others, conn):
    os._exit(3)


def test_a_worker_that_dies_changes_nothing(project, one_process, rendered_here, monkeypatch, tmp_path):
    monkeypatch.setattr(side_documents, "_child", _dies)
    render_project(project, RenderOptions("html", tmp_path))
    assert len(rendered_here) == 14  # all of them here
    assert files(tmp_path) == one_process


def test_a_failed_fork_renders_everything_here(project, one_process, rendered_here, monkeypatch, tmp_path):
    def no_process(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")  # fork(): EAGAIN

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", no_process)
    render_project(project, RenderOptions("html", tmp_path))
    assert len(rendered_here) == 14
    assert files(tmp_path) == one_process


def _broken_filter(name: str, wanted):
    """Renderer.__init__ with the filter ``name`` raising for the values ``wanted`` accepts."""
    renderer_init = Renderer.__init__

    def init(self, *args, **kwargs):
        renderer_init(self, *args, **kwargs)
        original = self.env.filters[name]

        def failing(value, *a, **k):
            if wanted(value):
                raise ValueError("kaputt")
            return original(value, *a, **k)

        self.env.filters[name] = failing

    return init


def test_a_template_error_in_a_document_of_the_worker_is_reported_as_without_it(
    project, rendered_here, monkeypatch, tmp_path
):
    # |vzae appears in Anlage 4 only, which the worker renders
    monkeypatch.setattr(Renderer, "__init__", _broken_filter("vzae", lambda value: True))
    messages = []
    for jobs in (1, None):
        with pytest.raises(DigistratError) as exc:
            render_project(project, RenderOptions("html", tmp_path / str(jobs), jobs=jobs))
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith("mitgelieferte Vorlage ressourcen.html.j2, Zeile ")
    assert messages[0].endswith(": ValueError: kaputt")
    assert rendered_here[-1] == "ressourcen"  # rendered here again, after the worker failed on it
    assert multiprocessing.active_children() == []


def test_an_error_in_the_agenda_stops_the_worker_at_once(project, rendered_here, monkeypatch, tmp_path):
    early = project.steckbriefe[0].kurzbeschreibung
    monkeypatch.setattr(Renderer, "__init__", _broken_filter("markdown_inline", lambda text: text == early))
    with pytest.raises(DigistratError, match="ValueError: kaputt"):
        render_project(project, RenderOptions("html", tmp_path))
    assert multiprocessing.active_children() == []  # not left to the collector (or the exit)
    assert not list(tmp_path.glob("*.html"))


def test_the_worker_ends_quietly_when_the_parent_is_gone(project, capfd):
    from digistrat.render.writer import plan

    renderer = Renderer(project, "html", processes=1)
    fork = multiprocessing.get_context("fork")
    inherited, _ = fork.Pipe(duplex=False)
    receive, send = fork.Pipe(duplex=False)
    receive.close()  # the parent died: the send fails, and no traceback reaches the terminal
    side_documents._child(inherited, renderer, plan(project, RenderOptions("html")), [0], send)
    assert capfd.readouterr().err == ""
