"""Read, parse and schema-validate project files; fan out over CPU cores for large projects."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from digistrat import schema
from digistrat.findings import Finding, Severity
from digistrat.loading.project import SourceFile
from digistrat.loading.yamlparse import ParseProblem, load_mapping

# Measured: two processes pay off only above a few hundred files (performance-notes.md).
PARALLEL_THRESHOLD = 400


@dataclass
class FileResult:
    source: SourceFile
    data: dict | None  # None when the file could not be read as a mapping
    text: str | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.data is not None and not self.findings


def read_one(src: SourceFile) -> FileResult:
    try:
        raw = src.path.read_bytes()
    except OSError as exc:
        f = Finding("DS002", "kodierung", Severity.FEHLER, f"Datei kann nicht gelesen werden: {exc.strerror}.",
                    src.display, (), 1, 1)
        return FileResult(src, None, None, [f])
    try:
        data, text = load_mapping(raw)
    except ParseProblem as p:
        f = Finding(p.code, p.rule, Severity.FEHLER, p.message, src.display, (), p.line, p.column)
        text = raw.decode("utf-8", errors="replace")
        return FileResult(src, None, text, [f])
    return FileResult(src, data, text, schema.validate(src.kind, data, src.display))


def _read_chunk(chunk: list[SourceFile]) -> list[FileResult]:
    return [read_one(src) for src in chunk]


def read_files(files: list[SourceFile], jobs: int | None = None) -> list[FileResult]:
    """Results in the order of ``files``. ``jobs``: worker processes (default: all cores)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(files) < PARALLEL_THRESHOLD:
        return [read_one(src) for src in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Build the validators before forking so that every worker inherits them ready-made.
    for kind in {f.kind for f in files}:
        schema._fast_validator(kind)
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        ctx = multiprocessing.get_context()
    size = -(-len(files) // (jobs * 4))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    results: list[FileResult] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        for part in pool.map(_read_chunk, chunks):
            results.extend(part)
    return results
