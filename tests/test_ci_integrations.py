"""The CI integrations fail on warnings, and the GitLab report carries the lint findings (issue 9, point 7)."""

from __future__ import annotations

import json
import re
import shutil

from conftest import ROOT

QUOTE_CASE = ROOT / "examples" / "invalid" / "quote-als-anteil"


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_pre_commit_lint_hook_fails_on_warnings():
    from ruamel.yaml import YAML

    hooks = {h["id"]: h for h in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["digistrat-lint"]["entry"] == "digistrat lint --fail-on warnung"
    assert hooks["digistrat-validate"]["entry"] == "digistrat validate"


def test_readme_ci_snippets_run_lint_fail_on_warnung_and_upload_always():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    gitlab = [b for b in _yaml_blocks(readme) if "codequality:" in b]
    assert len(gitlab) == 2
    for block in gitlab:
        assert "digistrat lint --fail-on warnung --format gitlab" in block
        assert "when: always" in block
        assert "--format gitlab" not in block.replace("lint --fail-on warnung --format gitlab", "")
    github = [b for b in _yaml_blocks(readme) if "actions/checkout" in b]
    assert len(github) == 1 and "- run: digistrat lint --fail-on warnung\n" in github[0]


def test_the_hook_command_fails_on_a_warning_only_project(cli, tmp_path, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(QUOTE_CASE, root)
    monkeypatch.chdir(root)
    assert cli("validate").code == 0  # only warnings: validate passes …
    result = cli("lint", "--fail-on", "warnung", "--format", "gitlab", "--output", "gl-code-quality.json")
    assert result.code == 1  # … the hook and the CI job do not
    report = json.loads((root / "gl-code-quality.json").read_text(encoding="utf-8"))
    names = sorted({entry["check_name"] for entry in report})
    assert "DS030" in {n.split()[0] for n in names}  # validate's warning
    assert any(n.startswith("DS1") for n in names)  # and lint's own rules (DS117 here)
