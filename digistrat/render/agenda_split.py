"""The Steckbriefe of a long HTML agenda, rendered by two processes at once (issue 14).

Why: at 10,000 Steckbriefe the agenda template is more than half of ``render --format html``
(8 of 15 s), and it runs on one core. Every Steckbrief is one ``steckbrief`` block of
``agenda.html.j2`` that depends only on its ``d`` and on the context the whole document shares,
so its text is the same whichever process renders it.

How: when the agenda starts, a worker is forked. It inherits the template context and renders
the template too, but without the part before the Steckbriefe (block ``vorspann``) and only the
blocks of the later Steckbriefe (:data:`WORKER_SHARE`), whose texts it sends in batches. This
process renders the document as always, in order; the blocks of the worker's Steckbriefe are
replaced by the texts it sent. So the file is byte for byte the one rendered in one process
(tests/test_render_split.py compares them). Nothing is pickled on the way into the worker; the
texts come back compressed (:func:`pack`).

The price is memory: a forked worker shares this process's pages until either writes to one,
and reading an object writes its reference count, so every page that either process touches
while the worker lives exists twice (at 10,000 Steckbriefe about 150 MB more for a few seconds).
Hence the pages (:class:`~digistrat.render.steckbrief.SteckbriefSicht`) are made when rendered
and not kept, and nothing else is computed while the worker lives.

If the worker fails or dies, this process renders the rest itself, so a template error is
reported exactly as without the worker (with its template line). A project that brings its own
agenda templates is rendered in one process, like the PDF parts (render/agenda_pdf.py).
"""

from __future__ import annotations

import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

# Below this many Steckbriefe a fork costs more than it saves (the whole agenda of 1,000: 0.8 s).
MIN_STECKBRIEFE = 2_000
# The worker's part of the Steckbriefe. This process also renders the text before them and
# writes the file; the worker is slower per Steckbrief (it copies every page it touches).
WORKER_SHARE = 0.5
# Steckbriefe per message from the worker (about 2 KB each, compressed).
BATCH = 200
BLOCK, BEFORE = "steckbrief", "vorspann"

BlockFunction = Callable[[Any], Iterator[str]]


def wanted(renderer, dok) -> bool:
    """Whether ``dok`` is an HTML agenda of the bundled templates (to render with :func:`generator`)."""
    from digistrat.render.agenda_pdf import own_templates

    return dok.schluessel == "agenda" and renderer.fmt == "html" and not own_templates(renderer.project)


def generator(processes: int | None) -> Callable[[Any, dict], Iterator[str]]:
    """A replacement for ``template.generate`` (see environment.template_chunks).

    ``processes``: as ``--jobs`` (None: all cores). Nothing else is computed while the worker
    lives: what this process allocates then adds to the worker's copies (the granted-only rollup
    computed meanwhile took the peak from 460 to 503 MB at 10,000 Steckbriefe)."""

    def generate(template, context: dict) -> Iterator[str]:
        ctx = template.new_context(dict(context))
        replaced = None
        if BLOCK in ctx.blocks:
            worker, first = None, sys.maxsize
            if _split(processes, context) and BEFORE in ctx.blocks:
                details = context["details"]
                first = len(details) - int(len(details) * WORKER_SHARE)
                worker = _fork(template, context, first)
                if worker is None:  # no process to be had: all of it here
                    first = sys.maxsize
            replaced = _Replaced(ctx.blocks[BLOCK][0], worker, first)
            ctx.blocks[BLOCK] = [replaced]
        try:
            yield from template.root_render_func(ctx)
        finally:  # done, failed or abandoned: the worker goes now (a traceback keeps ``replaced`` alive)
            if replaced is not None:
                replaced._stop()

    return generate


def _split(processes: int | None, context: dict) -> bool:
    import multiprocessing

    from digistrat.render.parallel import available_cores, can_fork

    if len(context.get("details") or []) < MIN_STECKBRIEFE:
        return False
    if multiprocessing.current_process().daemon:  # a worker of render/parallel.py may not fork one
        return False
    return (processes if processes is not None else available_cores()) >= 2 and can_fork()


class _Replaced:
    """Stands in for the ``steckbrief`` block in this process: called once per Steckbrief, in order."""

    def __init__(self, original: BlockFunction, worker, first: int):
        self.original = original
        self.worker: Any = worker  # (process, connection) until it is done
        self.first = first  # the number of the call from which the worker renders
        self.calls = 0
        self.finished = False  # the worker has sent all its texts
        self.received: deque[tuple[str, bytes]] = deque()  # (Steckbrief id, packed text), in order

    def __call__(self, ctx) -> Iterator[str]:
        nr = self.calls
        self.calls += 1
        if nr < self.first:
            # one piece instead of ~350: each piece of a block passes five generators on its way
            # out (the blocks, the templates, template_chunks); a quarter of the agenda template's time
            yield "".join(self.original(ctx))
            return
        text = self._next(_sb_id(ctx))
        # without the worker (any more) rendered here, exactly as it would have been
        yield "".join(self.original(ctx)) if text is None else text

    def _receive(self) -> bool:
        """All of the worker's texts, when the first is needed (it sends them only when all are
        done, compressed: 12 MB at 10,000 Steckbriefe). Taken at once, the worker can end at once,
        and its copies of the pages it touched (about 200 MB) are freed before this process
        writes its texts. False when it failed or died, or sent nothing."""
        if self.worker is None or self.finished:
            return False
        _, conn = self.worker
        try:
            while not self.finished:
                message = conn.recv()
                if message is None:  # it failed: its part is rendered here
                    return False
                if message is True:
                    self.finished = True
                else:
                    self.received.extend(message)
        except (EOFError, OSError):  # it died
            return False
        return bool(self.received)

    def _next(self, sb_id: str) -> str | None:
        if not self.received and not self._receive():
            self._stop()
            return None
        got, packed = self.received.popleft()
        if got != sb_id:  # cannot happen with the loop of agenda.html.j2; never guess
            self._stop()
            return None
        return unpack(packed)

    def _stop(self) -> None:
        if self.worker is not None:
            # the connection is closed when it is freed, not here: collected in a reference cycle,
            # it may have closed its descriptor already, and a second close failed before the
            # kill, leaving the worker running
            process, _ = self.worker
            self.worker = None
            self.received.clear()
            self.first = sys.maxsize  # whatever is left is rendered here
            process.kill()
            process.join()


def _sb_id(ctx) -> str:
    d = ctx.get("d")
    return str(getattr(getattr(d, "sb", None), "id", ""))


def _fork(template, context: dict, first: int):
    import multiprocessing

    mp = multiprocessing.get_context("fork")
    receive, send = mp.Pipe(duplex=False)
    sys.stdout.flush()  # the worker must not write again what this process has buffered
    sys.stderr.flush()
    process = mp.Process(target=_child, args=(receive, template, context, first, send), daemon=True)
    try:
        process.start()
    except OSError:  # fork failed (EAGAIN: the process limit; ENOMEM): rendered in this process
        receive.close()
        return None
    finally:
        send.close()
    return process, receive


def _child(inherited, template, context: dict, first: int, conn) -> None:
    """The worker closes its copy of this process's end first: were it left open, the worker's
    sends would block forever once this process is killed, and the worker would never end."""
    inherited.close()
    _work(template, context, first, conn)


def pack(text: str) -> bytes:
    """A Steckbrief's text as the worker keeps it until the parent asks: compressed, because
    kept as it is (about 14 KB each, the Euro sign makes Python store two bytes per character)
    the worker's part of 10,000 Steckbriefe held 68 MB."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def _work(template, context: dict, first: int, conn) -> None:
    """In the forked worker: the template without the text before the Steckbriefe and with only
    the blocks of the Steckbriefe from number ``first`` on; their texts are sent in batches when
    all are done, then True; None on failure. (Sent as they come, they would wait on the pipe
    while the parent renders its own part, which it reads only afterwards.)"""
    try:
        ctx = template.new_context(dict(context))
        texts: list[tuple[str, bytes]] = []
        calls = 0

        def keep_block(block_ctx) -> Iterator[str]:
            nonlocal calls
            calls += 1
            if calls > first:
                texts.append((_sb_id(block_ctx), pack("".join(original(block_ctx)))))
            return iter(())

        original = ctx.blocks[BLOCK][0]
        ctx.blocks[BLOCK] = [keep_block]
        ctx.blocks[BEFORE] = [lambda _ctx: iter(())]
        for _ in template.root_render_func(ctx):  # the rest of the text is this process's
            pass
        for start in range(0, len(texts), BATCH):
            conn.send(texts[start : start + BATCH])
        conn.send(True)
    except BaseException:  # the parent renders the rest itself and reports the error with its line
        try:
            conn.send(None)
        except OSError:  # the parent is gone (killed): no traceback of this process on its terminal
            pass
    finally:
        conn.close()
