"""A broken Steckbrief gets its own finding, not misleading ones elsewhere (issue 9, point 6)."""

from __future__ import annotations

import json
from pathlib import Path

TYPO = Path(__file__).parent / "data" / "tippfehler-steckbrief"


def test_key_typo_in_a_steckbrief_adds_no_project_wide_findings(cli, monkeypatch):
    monkeypatch.chdir(TYPO)
    result = cli("lint", "--format", "json", "--stichtag", "2023-06-30")
    assert result.code == 1
    rows = [
        f"{f['code']} {f['datei']}:{f['zeile']}:{f['spalte']} {f['meldung']}" for f in json.loads(result.out)["befunde"]
    ]
    assert [r for r in rows if not r.startswith("DS117")] == [
        "DS011 steckbriefe/MK-01.yaml:8:1 Unbekannter Schlüssel „beteilgte“ – meinten Sie „beteiligte“?"
    ]


def test_fixed_typo_brings_the_project_wide_rules_back(cli, tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(TYPO, root)
    sb = root / "steckbriefe" / "MK-01.yaml"
    sb.write_text(sb.read_text(encoding="utf-8").replace("beteilgte:", "beteiligte:"), encoding="utf-8")
    # without MK-01 at all, DS103 is right: Bildung has no Steckbrief
    sb.unlink()
    monkeypatch.chdir(root)
    result = cli("lint", "--format", "json", "--stichtag", "2023-06-30", "--select", "DS103")
    codes = [(f["code"], f["meldung"]) for f in json.loads(result.out)["befunde"] if f["code"] == "DS103"]
    assert codes == [("DS103", "Zum Handlungsfeld „Bildung“ gibt es keinen Steckbrief.")]
