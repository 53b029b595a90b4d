"""``digistrat diff`` on real temporary git repositories, with exact figures."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_budget import ABC, write_project

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    import os

    env = {**os.environ, **GIT_ENV, "HOME": str(repo.parent)}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, tag: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", tag)
    git(repo, "tag", tag)


SB1 = {"id": "P-01", "kosten": [{"jahr": 2023, "betrag": 10000, "kategorie": "sachkosten"}]}
SB2 = {"id": "P-02", "status": "idee", "kosten": [{"jahr": 2024, "betrag": 600, "traeger": "b"}]}


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository whose project lives in the subfolder ``strategie/`` (tag ``v1``)."""
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q")
    write_project(top / "strategie", partner=ABC[:2], steckbriefe=[SB1, SB2])
    (top / "README.md").write_text("Ein Repository mit mehr als dem Projekt.\n", encoding="utf-8")
    commit(top, "v1")
    return top


def rewrite(repo: Path, **kwargs) -> None:
    import shutil

    shutil.rmtree(repo / "strategie")
    write_project(repo / "strategie", **kwargs)


def diff_json(cli, *args) -> dict:
    result = cli("diff", *args, "--format", "json")
    assert (result.code, result.err) == (0, ""), result
    return json.loads(result.out)


def test_same_revision_is_empty(cli, repo, monkeypatch):
    monkeypatch.chdir(repo / "strategie")
    assert diff_json(cli, "v1", "v1") == {
        "von": "v1",
        "bis": "v1",
        "steckbriefe": {"neu": [], "entfernt": [], "status": []},
        "budget": [],
    }
    assert diff_json(cli, "v1")["bis"] is None  # the clean working tree: nothing changed either
    assert cli("diff", "v1").out == "Änderungen von v1 bis Arbeitsstand\nKeine Änderungen.\n"


def test_status_change_and_budget_change(cli, repo, monkeypatch):
    changed = {**SB1, "kosten": [{"jahr": 2023, "betrag": 12000, "kategorie": "investitionen"}]}
    rewrite(repo, partner=ABC[:2], steckbriefe=[changed, {**SB2, "status": "verworfen"}])
    commit(repo, "v2")
    monkeypatch.chdir(repo)
    data = diff_json(cli, "v1", "v2", "strategie")
    assert data["steckbriefe"] == {
        "neu": [],
        "entfernt": [],
        "status": [{"id": "P-02", "vorher": "idee", "nachher": "verworfen"}],
    }
    assert data["budget"] == [
        {
            "partner": "a",
            "jahr": "2023",
            "wert": "aufwand",
            "vorher": "10000.00",
            "nachher": "12000.00",
            "differenz": "2000.00",
        },
        {
            "partner": "a",
            "jahr": "2023",
            "wert": "eigenanteil",
            "vorher": "10000.00",
            "nachher": "12000.00",
            "differenz": "2000.00",
        },
        {
            "partner": "a",
            "jahr": "2023",
            "wert": "investiv",
            "vorher": "0.00",
            "nachher": "12000.00",
            "differenz": "12000.00",
        },
        # rule 6: the verworfen Steckbrief's 600 € of b in 2024 no longer count
        {
            "partner": "b",
            "jahr": "2024",
            "wert": "aufwand",
            "vorher": "600.00",
            "nachher": "0.00",
            "differenz": "-600.00",
        },
        {
            "partner": "b",
            "jahr": "2024",
            "wert": "eigenanteil",
            "vorher": "600.00",
            "nachher": "0.00",
            "differenz": "-600.00",
        },
    ]


def test_added_removed_and_renamed_steckbrief(cli, repo, monkeypatch):
    write_project(repo / "strategie", partner=ABC[:2], steckbriefe=[SB1, SB2])
    (repo / "strategie" / "steckbriefe" / "archiv").mkdir()
    # moving a file keeps its id: no change; renaming P-02 to P-03 removes one id and adds the other
    git(repo, "mv", "strategie/steckbriefe/P-01.yaml", "strategie/steckbriefe/archiv/P-01.yaml")
    sb3 = {**SB2, "id": "P-03"}
    rewrite(repo, partner=ABC[:2], steckbriefe=[SB1, sb3, {"id": "P-04", "kosten": []}])
    (repo / "strategie" / "steckbriefe" / "archiv").mkdir()
    (repo / "strategie" / "steckbriefe" / "P-01.yaml").rename(
        repo / "strategie" / "steckbriefe" / "archiv" / "P-01.yaml"
    )
    commit(repo, "v2")
    monkeypatch.chdir(repo / "strategie" / "steckbriefe")  # a folder inside the project
    data = diff_json(cli, "v1", "v2")
    assert data["steckbriefe"] == {"neu": ["P-03", "P-04"], "entfernt": ["P-02"], "status": []}
    assert data["budget"] == []  # P-03 has P-02's costs: the figures stay
    table = cli("diff", "v1", "v2").out
    assert "Neu: P-03 Projekt P-03; P-04 Projekt P-04\nEntfernt: P-02 Projekt P-02\n" in table
    assert "Keine Änderung der Zahlen." in table


def test_partner_added_counts_as_zeros_before(cli, repo, monkeypatch):
    sb = {"id": "P-01", "kosten": [{"jahr": 2024, "betrag": 900, "aufteilung": {"schluessel": "gleich"}}]}
    rewrite(repo, partner=ABC, steckbriefe=[sb, SB2])
    monkeypatch.chdir(repo / "strategie")
    data = diff_json(cli, "v1")  # against the working tree, uncommitted
    assert data["bis"] is None
    assert data["budget"] == [
        {
            "partner": "a",
            "jahr": "2023",
            "wert": "aufwand",
            "vorher": "10000.00",
            "nachher": "0.00",
            "differenz": "-10000.00",
        },
        {
            "partner": "a",
            "jahr": "2023",
            "wert": "eigenanteil",
            "vorher": "10000.00",
            "nachher": "0.00",
            "differenz": "-10000.00",
        },
        {
            "partner": "a",
            "jahr": "2024",
            "wert": "aufwand",
            "vorher": "0.00",
            "nachher": "300.00",
            "differenz": "300.00",
        },
        {
            "partner": "a",
            "jahr": "2024",
            "wert": "eigenanteil",
            "vorher": "0.00",
            "nachher": "300.00",
            "differenz": "300.00",
        },
        {
            "partner": "b",
            "jahr": "2024",
            "wert": "aufwand",
            "vorher": "600.00",
            "nachher": "900.00",
            "differenz": "300.00",
        },
        {
            "partner": "b",
            "jahr": "2024",
            "wert": "eigenanteil",
            "vorher": "600.00",
            "nachher": "900.00",
            "differenz": "300.00",
        },
        {
            "partner": "c",
            "jahr": "2024",
            "wert": "aufwand",
            "vorher": "0.00",
            "nachher": "300.00",
            "differenz": "300.00",
        },
        {
            "partner": "c",
            "jahr": "2024",
            "wert": "eigenanteil",
            "vorher": "0.00",
            "nachher": "300.00",
            "differenz": "300.00",
        },
    ]
    markdown = cli("diff", "v1", "--format", "markdown").out
    assert "| Stadt C | 2024 | Aufwand | 0,00\u00a0€ | 300,00\u00a0€ | +300,00\u00a0€ |" in markdown


def test_reading_a_revision_leaves_worktree_and_index_alone(cli, repo, monkeypatch):
    (repo / "strategie" / "partner.yaml").write_text("kaputt: [\n", encoding="utf-8")
    git(repo, "add", "strategie/partner.yaml")  # staged, not committed
    index_before = (repo / ".git" / "index").read_bytes()
    status_before = git(repo, "status", "--porcelain")
    monkeypatch.chdir(repo)
    assert diff_json(cli, "v1", "v1", "strategie")["budget"] == []
    assert (repo / ".git" / "index").read_bytes() == index_before
    assert git(repo, "status", "--porcelain") == status_before
    assert (repo / "strategie" / "partner.yaml").read_text(encoding="utf-8") == "kaputt: [\n"


def test_errors(cli, repo, tmp_path, monkeypatch):
    monkeypatch.chdir(repo / "strategie")
    result = cli("diff", "v9")
    assert result.code == 2
    assert result.err == (
        f"Fehler: Die Revision „v9“ gibt es im git-Repository {repo.resolve().as_posix()} nicht "
        "(erwartet: ein Commit, ein Branch oder ein Tag).\n"
    )
    outside = tmp_path / "ohne-git"
    write_project(outside, partner=ABC[:1])
    monkeypatch.chdir(outside)
    result = cli("diff", "HEAD")
    assert (result.code, result.err) == (2, "Fehler: „.“ liegt in keinem git-Repository.\n")
    result = cli("diff", "HEAD", "--format", "xml")
    assert (result.code, result.err) == (
        2,
        "Fehler: Unbekanntes Ausgabeformat „xml“. Erlaubt: table, markdown, json.\n",
    )


def test_a_revision_with_errors_is_named(cli, repo, monkeypatch):
    (repo / "strategie" / "steckbriefe" / "P-01.yaml").write_text(
        (repo / "strategie" / "steckbriefe" / "P-01.yaml").read_text(encoding="utf-8").replace('"Test."', "null"),
        encoding="utf-8",
    )
    commit(repo, "kaputt")
    monkeypatch.chdir(repo)
    result = cli("diff", "v1", "kaputt", "strategie")
    assert result.code == 1
    assert result.out == ""
    assert "kaputt:strategie/steckbriefe/P-01.yaml" in result.err
    assert result.err.endswith(
        "Fehler: Das Projekt in der Revision „kaputt“ enthält 1 Fehler und kann nicht verglichen werden.\n"
    )
    result = cli("diff", "v1", "v1", "README.md")
    assert result.code == 2
    assert result.err == "Fehler: In der Revision „v1“ gibt es den Ordner „README.md“ nicht.\n"


def test_second_argument_is_a_path_or_a_revision(cli, repo, monkeypatch):
    monkeypatch.chdir(repo)
    assert diff_json(cli, "v1", "strategie")["bis"] is None  # a folder, no revision: PATH
    git(repo, "tag", "strategie")
    result = cli("diff", "v1", "strategie")
    assert (result.code, result.err) == (
        2,
        "Fehler: „strategie“ ist sowohl eine Revision als auch ein Ordner. Zum Vergleich mit dem Arbeitsstand "
        "im Ordner aufrufen (digistrat diff v1), für zwei Revisionen den Pfad dazu angeben "
        "(digistrat diff v1 strategie PFAD).\n",
    )
    assert diff_json(cli, "v1", "strategie", "strategie")["bis"] == "strategie"
