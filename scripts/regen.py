#!/usr/bin/env python3
"""Regenerate every generated file in one go: the generated docs and the golden files.

    .venv/bin/python scripts/regen.py            # docs + golden files
    .venv/bin/python scripts/regen.py --docs     # only the generated docs (seconds)

Then review ``git diff``: only changes your work intends may be committed. Each generated doc
is listed in DOCS as (file, module, function returning its text); a test compares every one of
them with the code, so a stale file fails the suite. Golden files are rewritten by the tests
that own them, run with ``DIGISTRAT_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DOCS = [
    ("docs/cli.md", "digistrat.cli.reference", "generate"),
    ("docs/regeln.md", "digistrat.rules.docs", "render_reference"),
    ("docs/format.md", "digistrat.authoring.reference", "generate"),
]


def golden_tests() -> list[str]:
    """Test files that compare with golden files (they honour DIGISTRAT_UPDATE_GOLDEN)."""
    return sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").glob("test_*.py")
        if "golden" in p.read_text(encoding="utf-8").lower()
    )


def regenerate_docs() -> None:
    sys.path.insert(0, str(ROOT))
    for path, module, function in DOCS:
        try:
            text = getattr(importlib.import_module(module), function)()
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            print(f"skipped {path}: {module} does not exist yet")
            continue
        (ROOT / path).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")


def regenerate_golden() -> int:
    env = {**os.environ, "DIGISTRAT_UPDATE_GOLDEN": "1"}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *golden_tests()]
    print("running", " ".join(cmd[2:]))
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    regenerate_docs()
    code = 0 if "--docs" in argv else regenerate_golden()
    subprocess.run(["git", "status", "--short", "--", "docs", "tests/golden", "tests/rules", "tests/data"], cwd=ROOT)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
