"""The digistrat benchmark: one command measures every speed and memory target of the issues.

    python benchmarks/run.py                        # everything (about an hour on 2 cores)
    python benchmarks/run.py --only grundlagen --sizes 100,1000 --runs 5
    python benchmarks/run.py --only pdf,speicher --json /tmp/bench.json

Groups of rows (``--only``/``--skip-group``; see benchmarks/README.md for each row):

* ``grundlagen``: per size, validate (with and without accelerators, with mistakes), lint,
  budget (table and xlsx), render html and pdf, check-jsonschema and yamllint on the same files;
* ``cache``: cold and warm runs, one changed file, ``validate FILE`` as pre-commit calls it;
* ``gross``: one Steckbrief with 20,000 cost entries and one mistake; a 4 MB list of 1M lines;
* ``speicher``: lint and budget on 50,000 Steckbriefe (peak memory of the process tree);
* ``diff``: ``digistrat diff`` between two revisions of a 1,000-Steckbrief project;
* ``version``: ``digistrat --version``.

Every row is whole processes, timed from start to exit, ``--runs`` times (min–max and median
are reported, with the load average before each run); memory is the peak of the whole process
tree (psutil, PSS) and of the largest single process (rusage).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import inputs  # noqa: E402  (benchmarks/*.py, next to this file)
import report  # noqa: E402
from measure import child_env, digistrat_exe, help_text, measure, run_once  # noqa: E402

STECKBRIEF_SCHEMA = REPO / "schemas" / "steckbrief.schema.json"
GROUPS = ("version", "grundlagen", "cache", "gross", "speicher", "diff")


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
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            info["cpu"] = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kib = int(next(line.split()[1] for line in fh if line.startswith("MemTotal")))
        info["memory_gib"] = round(kib / 2**20, 1)
    except (OSError, StopIteration):
        pass
    return info


class Bench:
    """The run: tools, environments and the measurements so far."""

    def __init__(self, args):
        self.args = args
        self.workdir = args.workdir.resolve()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.ds = digistrat_exe()
        # never the user's own cache: rows that measure the cache have a folder of their own
        own = str(self.workdir / "cache-andere")
        self.env = child_env(DIGISTRAT_CACHE_DIR=own)
        self.no_accel = child_env(DIGISTRAT_CACHE_DIR=own, DIGISTRAT_NO_ACCEL="1")
        if args.cjs:
            self.cjs, cjs_label = args.cjs.split(), f"{args.cjs} (given)"
        else:
            self.cjs, cjs_label = inputs.tool_venv(self.workdir, "check-jsonschema", "check-jsonschema")
        self.yamllint, yl_label = inputs.tool_venv(self.workdir, "yamllint", "yamllint")
        self.commands = {cmd: help_text(cmd) is not None for cmd in ("lint", "budget", "render", "diff")}
        self.cache = "--no-cache" in (help_text("validate") or "")
        self.report = report.Report(
            machine_info(),
            parser_info(),
            {
                "check-jsonschema": f"{cjs_label}: {inputs.tool_version(self.cjs, 'check-jsonschema')}",
                "yamllint": f"{yl_label}: {inputs.tool_version(self.yamllint, 'yamllint')}",
                "digistrat": subprocess.run([*self.ds, "--version"], capture_output=True, text=True).stdout.strip(),
                "commands": {**self.commands, "cache": self.cache},
            },
        )

    def runs(self, size: int) -> int:
        return self.args.runs_large if size >= 10_000 else self.args.runs

    def row(self, tool, size, argv, env=None, ok=(0,), runs=None, before=None) -> None:
        if tool in self.args.skip:
            return
        m = measure(tool, size, argv, env or self.env, self.workdir, runs or self.runs(size), ok, before)
        self.report.results.append(m)

    def project(self, size: int, errors: int = 0) -> str:
        path = inputs.corpus(self.workdir, size, self.args.seed, errors)
        return str(path.relative_to(self.workdir))

    def check_clean(self, rel: str) -> None:
        check = subprocess.run(
            [*self.ds, "validate", rel], env=self.env, cwd=self.workdir, capture_output=True, text=True
        )
        if check.returncode != 0:
            raise SystemExit(
                f"digistrat validate finds problems in {rel}:\n{check.stdout[-2000:]}{check.stderr[-2000:]}"
            )

    # ------------------------------------------------------------ groups

    def version(self) -> None:
        times = [run_once([*self.ds, "--version"], self.env, self.workdir)[0] for _ in range(self.args.version_runs)]
        self.report.version_runs = times
        print(f"digistrat --version: {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms", flush=True)

    def grundlagen(self, size: int) -> None:
        ds, rel = self.ds, self.project(size)
        self.check_clean(rel)  # warm-up too: writes the bytecode caches
        files = sorted(str(p.relative_to(self.workdir)) for p in (self.workdir / rel / "steckbriefe").glob("*.yaml"))
        self.row("validate", size, [*ds, "validate", rel, *self.nocache()])
        self.row("validate (ohne Beschleuniger)", size, [*ds, "validate", rel, *self.nocache()], self.no_accel)
        if self.cjs:
            self.row("check-jsonschema", size, [*self.cjs, "--schemafile", str(STECKBRIEF_SCHEMA), *files])
        if self.yamllint:
            self.row("yamllint", size, [*self.yamllint, "-s", rel], ok=(0, 1, 2))
        errors = int(size * self.args.errors_share)
        if errors:
            broken = self.project(size, errors)
            self.row(f"validate ({errors} mit Fehlern)", size, [*ds, "validate", broken, *self.nocache()], ok=(1,))
        if self.commands["lint"]:
            self.row("lint", size, [*ds, "lint", rel, *self.nocache()], ok=(0, 1))
        if self.commands["budget"]:
            self.row("budget", size, [*ds, "budget", rel, *self.nocache()])
            out = str(self.workdir / f"budget-{size}.xlsx")
            self.row("budget xlsx", size, [*ds, "budget", rel, "--format", "xlsx", "--output", out, *self.nocache()])
        if self.commands["render"]:
            for fmt, limit in (("html", self.args.render_max), ("pdf", self.args.pdf_max)):
                if size <= limit:
                    out = self.workdir / f"render-{fmt}-{size}"
                    argv = [*ds, "render", rel, "--format", fmt, "--out", str(out), *self.nocache()]
                    self.row(f"render {fmt}", size, argv, before=lambda out=out: shutil.rmtree(out, ignore_errors=True))

    def nocache(self) -> list[str]:
        """The whole-project rows measure the work itself, not the cache (which has rows of its own)."""
        return ["--no-cache"] if self.cache else []

    def cache_rows(self) -> None:
        ds, args = self.ds, self.args
        rel = self.project(args.precommit_size)
        self.check_clean(rel)
        one = sorted((self.workdir / rel / "steckbriefe").glob("*.yaml"))[0]
        one_rel = str(one.relative_to(self.workdir))
        size = args.precommit_size
        if self.yamllint:
            self.row("yamllint FILE", size, [*self.yamllint, "-s", one_rel], ok=(0, 1, 2))
        if self.cjs:
            self.row("check-jsonschema FILE", size, [*self.cjs, "--schemafile", str(STECKBRIEF_SCHEMA), one_rel])
        if not self.cache:
            self.row("validate FILE (ohne Cache)", size, [*ds, "validate", one_rel])
            self.row("validate FILE (ohne Cache, ohne Beschleuniger)", size, [*ds, "validate", one_rel], self.no_accel)
            return
        cache_dir = self.workdir / "cache"
        env = child_env(DIGISTRAT_CACHE_DIR=str(cache_dir))
        env_na = child_env(DIGISTRAT_CACHE_DIR=str(cache_dir), DIGISTRAT_NO_ACCEL="1")
        edit = _Editor(one)
        subprocess.run([*ds, "validate", rel], env=env, cwd=self.workdir, capture_output=True)
        self.row("validate warm", size, [*ds, "validate", rel], env)
        self.row("validate FILE (Cache, 1 Datei geändert)", size, [*ds, "validate", one_rel], env, before=edit)
        # entries and index are keyed by the parser path: the card-only path warms a cache of its own
        # (as in a hook environment without accelerators), else this row would be a cold run
        subprocess.run([*ds, "validate", rel], env=env_na, cwd=self.workdir, capture_output=True)
        self.row("validate FILE (Cache, ohne Beschleuniger)", size, [*ds, "validate", one_rel], env_na, before=edit)
        size = args.changed_size
        rel = self.project(size)
        one = sorted((self.workdir / rel / "steckbriefe").glob("*.yaml"))[0]
        wipe = lambda: shutil.rmtree(cache_dir, ignore_errors=True)  # noqa: E731
        self.row("validate kalt (leerer Cache)", size, [*ds, "validate", rel], env, before=wipe)
        subprocess.run([*ds, "validate", rel], env=env, cwd=self.workdir, capture_output=True)
        self.row("validate (Cache, 1 Datei geändert)", size, [*ds, "validate", rel], env, before=_Editor(one))
        edit.restore()
        self.render_html_changed(env)
        self.render_pdf_changed(env)

    def render_html_changed(self, env: dict) -> None:
        """All annexes as HTML after one Steckbrief's Kurzbeschreibung changed, the cache warm
        (the render a coordinator waits for after an edit; the cold rows are in grundlagen)."""
        sizes = [s for s in self.args.sizes if s <= self.args.render_max]
        if not self.commands["render"] or not sizes:
            return
        size = max(sizes)
        rel = self.project(size)
        one = sorted((self.workdir / rel / "steckbriefe").glob("*.yaml"))[0]
        argv = [*self.ds, "render", rel, "--format", "html", "--out", str(self.workdir / f"render-html-{size}-cache")]
        subprocess.run(argv, env=env, cwd=self.workdir, capture_output=True)  # warm
        edit = _Editor(one, text=True)
        self.row("render html (Cache, 1 Steckbrief geändert)", size, argv, env, before=edit)
        edit.restore()

    def render_pdf_changed(self, env: dict) -> None:
        """All annexes as PDF after one Steckbrief's Kurzbeschreibung changed, the cache warm."""
        size = min(100, self.args.pdf_max)
        if not self.commands["render"] or size < 1:
            return
        rel = self.project(size)
        one = sorted((self.workdir / rel / "steckbriefe").glob("*.yaml"))[0]
        out = str(self.workdir / f"render-pdf-{size}-cache")
        argv = [*self.ds, "render", rel, "--format", "pdf", "--out", out]
        subprocess.run(argv, env=env, cwd=self.workdir, capture_output=True)  # warm: every document once
        edit = _Editor(one, text=True)
        self.row("render pdf (Cache, 1 Steckbrief geändert)", size, argv, env, before=edit)
        edit.restore()
        self.row("render pdf (Cache, nichts geändert)", size, argv, env)

    def gross(self) -> None:
        eintraege, liste = inputs.big_files(self.workdir, self.args.seed)
        for tool, path in (("validate 20.000 Einträge, 1 Fehler", eintraege), ("validate 1 Mio. Listenzeilen", liste)):
            self.row(tool, 1, [*self.ds, "validate", str(path.relative_to(self.workdir)), *self.nocache()], ok=(0, 1))

    def speicher(self) -> None:
        size = self.args.memory_size
        rel = self.project(size)
        for cmd in ("lint", "budget"):
            if self.commands[cmd]:
                self.row(cmd, size, [*self.ds, cmd, rel, *self.nocache()], ok=(0, 1), runs=self.args.runs_large)

    def diff(self) -> None:
        if not self.commands["diff"]:
            return
        size = self.args.diff_size
        repo = inputs.diff_repo(self.workdir, size, self.args.seed)
        rel = str(repo.relative_to(self.workdir))
        # diff reads its revisions from git, never the cache (it has no --no-cache)
        self.row("diff (2 Revisionen)", size, [*self.ds, "diff", "vorher", "nachher", rel])
        if not self.report.get("budget", size):
            self.row("budget", size, [*self.ds, "budget", rel, *self.nocache()])


class _Editor:
    """Changes one file before each run, as an editor would; restores it. A comment with a counter,
    or with ``text`` the Kurzbeschreibung (printed in Anlage 2, so a PDF is laid out again)."""

    def __init__(self, path: Path, text: bool = False):
        self.path, self.original, self.n, self.text = path, path.read_bytes(), 0, text

    def __call__(self) -> None:
        self.n += 1
        if self.text:
            changed = self.original.replace(b"\nkurzbeschreibung: ", f"\nkurzbeschreibung: ({self.n}) ".encode(), 1)
            assert changed != self.original, f"{self.path}: no kurzbeschreibung"
            self.path.write_bytes(changed)
        else:
            self.path.write_bytes(self.original + f"# Änderung {self.n}\n".encode())

    def restore(self) -> None:
        self.path.write_bytes(self.original)


def run(args) -> report.Report:
    bench = Bench(args)
    print(json.dumps({k: v for k, v in asdict(bench.report).items() if k != "results"}, indent=2), flush=True)
    groups = [g for g in GROUPS if (not args.only or g in args.only) and g not in args.skip_group]
    for group in groups:
        print(f"\n== {group}", flush=True)
        if group == "grundlagen":
            for size in args.sizes:
                print(f"-- {size:,} Steckbriefe", flush=True)
                bench.grundlagen(size)
        elif group == "cache":
            bench.cache_rows()
        else:
            getattr(bench, group)()
    bench.report.machine["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return bench.report


def _int_list(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def parse_args(argv: list[str] | None = None):
    p = argparse.ArgumentParser(description="Time digistrat against check-jsonschema and yamllint.")
    p.add_argument("--sizes", default="100,1000,10000", type=_int_list, help="grundlagen sizes (100,1000,10000)")
    p.add_argument("--runs", type=int, default=3, help="runs per row (default 3)")
    p.add_argument("--runs-large", type=int, default=1, help="runs per row from 10,000 Steckbriefe on (default 1)")
    p.add_argument("--version-runs", type=int, default=11)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", type=Path, default=REPO / "bench-out", help="corpora, tool venvs, output")
    p.add_argument("--cjs", help="check-jsonschema command to use instead of the default install")
    p.add_argument("--render-max", type=int, default=10_000, help="largest size to render as html")
    p.add_argument("--pdf-max", type=int, default=1000, help="largest size to render as pdf")
    p.add_argument("--errors-share", type=float, default=0.01, help="share of broken Steckbriefe (0: no row)")
    p.add_argument("--precommit-size", type=int, default=10_000, help="project size of the pre-commit rows")
    p.add_argument("--changed-size", type=int, default=5000, help="project size of the one-changed-file row")
    p.add_argument("--memory-size", type=int, default=50_000, help="project size of the memory rows")
    p.add_argument("--diff-size", type=int, default=1000)
    p.add_argument("--only", type=lambda s: s.split(","), default=[], help=f"groups: {','.join(GROUPS)}")
    p.add_argument("--skip-group", type=lambda s: s.split(","), default=[])
    p.add_argument("--skip", action="append", default=[], help="row name to leave out (repeatable)")
    p.add_argument("--json", type=Path, help="write all measurements as JSON here")
    p.add_argument("--markdown", type=Path, help="write the results table and targets as Markdown here")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = run(args)
    text = report.summary(result)
    print("\n" + text)
    if args.json:
        data = {
            **asdict(result),
            "targets": [{"ziel": n, "erfuellt": ok, "wert": v} for n, ok, v in report.targets(result)],
        }
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
