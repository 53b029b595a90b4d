"""Every lint rule against its example files in tests/rules/<code>-<name>/<case>/.

Each case is the base project tests/rules/_basis/ with the case's files copied over it.
``erwartet.txt`` lists the findings of the case's rule exactly (``file:line:column severity code
message``); ``falsch*`` cases must have at least one, ``richtig*`` cases none. Other findings of
validate are not allowed unless the case lists them in ``validate.txt``.
DIGISTRAT_UPDATE_GOLDEN=1 rewrites the expectation files (review the diff).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from digistrat.linting import LintOptions, lint_result
from digistrat.rules import registry
from digistrat.validation import check

CORPUS = Path(__file__).parent / "rules"
BASIS = CORPUS / "_basis"
META_FILES = {"erwartet.txt", "validate.txt", "README.md"}


def _cases():
    for rule_dir in sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for case in sorted(p for p in rule_dir.iterdir() if p.is_dir()):
            yield pytest.param(rule_dir, case, id=f"{rule_dir.name}/{case.name}")


def _build(case: Path, target: Path) -> Path:
    shutil.copytree(BASIS, target)
    for src in sorted(case.rglob("*")):
        if src.is_file() and src.name not in META_FILES:
            dest = target / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    return target


def _line(f) -> str:
    return f"{f.file}:{f.line}:{f.column} {f.severity.value} {f.code} {f.message}"


def _expected(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _write(path: Path, lines: list[str]) -> None:
    if lines:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif path.exists():
        path.unlink()


@pytest.mark.parametrize("rule_dir,case", list(_cases()))
def test_rule_case(rule_dir: Path, case: Path, tmp_path, monkeypatch):
    code = rule_dir.name.split("-", 1)[0]
    root = _build(case, tmp_path / "projekt")
    monkeypatch.chdir(root)
    findings = lint_result(check(root), LintOptions())
    got = [_line(f) for f in findings if f.code == code]
    validate = [_line(f) for f in findings if f.code < "DS100" and not f.code.startswith("DS09")]
    if os.environ.get("DIGISTRAT_UPDATE_GOLDEN"):
        _write(case / "erwartet.txt", got)
        _write(case / "validate.txt", validate)
        return
    assert got == _expected(case / "erwartet.txt")
    assert validate == _expected(case / "validate.txt")
    if case.name.startswith("falsch"):
        assert got, "a failing case must produce findings"
    else:
        assert case.name.startswith("richtig") and not got


def test_basis_is_lint_clean(monkeypatch):
    monkeypatch.chdir(BASIS)
    assert lint_result(check(BASIS), LintOptions()) == []


def test_every_rule_has_a_failing_and_a_passing_case():
    dirs = {p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert dirs == {f"{r.code}-{r.name}" for r in registry.RULES}
    for d in dirs:
        names = [p.name for p in (CORPUS / d).iterdir() if p.is_dir()]
        assert any(n.startswith("falsch") for n in names), d
        assert any(n.startswith("richtig") for n in names), d
