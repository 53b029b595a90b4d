"""Render independent documents side by side in forked worker processes (issue 14).

Every document of a run depends only on the prepared :class:`~digistrat.render.writer.Renderer`
(project, rollup, templates), so the documents can be rendered in any order and in any process
and come out byte-for-byte the same. Workers are forked from the process that prepared the
renderer: they inherit it and are sent only job numbers, nothing is pickled on the way in.
Each document gets a fresh worker process, so the memory WeasyPrint needed
for a long annex goes back to the system as soon as that annex is written.

The longest documents are started first (Anlage 2 grows with the Steckbriefe, the finance
blocks do not), so that the short ones fill the other core meanwhile.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from digistrat.render.forked import sigint_blocked

# PDF pays off from two documents on. Markdown and HTML use workers only when asked for
# (``--jobs``): each forked worker soon holds its own copy of the model (reference counts
# touch its pages), which at 10,000 Steckbriefe took the tree from 818 MB (largest process)
# to 1,359 MB PSS, while the text documents are quick to render one after another.
# Rough cost per document, largest first; documents not named here are cheap.
COST_ORDER = ("agenda", "strategie", "ressourcen", "organisation")

# The steps of a long PDF agenda after its parts (render/agenda_pdf.py), as "part numbers".
FRONT, JOIN = -1, -2
# The tasks of the current run, inherited by the forked workers (which get only a task number).
_TASKS: list[Callable[[], Any]] = []


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def worker_count(fmt: str, jobs: int, processes: int | None = None) -> int:
    """How many worker processes to use for ``jobs`` documents; 0 means: render in this process.

    ``processes``: what ``--jobs`` asked for; None: all cores for PDF, one process otherwise.
    """
    if processes is None:
        processes = available_cores() if fmt == "pdf" else 1
    if processes < 2 or jobs < 2 or not can_fork():
        return 0
    return min(processes, jobs)


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _cost_rank(job) -> int:
    dok = job[0]
    return COST_ORDER.index(dok.schluessel) if dok.schluessel in COST_ORDER else len(COST_ORDER)


def _work(index: int, inherited, conn) -> None:
    """In the forked worker: run one task and send (ok, result or exception) to the parent.

    It closes its copy of the parent's end of its pipe first: left open, a result larger than the
    pipe buffer (a PDF) would block the worker forever once the parent is killed. Ctrl-C is the
    parent's to handle (it stops the workers): here it is ignored, and it was blocked from before
    the fork until now, so that no worker prints a traceback of an interrupted start."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    inherited.close()
    try:
        result: tuple[bool, Any] = (True, _TASKS[index]())
    except BaseException as exc:  # handed to the parent, which raises it
        result = (False, exc)
    try:
        conn.send(result)
    except Exception:  # an exception that cannot be pickled: its text is enough
        conn.send((False, RuntimeError(str(result[1]))))
    finally:
        conn.close()


class _Schedule:
    """The tasks of a run: one per document, except a long PDF agenda, which is one task per part
    of its Steckbriefe and, once they are all done, one for the front part, then one for the join
    (:mod:`digistrat.render.agenda_pdf`). Parts first, then the documents, longest first."""

    def __init__(self, renderer, jobs: Sequence):
        from digistrat.render import agenda_pdf

        self.renderer = renderer
        self.owner: list[tuple[int, int | None]] = []  # task -> (job, part number or None)
        self.parts: dict[int, list] = {}  # job -> results of its parts, None while running
        documents: list[tuple[int, int, int]] = []
        parts: list[int] = []
        for i, (dok, partner) in enumerate(jobs):
            plan = agenda_pdf.plan_parts(renderer, dok)
            if plan is None:
                documents.append((_cost_rank(jobs[i]), i, self._add(i, None, _render_job(renderer, dok, partner))))
                continue
            self.parts[i] = [None] * len(plan)
            parts.extend(self._add(i, k, _render_part(renderer, nummern)) for k, nummern in enumerate(plan))
        start_order = parts + [task for _, _, task in sorted(documents)]
        self.queue = start_order[::-1]

    def _add(self, job: int, part: int | None, task: Callable[[], Any]) -> int:
        _TASKS.append(task)
        self.owner.append((job, part))
        return len(_TASKS) - 1

    def done(self, task: int, result) -> tuple[int, Any] | None:
        """(job, content) when ``task`` finished a document; a finished part may queue the next step."""
        from digistrat.render import agenda_pdf

        job, part = self.owner[task]
        if part is None or part == JOIN:
            return job, result
        results = self.parts[job]
        if part == FRONT:  # the join in a fresh worker, without the front part's memory
            self.queue.append(self._add(job, JOIN, lambda: agenda_pdf.join_parts(result, results)))
            return None
        results[part] = result
        if all(r is not None for r in results):
            renderer = self.renderer
            self.queue.append(self._add(job, FRONT, lambda: agenda_pdf.render_front(renderer, results)))
        return None


def _render_job(renderer, dok, partner) -> Callable[[], Any]:
    return lambda: renderer.render(dok, partner)


def _render_part(renderer, nummern) -> Callable[[], Any]:
    from digistrat.render import agenda_pdf

    return lambda: agenda_pdf.render_part(renderer, nummern)


def render_parallel(renderer, jobs: Sequence, workers: int) -> Iterator[tuple[int, str | bytes]]:
    """(index into ``jobs``, content) for every job, in the order the workers finish them.

    One forked process per task, started from this thread only. (multiprocessing.Pool
    forks replacement workers from a helper thread; a worker terminated while holding the task
    queue's lock left its replacement waiting forever, and the pool's shutdown with it.)
    """
    import multiprocessing
    from multiprocessing.connection import wait

    from digistrat.errors import DigistratError

    context = multiprocessing.get_context("fork")
    running: dict[Any, tuple[Any, int]] = {}
    _TASKS.clear()
    renderer.prepare_shared([dok for dok, _ in jobs])
    try:
        schedule = _Schedule(renderer, jobs)
        while schedule.queue or running:
            while schedule.queue and len(running) < workers:
                task = schedule.queue.pop()
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_work, args=(task, receive, send), daemon=True)
                with sigint_blocked():  # a Ctrl-C now reaches this process once the worker exists
                    process.start()
                    running[receive] = (process, task)
                send.close()
            for ready in wait(list(running)):
                conn: Any = ready
                process, task = running.pop(conn)
                payload: Any
                try:
                    ok, payload = conn.recv()
                except EOFError:
                    ok, payload = False, None
                conn.close()
                process.join()
                if not ok:
                    if isinstance(payload, BaseException):
                        raise payload
                    raise DigistratError(f"Ein Render-Prozess wurde unerwartet beendet (Exit-Code {process.exitcode}).")
                finished = schedule.done(task, payload)
                if finished is not None:
                    yield finished
    finally:
        for pipe, (process, _) in running.items():
            process.kill()
            process.join()
            pipe.close()
        _TASKS.clear()


def render_all(renderer, jobs: Sequence, workers: int) -> Iterator[tuple[int, str | bytes | Iterable[str]]]:
    """(index, content) for every job: in worker processes when ``workers`` > 1, else here, in order
    (HTML then as pieces still to be made: write them before asking for the next job)."""
    if workers > 1:
        yield from render_parallel(renderer, jobs, workers)
        return
    for i, (dok, partner) in enumerate(jobs):
        yield i, renderer.pieces(dok, partner)  # HTML: written while it is made
