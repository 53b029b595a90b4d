"""The README's commands run as written, and its CI snippets are the files ``digistrat init`` writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from digistrat import __version__
from digistrat.authoring.starter import GITHUB_WORKFLOW, GITLAB_CI, INSTALL, PRE_COMMIT

MARKER = "<!-- ausführbar -->"
README = (ROOT / "README.md").read_text(encoding="utf-8")
_FENCE = re.compile(r"^(?P<indent>[ ]*)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```$", re.M | re.S)


def shell_blocks() -> list[tuple[bool, str]]:
    """(marked runnable, code) for every ```sh block, in README order."""
    blocks = []
    for match in _FENCE.finditer(README):
        if match["lang"] != "sh":
            continue
        before = README[: match.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        blocks.append((before == MARKER, textwrap.dedent(match["body"])))
    return blocks


def test_every_shell_block_is_runnable_or_a_setup_step():
    for runnable, code in shell_blocks():
        if not runnable:
            assert "pip install" in code or "python3 -m venv" in code, code


@pytest.mark.slow
def test_runnable_blocks_run_in_order(tmp_path):
    """Every marked block, in a scratch copy of the repository's examples, after the Schnellstart."""
    work = tmp_path / "digistrat"
    shutil.copytree(ROOT / "examples", work / "examples")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_", "DIGISTRAT_"))}
    # the Schnellstart activates the venv: its bin folder comes first on PATH
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}", HOME=str(home), NO_COLOR="1")
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    ran = 0
    for runnable, code in shell_blocks():
        if not runnable:
            continue
        proc = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", code],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        assert proc.returncode == 0, f"{code}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
        assert "Traceback" not in proc.stderr
        ran += 1
    assert ran >= 10
    assert (work / "anlagen" / "index.html").is_file()
    assert (work / "mein-kreis" / "steckbriefe" / "MD-03.yaml").is_file()
    agenda = (work / "mein-kreis" / "agenda.yaml").read_text(encoding="utf-8")
    assert "  - MD-01" in agenda and agenda.index("MD-03") < agenda.index("MD-02")
    assert (work / "mein-kreis" / "anlagen" / "anlage-1-digitalisierungsstrategie.pdf").is_file()
    assert (home / ".local/share/bash-completion/completions/digistrat").is_file()


def test_ci_snippets_are_the_files_init_writes():
    yaml_blocks = [m["body"] for m in _FENCE.finditer(README) if m["lang"] == "yaml"]
    for content in (GITLAB_CI, GITHUB_WORKFLOW, PRE_COMMIT):
        assert content in yaml_blocks
    assert f'pip install "{INSTALL}"' in README
    assert f"digistrat[fast] @ git+https://example.org/digistrat.git@v{__version__}" == INSTALL
    assert f"rev: v{__version__}" in PRE_COMMIT
    assert "Platzhalter" in README


def test_changelog_and_version_agree():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unveröffentlicht]" in changelog
    assert f"## [{__version__}]" in changelog
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nversion = "{__version__}"\n' in pyproject


def test_gitignore_covers_render_output_and_readme_leftovers():
    ignore = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    for pattern in ("/anlagen/", "/examples/*/anlagen/", "/mein-kreis/", "/lint.sarif", "/budget.xlsx"):
        assert pattern in ignore
    if shutil.which("git") and (ROOT / ".git").exists():
        probe = subprocess.run(
            ["git", "check-ignore", "-q", "--no-index", "examples/dithmarschen/anlagen/index.html"], cwd=ROOT
        )
        assert probe.returncode == 0


def output_examples() -> list[tuple[str, str]]:
    """(command, shown output) for the README's plain blocks that start with ``$ digistrat``."""
    examples = []
    for match in _FENCE.finditer(README):
        body = textwrap.dedent(match["body"])
        if match["lang"] == "" and body.startswith("$ digistrat "):
            command, _, output = body.partition("\n")
            examples.append((command[2:], output))
    return examples


@pytest.mark.parametrize(("command", "shown"), output_examples(), ids=lambda v: v if v.startswith("digistrat") else "")
def test_shown_output_is_what_the_command_prints(command, shown, cli):
    import shlex

    result = cli(*shlex.split(command)[1:])
    assert result.code == 0, result
    if shown:  # some blocks show only the command; the output follows as a rendered table
        assert result.out.removeprefix("\ufeff").replace("\r\n", "\n") == shown  # CSV: BOM and CRLF
