"""Ctrl-C while the workers load a project: the parent alone handles it ("Abgebrochen.", exit 130).

Ctrl-C reaches the whole process group; a loading worker that was waiting for its next chunk
printed a traceback of its own under the parent's "Abgebrochen.". The workers now ignore SIGINT
(digistrat/loading/reader.py), which this test checks inside them.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from conftest import EXAMPLE

from digistrat.loading import reader
from digistrat.loading.project import discover

_REPORTS: list[Path] = []  # the folder the workers write to (set before they are forked)
_READ_CHUNK = reader._read_chunk


def _reporting_chunk(task):
    """A loading worker's chunk, which also writes down how the worker handles SIGINT."""
    handler = signal.getsignal(signal.SIGINT)
    (_REPORTS[0] / str(os.getpid())).write_text("ignoriert" if handler is signal.SIG_IGN else repr(handler))
    return _READ_CHUNK(task)


def test_loading_workers_leave_ctrl_c_to_the_parent(monkeypatch, tmp_path):
    monkeypatch.setattr(reader, "_parallel_threshold", lambda: 1)
    monkeypatch.setattr(reader, "_read_chunk", _reporting_chunk)
    _REPORTS[:] = [tmp_path]
    try:
        files = discover(EXAMPLE)
        results = reader.read_files(files, jobs=2)
    finally:
        _REPORTS.clear()
    assert [r.source for r in results] == files
    reports = sorted(p.read_text() for p in tmp_path.iterdir())
    assert reports and set(reports) == {"ignoriert"}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the parent's is untouched
