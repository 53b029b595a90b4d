"""The digistrat benchmark: one command times every tool on the same generated projects.

    python benchmarks/run.py                       # 100, 1,000 and 10,000 Steckbriefe
    python benchmarks/run.py --sizes 100,1000 --runs 5 --markdown docs/bench-table.md

For each size it generates a project (benchmarks/generate.py, seeded), checks that
``digistrat validate`` finds it clean, then times whole processes, as a user would see them:

* ``digistrat validate`` with the accelerators that are installed, and with
  ``DIGISTRAT_NO_ACCEL=1`` (ruamel.yaml and jsonschema only: the card's libraries);
* ``check-jsonschema --schemafile schemas/steckbrief.schema.json <Steckbriefe>`` from its
  default install (``pip install check-jsonschema`` into a venv of its own, made once under
  the work folder; ``--cjs PATH`` uses another one);
* ``digistrat lint``, ``digistrat budget`` and ``digistrat render --format html`` (all
  documents), each only if ``digistrat <command> --help`` works in this checkout;
* ``digistrat --version``.

Times are the median of ``--runs`` runs (``--runs-large`` for 10,000 and more). Memory is the
peak of the largest single process (``wait4`` rusage ``ru_maxrss``, exact) and of the whole
process tree, workers included (sampled every 20 ms with psutil when installed: the sum of the
proportional set sizes, so pages a forked worker shares with its parent are not counted twice).

Only the standard library (and psutil, optionally) is imported here; digistrat itself is
imported only to report which parsers are active.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py, next to this file)

STECKBRIEF_SCHEMA = REPO / "schemas" / "steckbrief.schema.json"

# Targets from the issues ("Speed" sections).
TARGET_VS_CJS = {100: 0.3, 10_000: 0.15}
TARGET_MEMORY_MB = 500
TARGET_VERSION_S = 0.150
TARGET_VS_VALIDATE = {"lint": 1.5, "budget": 1.5}  # at 10,000 Steckbriefe
TARGET_RENDER_S = {1000: 10.0}


@dataclass
class Measurement:
    tool: str
    size: int
    runs: list[float]
    max_rss_mb: float  # largest single process of the tree (rusage)
    tree_mb: float | None  # peak summed PSS of the process tree, sampled (psutil); None without psutil
    exit_codes: list[int]
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


@dataclass
class Report:
    machine: dict
    parsers: dict
    versions: dict
    version_time_s: float | None = None
    results: list[Measurement] = field(default_factory=list)

    def get(self, tool: str, size: int) -> Measurement | None:
        return next((m for m in self.results if m.tool == tool and m.size == size), None)


# ---------------------------------------------------------------- running a process


def _memory(proc) -> int:
    """Proportional set size where the system reports it (Linux): pages a forked worker shares
    with its parent count half to each, so the sum over the tree is what the tree really uses.
    Elsewhere the resident set size (shared pages counted in every process: an upper bound)."""
    try:
        return proc.memory_full_info().pss
    except Exception:  # no PSS on this system (AttributeError), no access, or the process is gone
        return proc.memory_info().rss


def _tree_memory_sampler(pid: int, stop: threading.Event, peak: list[float]) -> None:
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
            total = 0
            for p in procs:
                try:
                    total += _memory(p)
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total / 2**20)
        except psutil.Error:
            return
        stop.wait(0.02)


def run_once(argv: list[str], env: dict, cwd: Path) -> tuple[float, float, float | None, int, str]:
    """(wall seconds, max single-process RSS MB, tree PSS MB or None, exit code, stderr tail)."""
    have_psutil = importlib.util.find_spec("psutil") is not None
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stop, peak = threading.Event(), [0.0]
    sampler = None
    if have_psutil:
        sampler = threading.Thread(target=_tree_memory_sampler, args=(proc.pid, stop, peak), daemon=True)
        sampler.start()
    # read stderr in a thread so that a chatty process cannot block on a full pipe
    err_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    reader.join()
    if sampler:
        sampler.join()
    # ru_maxrss (KiB on Linux) of the child covers its reaped children too: the largest process
    max_rss = usage.ru_maxrss / 1024
    err = b"".join(err_chunks).decode("utf-8", "replace").strip().splitlines()
    # the tree can never use less than its largest process did (a short peak between two samples)
    return elapsed, max_rss, (max(peak[0], max_rss) if have_psutil else None), proc.returncode, "\n".join(err[-5:])


def measure(
    tool: str, size: int, argv: list[str], env: dict, cwd: Path, runs: int, ok_codes: tuple[int, ...] = (0,)
) -> Measurement:
    times, rss, tree, codes, note = [], 0.0, None, [], ""
    for _ in range(runs):
        t, r, tr, code, err = run_once(argv, env, cwd)
        times.append(t)
        rss = max(rss, r)
        tree = tr if tree is None else max(tree, tr or 0)
        codes.append(code)
        if code not in ok_codes:
            note = f"exit {code}: {err}"
    m = Measurement(tool, size, times, rss, tree, codes, note)
    flag = f"  !! {note}" if note else ""
    mem = f"{m.max_rss_mb:.0f} MB" + (f" / tree {m.tree_mb:.0f} MB" if m.tree_mb is not None else "")
    print(f"  {tool:<28} {m.median:8.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times)})  {mem}{flag}", flush=True)
    return m


# ---------------------------------------------------------------- environment


def child_env(**extra: str) -> dict:
    env = dict(os.environ)
    # Measure what an installed package does: bytecode caches written once and then used.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for var in ("DIGISTRAT_NO_ACCEL", "DIGISTRAT_DEBUG", "GITHUB_ACTIONS", "GITLAB_CI"):
        env.pop(var, None)
    env["NO_COLOR"] = "1"
    env.update(extra)
    return env


def digistrat_exe() -> list[str]:
    exe = Path(sys.executable).parent / "digistrat"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "digistrat"]


def command_available(cmd: str) -> bool:
    proc = subprocess.run([*digistrat_exe(), cmd, "--help"], env=child_env(), capture_output=True)
    return proc.returncode == 0


def default_cjs(workdir: Path) -> tuple[list[str], str]:
    """check-jsonschema from a plain ``pip install`` into a venv of its own (made once)."""
    venv = workdir / "cjs-venv"
    exe = venv / "bin" / "check-jsonschema"
    if not exe.exists():
        print(f"Installing check-jsonschema (default install) into {venv} …", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "check-jsonschema"], check=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            fallback = Path(sys.executable).parent / "check-jsonschema"
            if not fallback.exists():
                raise SystemExit(f"check-jsonschema could not be installed ({exc}) and is not in this venv") from exc
            print(f"  could not install ({exc}); using {fallback} instead", flush=True)
            return [str(fallback)], f"{fallback} (this venv, NOT a default install)"
    return [str(exe)], f"{exe} (plain pip install)"


def cjs_info(cjs: list[str]) -> str:
    """check-jsonschema's version and whether its ruamel.yaml has the C parser."""
    py = Path(cjs[0]).parent / "python"
    if not py.exists():
        return "?"
    code = (
        "import importlib.metadata as m, ruamel.yaml as r; y = r.YAML(typ='safe');"
        "print(m.version('check-jsonschema'), 'ruamel', m.version('ruamel.yaml'),"
        "'C parser' if 'CParser' in repr(getattr(y, 'Parser', '')) else 'pure-Python parser')"
    )
    proc = subprocess.run([str(py), "-c", code], capture_output=True, text=True)
    return proc.stdout.strip() or proc.stderr.strip()[-200:]


def parser_info() -> dict:
    code = (
        "import json; from digistrat.loading.yamlparse import active_parsers;"
        "from digistrat.loading.schema import accelerator_active;"
        "print(json.dumps({**active_parsers(), 'jsonschema-rs': accelerator_active()}))"
    )
    out = {}
    for label, env in (("default", child_env()), ("DIGISTRAT_NO_ACCEL=1", child_env(DIGISTRAT_NO_ACCEL="1"))):
        proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        out[label] = json.loads(proc.stdout) if proc.returncode == 0 else proc.stderr.strip()[-300:]
    return out


def machine_info() -> dict:
    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo", encoding="utf-8")
            if line.startswith("model name")
        )
        info["memory_gib"] = round(
            int(
                next(line.split()[1] for line in open("/proc/meminfo", encoding="utf-8") if line.startswith("MemTotal"))
            )
            / 2**20,
            1,
        )
    except (OSError, StopIteration):
        pass
    return info


# ---------------------------------------------------------------- corpora


def corpus(workdir: Path, size: int, seed: int, errors: int = 0) -> Path:
    """Generated once per generator version, seed and size; reused while the generator is unchanged."""
    stamp = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:16] + f"-{seed}-{size}-{errors}"
    name = f"korpus-{size}" + (f"-fehler-{errors}" if errors else "")
    out = workdir / name
    marker = workdir / f".{name}.stamp"
    if not (out.is_dir() and marker.exists() and marker.read_text() == stamp):
        t = time.perf_counter()
        generate.generate(out, size, seed, errors)
        marker.write_text(stamp)
        print(f"  generated {size} Steckbriefe in {time.perf_counter() - t:.1f} s → {out}", flush=True)
    return out


# ---------------------------------------------------------------- the run


def run(args) -> Report:
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    ds = digistrat_exe()
    cjs, cjs_label = (args.cjs.split(), f"{args.cjs} (given)") if args.cjs else default_cjs(workdir)
    available = {cmd: command_available(cmd) for cmd in ("lint", "budget", "render")}
    report = Report(
        machine_info(),
        parser_info(),
        {
            "check-jsonschema": f"{cjs_label}: {cjs_info(cjs)}",
            "digistrat": subprocess.run([*ds, "--version"], capture_output=True, text=True).stdout.strip(),
            "commands": available,
        },
    )
    print(
        json.dumps(
            {"machine": report.machine, "parsers": report.parsers, "versions": report.versions},
            indent=2,
            ensure_ascii=False,
        ),
        flush=True,
    )
    env, no_accel = child_env(), child_env(DIGISTRAT_NO_ACCEL="1")

    version_runs = [run_once([*ds, "--version"], env, workdir)[0] for _ in range(args.version_runs)]
    report.version_time_s = statistics.median(version_runs)
    print(f"digistrat --version: {report.version_time_s * 1000:.0f} ms (median of {args.version_runs})", flush=True)

    for size in args.sizes:
        print(f"\n== {size} Steckbriefe", flush=True)
        project = corpus(workdir, size, args.seed)
        rel = project.relative_to(workdir)
        # warm-up and sanity: the corpus must be clean, or the timings mean nothing
        check = subprocess.run([*ds, "validate", str(rel)], env=env, cwd=workdir, capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(
                f"digistrat validate finds problems in the generated corpus:\n{check.stdout[-2000:]}"
                f"{check.stderr[-2000:]}"
            )
        runs = args.runs_large if size >= 10_000 else args.runs
        steckbriefe = sorted(str(p.relative_to(workdir)) for p in (project / "steckbriefe").glob("*.yaml"))
        plan = [
            ("validate", [*ds, "validate", str(rel)], env, (0,)),
            ("validate (ohne Beschleuniger)", [*ds, "validate", str(rel)], no_accel, (0,)),
            ("check-jsonschema", [*cjs, "--schemafile", str(STECKBRIEF_SCHEMA), *steckbriefe], env, (0,)),
        ]
        errors = int(size * args.errors_share)
        if errors:
            broken = corpus(workdir, size, args.seed, errors).relative_to(workdir)
            plan.append((f"validate ({errors} mit Fehlern)", [*ds, "validate", str(broken)], env, (1,)))
        if available["lint"]:
            plan.append(("lint", [*ds, "lint", str(rel)], env, (0, 1)))
        if available["budget"]:
            plan.append(("budget", [*ds, "budget", str(rel)], env, (0,)))
        if available["render"] and size <= args.render_max:
            out = workdir / f"render-{size}"
            shutil.rmtree(out, ignore_errors=True)
            plan.append(("render html", [*ds, "render", str(rel), "--format", "html", "--out", str(out)], env, (0,)))
        for tool, argv, tool_env, ok in plan:
            if tool in args.skip:
                continue
            report.results.append(measure(tool, size, argv, tool_env, workdir, runs, ok))
    report.machine["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return report


# ---------------------------------------------------------------- output


def _ratio(a: Measurement | None, b: Measurement | None) -> str:
    return f"{a.median / b.median:.2f}×" if a and b and b.median else "–"


def table(report: Report) -> str:
    rows = [
        "| Steckbriefe | Werkzeug / tool | Zeit / time (Median) | Läufe / runs | RSS max. Prozess / process "
        "| PSS Prozessbaum / tree | ÷ check-jsonschema | ÷ validate |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in report.results:
        cjs, val = report.get("check-jsonschema", m.size), report.get("validate", m.size)
        tree = f"{m.tree_mb:.0f} MB" if m.tree_mb is not None else "–"
        rows.append(
            f"| {m.size:,} | {m.tool}{' ⚠ ' + m.note if m.note else ''} | {m.median:.2f} s | {len(m.runs)} "
            f"| {m.max_rss_mb:.0f} MB | {tree} | {_ratio(m, cjs)} | {_ratio(m, val)} |"
        )
    return "\n".join(rows)


def targets(report: Report) -> list[tuple[str, bool | None, str]]:
    out: list[tuple[str, bool | None, str]] = []
    for size, limit in TARGET_VS_CJS.items():
        v, c = report.get("validate", size), report.get("check-jsonschema", size)
        if v and c:
            r = v.median / c.median
            out.append((f"validate {size:,} ≤ {limit}× check-jsonschema", r <= limit, f"{r:.2f}×"))
    mems = [m for m in report.results if m.tool != "check-jsonschema"]
    if mems:
        worst = max(mems, key=lambda m: m.tree_mb or m.max_rss_mb)
        peak = worst.tree_mb or worst.max_rss_mb
        out.append(
            (
                f"peak memory ≤ {TARGET_MEMORY_MB} MB (all digistrat runs)",
                peak <= TARGET_MEMORY_MB,
                f"{peak:.0f} MB ({worst.tool}, {worst.size:,})",
            )
        )
    if report.version_time_s is not None:
        out.append(
            (
                f"digistrat --version ≤ {TARGET_VERSION_S * 1000:.0f} ms",
                report.version_time_s <= TARGET_VERSION_S,
                f"{report.version_time_s * 1000:.0f} ms",
            )
        )
    for tool, limit in TARGET_VS_VALIDATE.items():
        t, v = report.get(tool, 10_000), report.get("validate", 10_000)
        if t and v:
            r = t.median / v.median
            out.append((f"{tool} 10,000 ≤ {limit}× validate", r <= limit, f"{r:.2f}×"))
    for size, limit in TARGET_RENDER_S.items():
        r = report.get("render html", size)
        if r:
            out.append((f"render html {size:,} ≤ {limit:.0f} s", r.median <= limit, f"{r.median:.2f} s"))
    return out


def summary(report: Report) -> str:
    lines = [table(report), "", "Ziele / targets:"]
    for name, ok, value in targets(report):
        lines.append(f"- {'erfüllt / met' if ok else 'VERFEHLT / MISSED'}: {name} — {value}")
    lines.append(
        f"\nLoad average before/after: {report.machine.get('load_before')} / {report.machine.get('load_after')}"
    )
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None):
    p = argparse.ArgumentParser(description="Time digistrat against check-jsonschema on generated projects.")
    p.add_argument(
        "--sizes",
        default="100,1000,10000",
        type=lambda s: [int(x.replace("_", "")) for x in s.split(",") if x.strip()],
        help="numbers of Steckbriefe, comma-separated (default: 100,1000,10000)",
    )
    p.add_argument("--runs", type=int, default=3, help="runs per tool, median reported (default 3)")
    p.add_argument("--runs-large", type=int, default=1, help="runs per tool from 10,000 Steckbriefe on (default 1)")
    p.add_argument("--version-runs", type=int, default=11, help="runs of `digistrat --version` (default 11)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--workdir",
        type=Path,
        default=REPO / "bench-out",
        help="corpora, the check-jsonschema venv and render output (default: bench-out/)",
    )
    p.add_argument("--cjs", help="check-jsonschema command to use instead of the default install")
    p.add_argument("--render-max", type=int, default=1000, help="largest size to render (default 1000)")
    p.add_argument(
        "--errors-share",
        type=float,
        default=0.01,
        help="also time validate on a corpus where this share of Steckbriefe has a mistake "
        "(default 0.01; 0: no such row)",
    )
    p.add_argument("--skip", action="append", default=[], help="tool name to leave out (repeatable)")
    p.add_argument("--json", type=Path, help="write all measurements as JSON here")
    p.add_argument("--markdown", type=Path, help="write the results table and targets as Markdown here")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = run(args)
    text = summary(report)
    print("\n" + text)
    if args.json:
        data = {**asdict(report), "targets": [{"ziel": n, "erfuellt": ok, "wert": v} for n, ok, v in targets(report)]}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
