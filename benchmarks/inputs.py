"""Inputs of the benchmark: generated projects, the large files, a two-revision repository and
the tools digistrat is compared with (check-jsonschema and yamllint in venvs of their own)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import generate  # benchmarks/generate.py (run.py puts its folder on sys.path)

# The large-file rows of issue 14: one Steckbrief with this many cost entries and one mistake,
# and a 4 MB file of one-character list items.
BIG_ENTRIES = 20_000
LIST_LINES = 1_000_000


def _stamp(*parts) -> str:
    return hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:16] + "-" + "-".join(map(str, parts))


def _cached(workdir: Path, name: str, stamp: str, build) -> Path:
    """``workdir/name``, built by ``build(path)`` unless a build with the same stamp is there."""
    out = workdir / name
    marker = workdir / f".{name}.stamp"
    if not (out.exists() and marker.exists() and marker.read_text() == stamp):
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        build(out)
        marker.write_text(stamp)
        print(f"  built {name} in {time.perf_counter() - t:.1f} s", flush=True)
    return out


def corpus(workdir: Path, size: int, seed: int, errors: int = 0) -> Path:
    """Generated once per generator version, seed and size; reused while the generator is unchanged."""
    name = f"korpus-{size}" + (f"-fehler-{errors}" if errors else "")
    return _cached(workdir, name, _stamp(seed, size, errors), lambda out: generate.generate(out, size, seed, errors))


def big_files(workdir: Path, seed: int) -> tuple[Path, Path]:
    """(Steckbrief with BIG_ENTRIES costs and one wrong kategorie, Steckbrief with LIST_LINES ziele),
    each the only Steckbrief of a small project."""

    def build(out: Path) -> None:
        base = out / "basis"
        generate.generate(base, 1, seed)
        sb = next((base / "steckbriefe").glob("*.yaml"))
        text = sb.read_text(encoding="utf-8")
        lines = [f"  - {{jahr: 2024, betrag: {100 + i % 900}, kategorie: sonstige}}" for i in range(BIG_ENTRIES)]
        lines[BIG_ENTRIES // 2] = "  - {jahr: 2024, betrag: 100, kategorie: unbekannt}"
        shutil.copytree(base, out / "eintraege")
        kosten = text.split("\nkosten:\n")[0] + "\nkosten:\n" + "\n".join(lines) + "\n"
        (out / "eintraege" / "steckbriefe" / sb.name).write_text(kosten, encoding="utf-8")
        shutil.copytree(base, out / "liste")
        liste = text.replace("\nziele:\n", "\nziele:\n" + "  - z\n" * LIST_LINES, 1)
        (out / "liste" / "steckbriefe" / sb.name).write_text(liste, encoding="utf-8")

    root = _cached(workdir, "gross", _stamp(seed, BIG_ENTRIES, LIST_LINES), build)
    eintraege = next((root / "eintraege" / "steckbriefe").glob("*.yaml"))
    liste = next((root / "liste" / "steckbriefe").glob("*.yaml"))
    return eintraege, liste


def diff_repo(workdir: Path, size: int, seed: int) -> Path:
    """A git repository with two commits of a generated project: ``vorher`` and ``nachher``, where
    every tenth Steckbrief changed its status and its first amount, and a few were added and removed."""

    def git(repo: Path, *args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    def build(out: Path) -> None:
        generate.generate(out, size, seed)
        git(out, "init", "-q")
        git(out, "add", "-A")
        git(out, "commit", "-qm", "vorher")
        git(out, "tag", "vorher")
        for i, sb in enumerate(sorted((out / "steckbriefe").glob("*.yaml"))):
            if i % 10:
                continue
            # the Steckbrief's own status (at the start of a line), never a funding entry's
            text = re.sub(
                r"^status: geplant$", "status: in-umsetzung", sb.read_text(encoding="utf-8"), count=1, flags=re.M
            )
            text = text.replace("betrag: 1", "betrag: 2", 1)
            sb.write_text(text, encoding="utf-8")
        git(out, "commit", "-qam", "nachher")
        git(out, "tag", "nachher")

    return _cached(workdir, f"diff-{size}", _stamp("diff", seed, size), build)


def tool_venv(workdir: Path, package: str, exe_name: str) -> tuple[list[str], str]:
    """A tool from a plain ``pip install`` into a venv of its own (made once)."""
    venv = workdir / f"{package}-venv"
    exe = venv / "bin" / exe_name
    if not exe.exists():
        print(f"Installing {package} (default install) into {venv} …", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", package], check=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            fallback = Path(sys.executable).parent / exe_name
            if not fallback.exists():
                print(f"  {package} could not be installed ({exc}); its rows are left out", flush=True)
                return [], "not available"
            print(f"  could not install ({exc}); using {fallback} instead", flush=True)
            return [str(fallback)], f"{fallback} (this venv, NOT a default install)"
    return [str(exe)], f"{exe} (plain pip install)"


def tool_version(cmd: list[str], package: str) -> str:
    py = Path(cmd[0]).parent / "python"
    if not cmd or not py.exists():
        return "?"
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    if package == "check-jsonschema":
        code += (
            "; import ruamel.yaml as r; y = r.YAML(typ='safe');"
            "print('ruamel', m.version('ruamel.yaml'),"
            "'C parser' if 'CParser' in repr(getattr(y, 'Parser', '')) else 'pure-Python parser')"
        )
    proc = subprocess.run([str(py), "-c", code], capture_output=True, text=True)
    return proc.stdout.strip().replace("\n", " ") or proc.stderr.strip()[-200:]
