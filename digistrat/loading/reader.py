"""Read, parse and schema-validate project files; fan out over CPU cores for large projects."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from digistrat.checks.dates import check_dates
from digistrat.findings import Finding, Severity
from digistrat.loading import cache as result_cache
from digistrat.loading import schema, yamlparse
from digistrat.loading.positions import position_in
from digistrat.loading.project import SourceFile
from digistrat.loading.yamlparse import ParseProblem, decode, exact_numbers, load_document

# Measured on 2 cores (benchmarks/, whole `digistrat validate` runs): two processes are 10 ms
# slower at 100 files, 10 ms faster at 200 and 50 ms faster at 400.
PARALLEL_THRESHOLD = 200
# Without jsonschema-rs (DIGISTRAT_NO_ACCEL=1, or no wheel for the platform) jsonschema in Python
# validates every file and ruamel.yaml composes it: about 2.7 ms a file instead of 1.2, so the
# workers pay at fewer files. Measured on 2 idle cores: two processes are about 0.1 s faster at
# 105 files, and not reliably faster at 55.
PARALLEL_THRESHOLD_CARD_ONLY = 100
# Files per task of a worker at most (the parent receives a task's results at once).
CHUNK_MAX = 250


@dataclass
class FileResult:
    source: SourceFile
    data: dict | None  # None when the file could not be read as a mapping
    text: str | None  # None when unreadable, or when a worker process left it out (see LazyTexts)
    findings: list[Finding] = field(default_factory=list)
    #: JSON path → (source text, line, column) of every number with a fraction or exponent; the data
    #: holds these as :class:`~decimal.Decimal` made from that text (``30.000`` keeps its three decimals)
    numbers: dict[tuple, tuple[str, int, int]] = field(default_factory=dict)
    #: the data was dropped once the model had been built from it (see :meth:`release`)
    released: bool = False
    key: str = ""  # the result cache's key of the bytes read ("" without a cache)
    #: the bytes read, kept instead of the dropped text when the caller scans every file's text
    #: again (lint): decoding them is cheaper than reading 10,000 files once more (see LazyTexts)
    raw: bytes | None = None

    @property
    def parsed(self) -> bool:
        """The file was read as a mapping (its data may have been released since)."""
        return self.data is not None or self.released

    @property
    def valid(self) -> bool:
        return self.parsed and not self.findings

    def release(self) -> None:
        """Drop the data (and its numbers' source texts) of a file whose model is built: a large
        project would otherwise hold every file's plain data beside its model."""
        if self.data is not None:
            self.data, self.numbers, self.released = None, {}, True


def read_one(src: SourceFile, keep_text: bool = True, keep_raw: bool = False) -> FileResult:
    """``keep_text=False``: drop the text of a file without findings (workers: less to send back);
    with ``keep_raw`` its bytes are kept instead (``FileResult.raw``)."""
    try:
        raw = src.path.read_bytes()
    except OSError as exc:
        f = Finding(
            "DS002",
            "kodierung",
            Severity.FEHLER,
            f"Die Datei kann nicht gelesen werden ({_why(exc)}).",
            src.display,
            (),
            1,
            1,
        )
        return FileResult(src, None, None, [f])
    cache = result_cache.active()
    key = cache.key(raw, src.kind) if cache is not None else ""
    if cache is not None:
        hit = cache.get(key, src.display)
        if hit is not None:
            return _cached(src, raw, hit, keep_text, key, keep_raw)
    try:
        doc = load_document(raw)
    except ParseProblem as p:
        f = Finding(p.code, p.rule, Severity.FEHLER, p.message, src.display, p.path, p.line, p.column)
        if cache is not None:
            cache.put(key, None, {}, [f])
        return FileResult(src, None, raw.decode("utf-8", errors="replace"), [f], key=key)
    data = doc.data
    findings = schema.validate(src.kind, data, src.display) or check_dates(data, src.display)
    if findings:  # positions from the tree at hand: no second parse of a large file
        findings = [_located(f, doc) for f in findings]
    if cache is not None:
        cache.put(key, data, doc.numbers, findings)
    if not findings:
        exact_numbers(data, doc.numbers)
    text, kept_raw = _text_or_raw(raw, findings, keep_text, keep_raw, doc.text)
    return FileResult(src, data, text, findings, doc.numbers, key=key, raw=kept_raw)


def _cached(src: SourceFile, raw: bytes, hit: tuple, keep_text: bool, key: str, keep_raw: bool) -> FileResult:
    data, numbers, findings = hit
    if data is None:  # a file that could not be read as YAML: its problem was cached
        return FileResult(src, None, raw.decode("utf-8", errors="replace"), findings, key=key)
    if not findings:
        exact_numbers(data, numbers)
    text, kept_raw = _text_or_raw(raw, findings, keep_text, keep_raw)
    return FileResult(src, data, text, findings, numbers, key=key, raw=kept_raw)


def _text_or_raw(
    raw: bytes, findings: list, keep_text: bool, keep_raw: bool, text: str | None = None
) -> tuple[str | None, bytes | None]:
    """What a result keeps of a readable file: its text (asked for, or needed for the positions of
    its findings), else its bytes when ``keep_raw``, else nothing. ``text``: already decoded."""
    if keep_text or findings:
        return (decode(raw) if text is None else text), None
    return None, (raw if keep_raw else None)


def _located(finding: Finding, doc) -> Finding:
    if finding.line is not None:
        return finding
    line, column = position_in(doc.root, doc.classes, tuple(finding.path), finding.at_key)
    return finding.located(line, column)


# The files of the current fan-out: forked workers inherit the list and are sent only index
# ranges, so no SourceFile (with its Path) is pickled either way.
_FORK_FILES: list[SourceFile] = []


def _why(exc: OSError) -> str:
    from digistrat.errors import os_reason

    return os_reason(exc, writing=False)


def _read_chunk(task: tuple[int, int, list[SourceFile] | None, bool]) -> list[tuple]:
    """(data, text, findings, numbers, key, raw) per file; the parent puts its own SourceFile back."""
    if not gc.isenabled():
        # The parent paused the collector while it loads; a worker needs it (ruamel.yaml and
        # jsonschema leave cyclic garbage behind). Freezing what it inherited keeps collections
        # from walking (and copying) the parent's objects.
        gc.freeze()
        gc.enable()
    start, stop, chunk, keep_raw = task
    out = []
    for src in _FORK_FILES[start:stop] if chunk is None else chunk:
        # Sending 10,000 texts back costs more than reading the few needed again (LazyTexts);
        # bytes, when the caller reads them all (pickled as they are, half the size of the text).
        r = read_one(src, keep_text=False, keep_raw=keep_raw)
        out.append((r.data, r.text, r.findings, r.numbers, r.key, r.raw))
    return out


class LazyTexts(Mapping):
    """Display path → text of every readable file; a text left out by a worker is read again on first use.

    Texts are needed only for positions of findings and for rules that scan the raw text, so the
    clean path does not carry 10,000 of them between processes. A text read again is not kept:
    the rules that scan every file ask for each text once, and keeping what they read would hold
    every file of a large project in memory (50,000 files: over 100 MB). A file whose bytes were
    kept (``read_files(keep_raw=True)``) is decoded from them instead of being read again.
    """

    def __init__(self, results: list[FileResult]):
        self._known = {r.source.display: r.text for r in results if r.text is not None}
        self._raw = {r.source.display: r.raw for r in results if r.raw is not None}
        # every file that was read (its data or a parse problem other than "cannot be read")
        self._paths = {r.source.display: r.source.path for r in results if r.text is not None or r.parsed}

    def __getitem__(self, display: str) -> str:
        text = self._known.get(display)
        if text is None:
            path = self._paths[display]  # KeyError for a file that was never read
            raw = self._raw.get(display)
            try:
                raw = path.read_bytes() if raw is None else raw
            except OSError:  # removed since it was checked: no text to point into
                raw = b""
            try:
                text = decode(raw)
            except ParseProblem:
                text = raw.decode("utf-8", errors="replace")
        return text

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __repr__(self) -> str:
        return f"LazyTexts({len(self)} files, {len(self._known)} kept)"


def read_files(
    files: list[SourceFile],
    jobs: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    keep_raw: bool = False,
) -> list[FileResult]:
    """Results in the order of ``files``. ``jobs``: worker processes (default: all cores).

    ``on_result`` is called with each result in that order as soon as it is there: with workers,
    the caller's work on the first files overlaps with the workers reading the rest.
    ``keep_raw``: keep the bytes of every file whose text is dropped (for a caller that reads
    every text again, see LazyTexts).
    """
    jobs = jobs or os.cpu_count() or 1
    try:
        return _read_files(files, jobs, on_result, keep_raw)
    finally:
        cache = result_cache.active()
        if cache is not None:
            cache.prune()


def _parallel_threshold() -> int:
    """From how many files workers pay: fewer with the slower validation of the card-only path."""
    return PARALLEL_THRESHOLD if schema.accelerator_active() else PARALLEL_THRESHOLD_CARD_ONLY


def _read_files(
    files: list[SourceFile], jobs: int, on_result: Callable[[FileResult], None] | None, keep_raw: bool
) -> list[FileResult]:
    if jobs < 2 or len(files) < _parallel_threshold():
        # A large project read in one process (--jobs 1) drops its clean texts like the workers do.
        keep = len(files) < PARALLEL_THRESHOLD
        serial = []
        for src in files:
            serial.append(read_one(src, keep_text=keep, keep_raw=keep_raw))
            if on_result is not None:
                on_result(serial[-1])
        return serial
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _FORK_FILES
    # Build parsers and validators before forking so that every worker inherits them ready-made.
    yamlparse.prepare()
    schema.prepare(sorted({f.kind for f in files}))
    # Build the result cache's key parts before forking too (each worker would do it again).
    result_cache.active()
    ctx: Any
    try:
        ctx = multiprocessing.get_context("fork")
        forked = True
    except ValueError:  # pragma: no cover - platforms without fork: send the files themselves
        ctx, forked = multiprocessing.get_context(), False
    # Small enough chunks that the parent holds only a few chunks' plain data at a time (the
    # caller may release each file's data in ``on_result``).
    size = min(-(-len(files) // (jobs * 4)), CHUNK_MAX)
    tasks = [
        (i, min(i + size, len(files)), None if forked else files[i : i + size], keep_raw)
        for i in range(0, len(files), size)
    ]
    results: list[FileResult] = []
    _FORK_FILES = files
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_leave_ctrl_c_to_the_parent) as pool:
            try:
                for (start, stop, _, _), part in zip(tasks, pool.map(_read_chunk, tasks)):
                    part.reverse()  # popped from the end: a file's data is held here no longer than in results
                    for src in files[start:stop]:
                        data, text, findings, numbers, key, raw = part.pop()
                        results.append(FileResult(src, data, text, findings, numbers, key=key, raw=raw))
                        if on_result is not None:
                            on_result(results[-1])
            except BaseException:  # Ctrl-C, an error: the files not yet read are not waited for
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        _FORK_FILES = []
    return results


def _leave_ctrl_c_to_the_parent() -> None:
    """In a loading worker: Ctrl-C reaches the whole process group, and a worker interrupted
    while it waited for its next chunk printed a traceback under "Abgebrochen."; the parent
    stops the workers itself."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
