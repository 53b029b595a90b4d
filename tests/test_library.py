"""The library front door: ``digistrat.__all__`` is lazy and complete, and the README's example
("Als Python-Bibliothek") runs and prints what the README shows."""

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import digistrat

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> tuple[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Als Python-Bibliothek", 1)[1].split("\n## ", 1)[0]
    code, shown = re.findall(r"```(?:python|text)\n(.*?)```", section, re.S)[:2]
    return code, shown


def test_readme_example_prints_what_the_readme_shows(monkeypatch):
    code, shown = readme_example()
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    assert out.getvalue() == shown


def test_every_exported_name_resolves():
    for name in digistrat.__all__:
        assert getattr(digistrat, name) is not None, name
    assert digistrat.lint.__module__ == "digistrat.linting"
    assert digistrat.RenderOptions.__name__ == "RenderOptions"


def test_import_is_lazy():
    code = "import sys, digistrat; print(sorted(m for m in sys.modules if m.startswith('digistrat')))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "['digistrat']"


def test_unknown_name_is_an_attribute_error():
    try:
        digistrat.gibt_es_nicht  # noqa: B018
    except AttributeError as exc:
        assert "gibt_es_nicht" in str(exc)
    else:
        raise AssertionError("no AttributeError")
