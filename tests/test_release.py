"""The pre-commit configuration that ``init`` writes (and the README shows) works against a release tag."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from digistrat import __version__
from digistrat.authoring.init import init_project
from digistrat.authoring.starter import PRE_COMMIT, REPO_PLACEHOLDER

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="git is part of CI")]

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}


def _run(cmd, cwd, env=None, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def tagged_release(tmp_path_factory) -> Path:
    """A copy of the tracked sources committed and tagged v<version>, as a release on the git server."""
    repo = tmp_path_factory.mktemp("digistrat-release")
    env = dict(os.environ, **GIT_ENV)
    files = _run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    _run(["git", "init", "-q", "-b", "main"], cwd=repo)
    _run(["git", "add", "."], cwd=repo)
    _run(["git", "commit", "-q", "-m", "release"], cwd=repo, env=env)
    _run(["git", "tag", "-a", f"v{__version__}", "-m", f"digistrat {__version__}"], cwd=repo, env=env)
    return repo


def test_pre_commit_config_from_init_runs_against_the_release_tag(tagged_release, tmp_path):
    project = tmp_path / "strategie"
    init_project(project, "Musterland Digital", "Kreis Musterland")
    config = (project / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config == PRE_COMMIT
    (project / ".pre-commit-config.yaml").write_text(
        config.replace(REPO_PLACEHOLDER, str(tagged_release)), encoding="utf-8"
    )
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1", **GIT_ENV)
    _run(["git", "add", "."], cwd=project)
    ok = _run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"], project, env, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    for hook in ("digistrat validate", "digistrat lint", "digistrat fmt"):
        assert re.search(rf"^{hook}\.+Passed$", ok.stdout, re.M), ok.stdout

    messy = project / "steckbriefe" / "MD-01.yaml"
    messy.write_text(messy.read_text(encoding="utf-8").replace("id: MD-01", 'id: "MD-01"'), encoding="utf-8")
    _run(["git", "add", "."], cwd=project)
    fixed = _run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"], project, env, check=False
    )
    assert fixed.returncode == 1  # fmt changed a file: the commit stops so the change can be reviewed
    assert re.search(r"^digistrat fmt\.+Failed$", fixed.stdout, re.M), fixed.stdout
    assert "id: MD-01  " in messy.read_text(encoding="utf-8")
