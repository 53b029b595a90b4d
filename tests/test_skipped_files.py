"""Files under steckbriefe/ that would be skipped without a word get a finding (DS031).

FIFOs, dangling links and folders named *.yaml cannot live in git, so they are made here in a
copy of tests/data/minimal; the *.yml cases are in examples/invalid/ (steckbrief-yml, agenda-yml).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

MINIMAL = Path(__file__).parent / "data" / "minimal"


@pytest.fixture
def projekt(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "projekt"
    shutil.copytree(MINIMAL, root)
    monkeypatch.chdir(root)
    return root


def findings(cli, *args) -> tuple[int, list[str]]:
    result = cli("validate", "--format", "json", *args)
    rows = [f"{f['code']} {f['datei']}:{f['zeile'] or '-'} {f['meldung']}" for f in json.loads(result.out)["befunde"]]
    return result.code, rows


def test_fifo_directory_and_dangling_link_are_reported(cli, projekt):
    os.mkfifo(projekt / "steckbriefe" / "MK-04.yaml")
    (projekt / "steckbriefe" / "MK-05.yaml").mkdir()
    (projekt / "steckbriefe" / "MK-06.yaml").symlink_to(projekt / "fehlt" / "MK-06.yaml")
    (projekt / "steckbriefe" / ".MK-01.yaml.swp").write_text("editor", encoding="utf-8")  # hidden: ignored
    (projekt / "steckbriefe" / "notizen.txt").write_text("kein Steckbrief", encoding="utf-8")
    code, rows = findings(cli)
    assert code == 1
    assert rows == [
        "DS031 steckbriefe/MK-04.yaml:- „MK-04.yaml“ ist eine Pipe (FIFO); als Steckbrief wird sie nicht gelesen.",
        "DS031 steckbriefe/MK-05.yaml:- „MK-05.yaml“ ist ein Ordner, keine Datei; als Steckbrief wird er nicht gelesen.",
        "DS031 steckbriefe/MK-06.yaml:- „MK-06.yaml“ ist ein Verweis (Link) auf eine Datei, die es nicht gibt; "
        "der Steckbrief wird nicht gelesen.",
    ]
    assert cli("budget", ".").code == 1  # no figures without those Steckbriefe


def test_unreadable_subfolder_is_reported(cli, projekt, monkeypatch):
    hidden = projekt / "steckbriefe" / "archiv"
    hidden.mkdir()
    shutil.copy(projekt / "steckbriefe" / "MK-02.yaml", hidden / "MK-07.yaml")
    real_scandir = os.scandir

    def scandir(path="."):
        # as if chmod 000 (which root, running CI, would ignore)
        if Path(path) == hidden or str(path) == str(hidden):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, rows = findings(cli)
    assert code == 1
    assert rows == [
        "DS031 steckbriefe/archiv:- Der Ordner kann nicht gelesen werden (keine Berechtigung); die Steckbriefe "
        "darin fehlen in jeder Prüfung und Rechnung. Bitte die Berechtigung ändern (chmod) oder den Ordner entfernen."
    ]


def test_optional_root_file_as_yml(cli, projekt):
    (projekt / "digistrat.yml").write_text("version: 1\n", encoding="utf-8")
    code, rows = findings(cli)
    assert code == 1
    assert rows == [
        "DS031 digistrat.yml:- „digistrat.yml“ wird nicht gelesen: Der Name muss „digistrat.yaml“ lauten. "
        "Bitte umbenennen."
    ]
