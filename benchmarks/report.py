"""The benchmark's results table and every target of the issues, met or missed (benchmarks/run.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from measure import Measurement

MB = 1
GB = 1024


@dataclass
class Report:
    machine: dict
    parsers: dict
    versions: dict
    version_runs: list[float] = field(default_factory=list)
    results: list[Measurement] = field(default_factory=list)

    def get(self, tool: str, size: int) -> Measurement | None:
        return next((m for m in self.results if m.tool == tool and m.size == size), None)


def _ratio(a: Measurement | None, b: Measurement | None) -> str:
    return f"{a.median / b.median:.2f}×" if a and b and b.median else "–"


def table(report: Report) -> str:
    rows = [
        "| Steckbriefe | Werkzeug / tool | Zeit / time: Median (min–max) | Läufe / runs | Last / load "
        "| RSS max. Prozess / process | PSS Prozessbaum / tree | ÷ check-jsonschema | ÷ validate |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in report.results:
        cjs, val = report.get("check-jsonschema", m.size), report.get("validate", m.size)
        tree = f"{m.tree_mb:.0f} MB" if m.tree_mb is not None else "–"
        load = f"{min(m.load):.1f}–{max(m.load):.1f}" if m.load else "–"
        rows.append(
            f"| {m.size:,} | {m.tool}{' ⚠ ' + m.note if m.note else ''} | {m.span()} | {len(m.runs)} | {load} "
            f"| {m.max_rss_mb:.0f} MB | {tree} | {_ratio(m, cjs)} | {_ratio(m, val)} |"
        )
    return "\n".join(rows)


# (name, tool, size, limit vs what) — each target of issues 1–14 that the benchmark can measure
RATIO_TARGETS = [
    # (tool, size, other tool, other size, factor, how the other is scaled)
    ("validate", 100, "check-jsonschema", 100, 0.3),
    ("validate", 10_000, "check-jsonschema", 10_000, 0.15),
    ("validate (ohne Beschleuniger)", 100, "check-jsonschema", 100, 0.3),
    ("validate (ohne Beschleuniger)", 1000, "check-jsonschema", 1000, 0.3),
    ("validate (ohne Beschleuniger)", 10_000, "check-jsonschema", 10_000, 0.3),
    ("lint", 10_000, "validate", 10_000, 1.5),
    ("budget", 10_000, "validate", 10_000, 1.5),
    ("budget xlsx", 10_000, "budget", 10_000, 2.0),
    ("validate (Cache, 1 Datei geändert)", 5000, "validate kalt (leerer Cache)", 5000, 0.3),
    ("validate warm", 10_000, "check-jsonschema", 10_000, 0.03),
    # issue 11: diff within 2x the time of two budget runs
    ("diff (2 Revisionen)", 1000, "budget", 1000, 4.0),
]
TIME_TARGETS = [  # (tool, size, seconds)
    ("render html", 1000, 10.0),
    ("render html", 10_000, 10.0),
    ("render pdf", 100, 20.0),
    ("render pdf", 1000, 300.0),
    ("validate FILE (Cache, 1 Datei geändert)", 10_000, 1.0),
    ("validate FILE (ohne Cache)", 10_000, 1.0),
    ("validate 20.000 Einträge, 1 Fehler", 1, 1.0),
]
MEMORY_TARGETS = [  # (tool, size, MB)
    ("render pdf", 100, 500 * MB),
    ("render pdf", 1000, 2 * GB),
    ("lint", 50_000, 1 * GB),
    ("budget", 50_000, 1 * GB),
]
MEMORY_DEFAULT_MB = 500  # every other digistrat row up to 10,000 Steckbriefe
VERSION_S = 0.150


def targets(report: Report) -> list[tuple[str, bool | None, str]]:
    out: list[tuple[str, bool | None, str]] = []
    for tool, size, other, other_size, factor in RATIO_TARGETS:
        a, b = report.get(tool, size), report.get(other, other_size)
        if a and b:
            r = a.median / b.median
            spread = f"{min(a.runs) / max(b.runs):.2f}–{max(a.runs) / min(b.runs):.2f}×"
            out.append((f"{tool} {size:,} ≤ {factor}× {other}", r <= factor, f"{r:.2f}× (range {spread})"))
    for tool, size, limit in TIME_TARGETS:
        m = report.get(tool, size)
        if m:
            out.append((f"{tool} {size:,} ≤ {limit:g} s", m.median <= limit, m.span()))
    special = {(t, s) for t, s, _ in MEMORY_TARGETS}
    for tool, size, limit in MEMORY_TARGETS:
        m = report.get(tool, size)
        if m:
            out.append((f"{tool} {size:,} peak ≤ {limit:,} MB", m.peak_mb <= limit, f"{m.peak_mb:.0f} MB"))
    rest = [
        m
        for m in report.results
        if (m.tool, m.size) not in special
        and m.size <= 10_000
        and not m.tool.startswith(("check-jsonschema", "yamllint", "render pdf"))
    ]
    if rest:
        worst = max(rest, key=lambda m: m.peak_mb)
        out.append(
            (
                f"peak memory ≤ {MEMORY_DEFAULT_MB} MB (every other digistrat row)",
                worst.peak_mb <= MEMORY_DEFAULT_MB,
                f"{worst.peak_mb:.0f} MB ({worst.tool}, {worst.size:,})",
            )
        )
    if report.version_runs:
        v = sorted(report.version_runs)[len(report.version_runs) // 2]
        out.append(
            (
                f"digistrat --version ≤ {VERSION_S * 1000:.0f} ms",
                v <= VERSION_S,
                f"{v * 1000:.0f} ms ({min(report.version_runs) * 1000:.0f}–{max(report.version_runs) * 1000:.0f})",
            )
        )
    return out


def summary(report: Report) -> str:
    lines = [table(report), "", "Ziele / targets:"]
    for name, ok, value in targets(report):
        lines.append(f"- {'erfüllt / met' if ok else 'VERFEHLT / MISSED'}: {name} — {value}")
    lines.append(
        f"\nLoad average before/after: {report.machine.get('load_before')} / {report.machine.get('load_after')}"
    )
    return "\n".join(lines)
