"""The built wheel is self-contained (schemas and templates inside) and the pre-commit hook works.

These tests build and install for real, so a data file missing from the wheel fails CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow


def _run(cmd, cwd=None, env=None, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # build from a pristine copy of the tracked sources so that stray local files cannot hide a gap
    src = tmp_path_factory.mktemp("src") / "digistrat"
    files = _run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, src])
    (whl,) = out.glob("digistrat-*.whl")
    return whl


def test_wheel_contains_schemas_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in ("strategie", "partner", "agenda", "steckbrief", "foerderprogramme", "config"):
        assert f"digistrat/_data/schemas/{kind}.schema.json" in names
    templates = {n for n in names if n.startswith("digistrat/_data/templates/")}
    repo_templates = {
        f"digistrat/_data/templates/{p.relative_to(ROOT / 'templates').as_posix()}"
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    }
    assert repo_templates, "templates/ is empty"
    assert templates == repo_templates


def test_installed_wheel_runs_commands(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    _run([py, "-m", "pip", "install", "-q", wheel])
    exe = env_dir / "bin" / "digistrat"
    project = tmp_path / "dithmarschen"
    shutil.copytree(EXAMPLE, project)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NO_COLOR"] = "1"
    workdir = tmp_path  # not the repository: the schemas must come from the installed package
    version = _run([exe, "--version"], cwd=workdir, env=env)
    assert version.stdout.strip() == "digistrat 0.1.0"
    where = _run(
        [py, "-c", "import digistrat.resources as r; print(r.schemas_dir()); print(r.templates_dir())"],
        cwd=workdir,
        env=env,
    ).stdout.split()
    assert all("site-packages" in w for w in where), where
    # PyYAML and jsonschema-rs come with a plain install (no extras), as in the environment pre-commit
    # builds for the hooks (`pip install .` of this repository): the fast path is the default.
    probe = (
        "import json; from digistrat.loading import schema; from digistrat.loading.yamlparse import active_parsers; "
        "print(json.dumps([active_parsers()['schnellpfad'], schema._fast_validator('steckbrief') is not None]))"
    )
    assert json.loads(_run([py, "-c", probe], cwd=workdir, env=env).stdout) == ["PyYAML CSafeLoader", True]
    result = _run([exe, "validate", project], cwd=workdir, env=env)
    assert "Keine Befunde: 27 Dateien geprüft." in result.stdout
    schema = _run([exe, "schema", "steckbrief"], cwd=workdir, env=env)
    assert '"$id": "https://digistrat.de/schemas/v1/steckbrief.schema.json"' in schema.stdout
    broken = project / "steckbriefe" / "DD-01.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("zielgruppen:", "zielgrupen:"), encoding="utf-8")
    failed = _run([exe, "validate", project], cwd=workdir, env=env, check=False)
    assert failed.returncode == 1
    assert "meinten Sie „zielgruppen“?" in failed.stdout
    assert "Traceback" not in failed.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A git repository holding the example project, as a user's strategy repository would."""
    repo = tmp_path_factory.mktemp("strategie-repo")
    shutil.copytree(EXAMPLE, repo / "strategie")
    _run(["git", "init", "-q", "-b", "main"], cwd=repo)
    _run(["git", "add", "."], cwd=repo)
    return repo


def _pre_commit(repo: Path, home: Path, *args) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(home),
        NO_COLOR="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@t",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@t",
    )
    return _run(
        [sys.executable, "-m", "pre_commit", "try-repo", ROOT, *args, "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        check=False,
    )


def test_pre_commit_hook_passes_and_fails(hook_repo, tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    ok = _pre_commit(hook_repo, home, "digistrat-validate")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "digistrat validate" in ok.stdout and "Passed" in ok.stdout

    target = hook_repo / "strategie" / "steckbriefe" / "DD-02.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("status:", "stauts:", 1), encoding="utf-8")
    _run(["git", "add", "."], cwd=hook_repo)
    bad = _pre_commit(hook_repo, home, "digistrat-validate")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "Unbekannter Schlüssel „stauts“ – meinten Sie „status“?" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
