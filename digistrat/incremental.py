"""``validate`` through the project index: only the files that changed are read.

Without it a warm ``validate`` of an unchanged 10,000-Steckbrief project still opens and parses
10,005 result-cache entries and runs every cross-file check again. The project index is one JSON
file per project root and working directory (display paths depend on both) in the result cache.
It records for each file its stat signature, its result-cache key, its id and its findings, and for
a valid Steckbrief the findings of the cross-file checks with the context they were made in
(:meth:`~digistrat.checks.integrity.Integrity.context`).

A file counts as unchanged without being read when its signature (size, mtime, ctime, inode,
device) is the recorded one and both times lie more than :data:`RACY_NS` before the recorded run
began. That is git's rule against "racy" entries: an edit within the same clock tick as the
recorded stat has a time after the run began, so it is never trusted by its signature; and ctime,
unlike mtime, cannot be set back by tools (``touch -d``, ``tar``, ``rsync -t``), so an edit that
keeps size and mtime still changes the signature. Every other file is read and its content key
compared. Unchanged Steckbriefe are stand-ins carrying only their id, findings and dependencies;
the root files are always read (from the result cache). Duplicate ids, unknown dependencies and
the agenda are checked on every run (they need only ids). When the context changed (the ids of
partners, Handlungsfelder or Programme), the Steckbriefe' data is read and every check runs as
without the index. The findings are always those of :func:`digistrat.validation.check`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from digistrat.checks.files import check_skipped_files
from digistrat.checks.integrity import Integrity
from digistrat.findings import Finding, sort_findings
from digistrat.gc_pause import gc_paused
from digistrat.loading import cache as result_cache
from digistrat.loading.positions import locate
from digistrat.loading.project import SourceFile, discover
from digistrat.loading.reader import FileResult, LazyTexts, read_files

FORMAT = 1
RACY_NS = 2_000_000_000  # a signature is trusted only for files last changed this long before the recorded run

# one row per file: rel, kind, signature (5 numbers), key, id, has_data, findings, and for a valid
# Steckbrief [its cross-file findings, its dependencies] (else None)
_ROW_LEN = 12


def validate(root: Path, *, jobs: int | None = None) -> tuple[list[Finding], list[SourceFile]]:
    """validate's findings of the project at ``root`` (sorted) and its files."""
    cache = result_cache.active()
    if cache is None:
        raise RuntimeError("the project index lives in the result cache")
    files = discover(root)
    index = _Index(cache, root, files)
    with gc_paused():
        findings = index.run(jobs)
    return findings, files


class _Index:
    def __init__(self, cache: result_cache.Cache, root: Path, files: list[SourceFile]):
        self.cache, self.root, self.files = cache, root, files
        parts = [cache.fingerprint, str(root), os.getcwd()]
        parts += [f"{kind}:{result_cache._parser_path(kind)}" for kind in sorted({f.kind for f in files})]
        self.key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        self.path = cache.root / "projekte" / f"{self.key}.idx"
        self.taken = time.time_ns()  # before any file is looked at (see RACY_NS)
        self.recorded = 0  # when the recorded index was taken
        self.old_context, self.rows = self._load()

    def _load(self) -> tuple[str | None, dict[str, list]]:
        """(context, rel → row) of the recorded index; nothing when missing, foreign or damaged."""
        try:
            with open(self.path, "rb") as f:
                entry = json.loads(f.read())
            if entry.get("format") != FORMAT or entry.get("key") != self.key:
                return None, {}
            taken, context, rows = entry["taken"], entry["context"], entry["files"]
            if not isinstance(taken, int) or not (context is None or isinstance(context, str)):
                return None, {}
            self.recorded = taken
            return context, {row[0]: row for row in rows if _well_formed(row)}
        except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
            return None, {}

    def _unchanged(self, src: SourceFile, signature: list[int] | None) -> list | None:
        """The recorded row of a file whose signature can be trusted, else None."""
        row = self.rows.get(src.rel)
        if row is None or signature is None or row[1] != src.kind or row[2:7] != signature:
            return None
        if max(signature[1], signature[2]) >= self.recorded - RACY_NS:
            return None
        return row

    def run(self, jobs: int | None) -> list[Finding]:
        from digistrat.validation import file_findings

        signatures = {src.rel: _signature(src.path) for src in self.files}
        stand_ins = self._stand_ins(signatures)
        skipped = list(check_skipped_files(self.root))
        integrity = Integrity(self.files, {Path(f.file).stem for f in skipped})
        integrity.record = {}
        root_results = read_files([s for s in self.files if s.kind != "steckbrief"], jobs=jobs)
        for r in root_results:
            integrity.add(r)
        context = integrity.context()
        recorded = self._recorded(stand_ins) if context == self.old_context else {}
        # a valid stand-in needs its recorded findings (another context, a damaged row: the file is read)
        usable = {rel: r for rel, r in stand_ins.items() if rel in recorded or not r.valid}
        fresh = iter(read_files([s for s in self.files if s.kind == "steckbrief" and s.rel not in usable], jobs=jobs))
        ready = iter(root_results)
        results = []
        for src in self.files:
            if src.kind != "steckbrief":
                results.append(next(ready))
                continue
            r = usable.get(src.rel) or next(fresh)
            integrity.add(r, recorded.get(src.rel) if src.rel in usable else None)
            results.append(r)
        findings = file_findings(self.root, results, skipped)
        offset = len(findings)
        findings += integrity.finish()
        located = locate(findings, LazyTexts(results))
        # unchanged when every Steckbrief was taken as recorded and the root files' rows are the same
        others = self._rows(root_results, signatures, [], {}, {})
        same = len(usable) + len(others) == len(self.rows) == len(self.files)
        if context != self.old_context or not same or any(row != self.rows.get(row[0]) for row in others):
            rows = self._rows(results, signatures, located[offset:], integrity.record, usable)
            entry = {"format": FORMAT, "key": self.key, "taken": self.taken, "context": context, "files": rows}
            self.cache.write(self.path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        return sort_findings(located)

    def _stand_ins(self, signatures: dict) -> dict[str, FileResult]:
        """rel → stand-in of each Steckbrief whose signature can be trusted."""
        stand_ins = {}
        for src in self.files:
            row = self._unchanged(src, signatures[src.rel]) if src.kind == "steckbrief" else None
            if row is not None:
                try:
                    stand_ins[src.rel] = _stand_in(src, row)
                except (TypeError, ValueError):  # a damaged row: the file is read
                    pass
        return stand_ins

    def _recorded(self, stand_ins: dict[str, FileResult]) -> dict[str, tuple[list[Finding], list]]:
        """rel → recorded (cross-file findings, dependencies) of each valid stand-in."""
        recorded: dict[str, tuple[list[Finding], list]] = {}
        for rel, r in stand_ins.items():
            row = self.rows[rel]
            if not r.valid or row[11] is None:
                continue
            display = r.source.display
            if row[11] == [[], []]:  # the usual case, quickly
                recorded[rel] = ([], [])
                continue
            try:
                found, deps = row[11]
                findings = [result_cache.finding_from_json(f, display) for f in found]
                dependencies = [(dep, display, tuple(path)) for dep, path in deps if isinstance(dep, str)]
            except (TypeError, ValueError):  # a damaged row: checked again
                continue
            recorded[rel] = (findings, dependencies)
        return recorded

    def _rows(self, results: list[FileResult], signatures: dict, integrity_findings: list, record: dict, kept) -> list:
        """The index rows of this run (a file that could not be read has none: it is looked at again);
        ``kept``: the Steckbriefe taken as recorded, whose rows stay as they are."""
        rows = []
        for r in results:
            if r.source.rel in kept:
                rows.append(self.rows[r.source.rel])
                continue
            signature = signatures[r.source.rel]
            if not r.key or signature is None:
                continue
            data = r.data if isinstance(r.data, dict) else None
            ident = data.get("id") if data is not None else None
            row = [r.source.rel, r.source.kind, *signature, r.key, ident if isinstance(ident, str) else None]
            row += [r.parsed, [result_cache.finding_json(f) for f in r.findings], None]
            known = record.get(r.source.display)
            if known is not None:
                start, end, deps = known
                found = [result_cache.finding_json(f) for f in integrity_findings[start:end]]
                row[11] = [found, [[dep, list(path)] for dep, _, path in deps]]
            rows.append(row)
        return rows


def _signature(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _well_formed(row: Any) -> bool:
    if type(row) is not list or len(row) != _ROW_LEN:
        return False
    rel, kind, size, mtime, ctime, inode, device, key, ident, has_data, findings, integrity = row
    return (
        type(rel) is str
        and type(kind) is str
        and type(size) is type(mtime) is type(ctime) is type(inode) is type(device) is int
        and type(key) is str
        and (ident is None or type(ident) is str)
        and type(has_data) is bool
        and type(findings) is list
        and (integrity is None or type(integrity) is list)
    )


def _stand_in(src: SourceFile, row: list) -> FileResult:
    """An unchanged Steckbrief as the cross-file checks see it without its data: its id and findings."""
    ident, has_data = row[8], row[9]
    data = ({"id": ident} if ident is not None else {}) if has_data else None
    findings = [result_cache.finding_from_json(f, src.display) for f in row[10]]
    return FileResult(src, data, None, findings, key=row[7])
