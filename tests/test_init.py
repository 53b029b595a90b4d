"""``digistrat init``: a starter project that validates, lints clean and renders; never overwrites."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from digistrat.authoring.init import default_titel, id_prefix

STARTER_FILES = [
    ".github/workflows/digistrat.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".vscode/extensions.json",
    ".vscode/schemas/agenda.schema.json",
    ".vscode/schemas/config.schema.json",
    ".vscode/schemas/foerderprogramme.schema.json",
    ".vscode/schemas/partner.schema.json",
    ".vscode/schemas/steckbrief.schema.json",
    ".vscode/schemas/strategie.schema.json",
    ".vscode/settings.json",
    "agenda.yaml",
    "digistrat.yaml",
    "partner.yaml",
    "steckbriefe/MD-01.yaml",
    "strategie.yaml",
]


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_titel_and_prefix_defaults():
    assert default_titel("Kreis Dithmarschen") == "Dithmarschen Digital"
    assert default_titel("Landkreis Vorpommern-Greifswald") == "Vorpommern-Greifswald Digital"
    assert id_prefix("Dithmarschen Digital") == "DD-"
    assert id_prefix("Digitale Agenda des Kreises Ölberg") == "DAK-"
    assert id_prefix("2030") == "P-"


def test_init_then_three_steckbriefe_validate_lint_render(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("init", "projekt")
    assert result.code == 0, result
    folder = tmp_path / "projekt"
    assert [f for f in _files(folder) if not f.startswith(".git/")] == STARTER_FILES
    assert "angelegt: projekt/strategie.yaml\n" in result.err
    assert result.err.endswith(
        "Fertig. Nächste Schritte: cd projekt && digistrat validate && digistrat lint && "
        "digistrat neu steckbrief --titel TITEL --handlungsfeld verwaltung\n"
    )
    strategie = (folder / "strategie.yaml").read_text(encoding="utf-8")
    assert "titel: Musterland Digital           # Pflicht: Name der Strategie\n" in strategie
    assert "federfuehrung: kreis-musterland" in strategie
    # every key line of the YAML files carries a German comment
    for name in ("strategie.yaml", "partner.yaml", "agenda.yaml", "digistrat.yaml"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            entry = line.lstrip()
            if entry and not entry.startswith(("#", "- {")) and not (entry.startswith("- ") and ": " not in entry):
                assert " # " in line, f"{name}: {line}"
    monkeypatch.chdir(folder)
    for titel in ("Bürger-App", "Schul-WLAN: Ausbau", "E-Akte"):
        assert cli("neu", "steckbrief", "--titel", titel, "--handlungsfeld", "verwaltung").code == 0
    assert (folder / "steckbriefe" / "MD-04.yaml").exists()
    validate = cli("validate")
    assert (validate.code, validate.out) == (0, "✓ Keine Befunde: 8 Dateien geprüft.\n")
    lint = cli("lint")
    assert (lint.code, lint.out) == (0, "✓ Keine Befunde: 8 Dateien geprüft.\n")
    render = cli("render", "--format", "html")
    assert render.code == 0, render
    assert (folder / "anlagen" / "index.html").is_file()
    budget = cli("budget", "--format", "json")
    assert json.loads(budget.out)["partner"][0]["id"] == "kreis-musterland"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is part of the CI image")
def test_init_runs_git_init_and_gitignore_hides_render_output(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("init", "--region", "Kreis Dithmarschen", "--titel", "Dithmarschen Digital").code == 0
    assert (tmp_path / ".git").is_dir()
    assert (tmp_path / "steckbriefe" / "DD-01.yaml").is_file()
    (tmp_path / "anlagen").mkdir()
    (tmp_path / "anlagen" / "index.html").write_text("x", encoding="utf-8")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path, capture_output=True, text=True
    )
    assert "anlagen" not in status.stdout
    assert "?? strategie.yaml" in status.stdout
    # inside an existing repository no second one is made
    assert cli("init", "unterordner").code == 0
    assert not (tmp_path / "unterordner" / ".git").exists()


def test_init_refuses_to_overwrite_and_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("meins\n", encoding="utf-8")
    (tmp_path / "partner.yaml").write_text("partner: []\n", encoding="utf-8")
    result = cli("init")
    assert result.code == 2
    assert result.err == (
        "Fehler: Es gibt schon: partner.yaml, .gitignore. init überschreibt nichts; bitte einen leeren Ordner wählen.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [".gitignore", "partner.yaml"]
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "meins\n"


def test_ci_files_install_from_a_release_tag_and_keep_reports():
    from digistrat import __version__
    from digistrat.authoring.init import starter_for

    files = starter_for("X Digital", "Kreis X").files()
    install = f'pip install "digistrat[fast] @ git+https://example.org/digistrat.git@v{__version__}"'
    assert install in files[".gitlab-ci.yml"]
    assert install in files[".github/workflows/digistrat.yml"]
    assert "Platzhalter" in files[".gitlab-ci.yml"] and "Platzhalter" in files[".pre-commit-config.yaml"]
    assert (
        "    when: always\n    reports:\n      codequality: gl-code-quality.json\n      junit: digistrat-validate.xml\n"
        in (files[".gitlab-ci.yml"])
    )
    assert f"    rev: v{__version__}" in files[".pre-commit-config.yaml"]
    settings = json.loads(files[".vscode/settings.json"])
    assert settings["yaml.schemas"][".vscode/schemas/steckbrief.schema.json"] == "steckbriefe/**/*.yaml"
    assert json.loads(files[".vscode/extensions.json"]) == {"recommendations": ["redhat.vscode-yaml"]}


def test_init_asks_in_a_terminal(cli, tmp_path, monkeypatch):
    import rich.prompt

    from digistrat.cli import init_cmd

    asked = []

    def ask(question, default=None, **kwargs):
        asked.append((question, default))
        return {"Kreis oder Region": "Kreis Dithmarschen"}.get(question, default)

    monkeypatch.setattr(init_cmd, "_interactive", lambda: True)
    monkeypatch.setattr(rich.prompt.Prompt, "ask", staticmethod(ask))
    monkeypatch.chdir(tmp_path)
    assert cli("init").code == 0
    assert asked == [("Kreis oder Region", "Kreis Musterland"), ("Titel der Strategie", "Dithmarschen Digital")]
    assert "titel: Dithmarschen Digital " in (tmp_path / "strategie.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "steckbriefe" / "DD-01.yaml").is_file()
