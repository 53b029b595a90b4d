"""Timing whole processes and the peak memory of their process tree (benchmarks/run.py).

Only the standard library and, optionally, psutil: nothing of digistrat is imported here.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measurement:
    tool: str
    size: int
    runs: list[float]
    max_rss_mb: float  # largest single process of the tree (rusage)
    tree_mb: float | None  # peak summed PSS of the process tree, sampled (psutil); None without psutil
    exit_codes: list[int]
    note: str = ""
    load: list[float] = field(default_factory=list)  # 1-minute load average before each run

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def peak_mb(self) -> float:
        return self.tree_mb if self.tree_mb is not None else self.max_rss_mb

    def span(self) -> str:
        """``1.23 s`` for one run, ``1.23 s (1.10–1.40)`` for several: median and min–max."""
        if len(self.runs) == 1:
            return f"{self.runs[0]:.2f} s"
        return f"{self.median:.2f} s ({min(self.runs):.2f}–{max(self.runs):.2f})"


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
        began = time.perf_counter()
        try:
            total = 0
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += _memory(p)
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total / 2**20)
        except psutil.Error:
            return
        # Reading the PSS of a large process (/proc/PID/smaps_rollup) costs the kernel milliseconds:
        # three WeasyPrint processes took 20 ms of CPU per sample, so sampling every 20 ms used 40 %
        # of a core and slowed the 2-core PDF run it measured by a fifth. Sampling stays at 20 ms for
        # small trees and backs off so that it never takes more than a tenth of one core.
        stop.wait(max(0.02, 9 * (time.perf_counter() - began)))


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
    tool: str,
    size: int,
    argv: list[str],
    env: dict,
    cwd: Path,
    runs: int,
    ok_codes: tuple[int, ...] = (0,),
    before=None,
) -> Measurement:
    """Run ``argv`` ``runs`` times; ``before()`` is called before each run (e.g. to touch a file)."""
    times, rss, tree, codes, note, load = [], 0.0, None, [], "", []
    for _ in range(runs):
        if before is not None:
            before()
        load.append(round(os.getloadavg()[0], 2))
        t, r, tr, code, err = run_once(argv, env, cwd)
        times.append(t)
        rss = max(rss, r)
        tree = tr if tree is None else max(tree, tr or 0)
        codes.append(code)
        if code not in ok_codes:
            note = f"exit {code}: {err}"
    m = Measurement(tool, size, times, rss, tree, codes, note, load)
    flag = f"  !! {note}" if note else ""
    mem = f"{m.max_rss_mb:.0f} MB" + (f" / tree {m.tree_mb:.0f} MB" if m.tree_mb is not None else "")
    print(
        f"  {tool:<34} {m.median:8.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times)}; load {load})  {mem}{flag}",
        flush=True,
    )
    return m


def child_env(**extra: str) -> dict:
    env = dict(os.environ)
    # Measure what an installed package does: bytecode caches written once and then used.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for var in list(env):
        if var.startswith("DIGISTRAT_") or var in ("GITHUB_ACTIONS", "GITLAB_CI", "CI"):
            env.pop(var)
    env["NO_COLOR"] = "1"
    env.update(extra)
    return env


def digistrat_exe() -> list[str]:
    exe = Path(sys.executable).parent / "digistrat"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "digistrat"]


def help_text(*cmd: str) -> str | None:
    """``digistrat CMD --help`` or None when the command does not exist in this checkout."""
    proc = subprocess.run([*digistrat_exe(), *cmd, "--help"], env=child_env(COLUMNS="200"), capture_output=True)
    return proc.stdout.decode("utf-8", "replace") if proc.returncode == 0 else None
