"""Render output that cannot be turned against its user: sandboxed project templates, folders
outside the project only on request, no file replaced that digistrat did not write, no .tmp
left behind on Ctrl-C or SIGTERM, no --output over a project file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE

ATTACK = Path(__file__).parent / "data" / "vorlage-angriff" / "templates"


def test_template_cannot_reach_os(example_copy, cli, tmp_path, monkeypatch):
    shutil.copytree(ATTACK, example_copy / "templates")
    monkeypatch.chdir(tmp_path)
    result = cli("render", example_copy, "--out", tmp_path / "out", "-d", "organisation")
    shown = "dithmarschen/templates/organisation.html.j2"
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"Fehler: Vorlage {shown}, Zeile 2: Die Vorlage greift auf den Namen „__init__“ zu; Projektvorlagen "
        "dürfen das aus Sicherheitsgründen nicht (sie laufen in einer Sandbox). Bitte die Stelle aus der "
        "Vorlage entfernen.\n"
    )
    assert not (tmp_path / "pwned").exists() and not (example_copy / "pwned").exists()
    assert not (tmp_path / "out").exists()


def test_bundled_templates_still_render_with_an_override(example_copy, cli, tmp_path):
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "index.html.j2").write_text("<p>{{ dokumente|length }}</p>\n", encoding="utf-8")
    result = cli("render", example_copy, "--out", tmp_path, "-d", "ressourcen", "-d", "finanzen")
    assert result.code == 0, result
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>10</p>\n"  # 2 + 8 finance blocks


def _config(root: Path, text: str) -> None:
    (root / "digistrat.yaml").write_text("version: 1\nrender:\n" + text, encoding="utf-8")


def test_output_folder_outside_the_project_needs_the_flag(example_copy, cli, tmp_path):
    _config(example_copy, "  ausgabe: ../fremd\n")
    result = cli("render", example_copy, "-d", "strategie")
    assert result.code == 2
    assert result.err == (
        f"Fehler: digistrat.yaml, render.ausgabe: „../fremd“ liegt außerhalb des Projektordners "
        f"({(tmp_path / 'fremd').resolve().as_posix()}). Ordner außerhalb des Projekts verwendet digistrat "
        "nur mit der Option --pfade-ausserhalb.\n"
    )
    assert not (tmp_path / "fremd").exists()
    assert cli("render", example_copy, "-d", "strategie", "--pfade-ausserhalb").code == 0
    assert sorted(p.name for p in (tmp_path / "fremd").iterdir()) == [
        ".digistrat-dateien.json",
        "anlage-1-digitalisierungsstrategie.html",
        "index.html",
    ]


def test_template_folder_outside_the_project_needs_the_flag(example_copy, cli, tmp_path):
    (tmp_path / "vorlagen").mkdir()
    (tmp_path / "vorlagen" / "index.html.j2").write_text("<p>fremd</p>\n", encoding="utf-8")
    _config(example_copy, f"  vorlagen: {(tmp_path / 'vorlagen').as_posix()}\n")
    result = cli("render", example_copy, "--out", tmp_path / "out", "-d", "strategie")
    assert result.code == 2
    assert result.err.startswith(
        f"Fehler: digistrat.yaml, render.vorlagen: „{(tmp_path / 'vorlagen').as_posix()}“ liegt außerhalb "
    )
    ok = cli("render", example_copy, "--out", tmp_path / "out", "-d", "strategie", "--pfade-ausserhalb")
    assert ok.code == 0, ok
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == "<p>fremd</p>\n"


def test_render_never_replaces_a_file_it_did_not_write(example_copy, cli, tmp_path, monkeypatch):
    out = tmp_path / "website"
    out.mkdir()
    (out / "index.html").write_text("<h1>Meine Startseite</h1>\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("render", example_copy, "--out", out, "-d", "strategie")
    assert result.code == 2
    assert result.err == (
        "Fehler: „website/index.html“ wurde nicht von digistrat geschrieben und wird nicht überschrieben. "
        "Bitte die Datei verschieben oder mit --out einen anderen Ordner wählen.\n"
    )
    assert (out / "index.html").read_text(encoding="utf-8") == "<h1>Meine Startseite</h1>\n"
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # nothing written half


def test_render_replaces_its_own_files(example_copy, cli, tmp_path):
    out = tmp_path / "out"
    assert cli("render", example_copy, "--out", out, "-d", "strategie").code == 0
    assert cli("render", example_copy, "--out", out, "-d", "strategie", "-d", "agenda").code == 0
    manifest = (out / ".digistrat-dateien.json").read_text(encoding="utf-8")
    assert manifest == (
        "{\n"
        '  "hinweis": "Von digistrat render geschriebene Dateien",\n'
        '  "dateien": [\n'
        '    "anlage-1-digitalisierungsstrategie.html",\n'
        '    "anlage-2-digitale-agenda.html",\n'
        '    "index.html"\n'
        "  ]\n"
        "}\n"
    )


def test_output_onto_a_project_file_is_refused(example_copy, cli):
    before = (example_copy / "strategie.yaml").read_bytes()
    for command in (["validate"], ["lint"], ["budget"]):
        target = example_copy / "strategie.yaml"
        result = cli(*command, example_copy, "--output", target)
        assert result.code == 2, (command, result)
        assert result.err == (
            f"Fehler: „{target}“ ist eine Datei des digistrat-Projekts in {example_copy.resolve().as_posix()}; "
            "digistrat überschreibt keine Projektdateien mit --output. Bitte einen anderen Dateinamen angeben.\n"
        )
    sb = example_copy / "steckbriefe" / "DD-01.yaml"
    assert cli("budget", example_copy, "-o", sb).code == 2
    assert (example_copy / "strategie.yaml").read_bytes() == before
    assert cli("budget", example_copy, "-o", example_copy / "budget.csv", "-f", "csv").code == 0


_SIGNAL_SCRIPT = """
import os, signal, sys
import digistrat.output
real_fsync = os.fsync
def fsync(fd):
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    real_fsync(fd)
digistrat.output.os.fsync = fsync
from digistrat.cli import main
main(["budget", sys.argv[2], "--format", "csv", "--output", sys.argv[3]])
"""


def _interrupted(sig: str, tmp_path: Path) -> subprocess.CompletedProcess:
    target = tmp_path / "budget.csv"
    target.write_text("alt\n", encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", _SIGNAL_SCRIPT, sig, str(EXAMPLE), str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_sigterm_while_writing_leaves_no_tmp_file(tmp_path):
    done = _interrupted("SIGTERM", tmp_path)
    assert (done.returncode, done.stderr) == (143, "Abgebrochen.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.csv"]
    assert (tmp_path / "budget.csv").read_text(encoding="utf-8") == "alt\n"


def test_ctrl_c_while_writing_leaves_no_tmp_file(tmp_path):
    done = _interrupted("SIGINT", tmp_path)
    assert (done.returncode, done.stderr) == (130, "Abgebrochen.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.csv"]
    assert (tmp_path / "budget.csv").read_text(encoding="utf-8") == "alt\n"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the tests' own process is untouched


def test_template_link_to_a_file_outside_is_refused(example_copy, cli, tmp_path, monkeypatch):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMER SCHLÜSSEL\n", encoding="utf-8")
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "index.html.j2").symlink_to(secret)
    monkeypatch.chdir(tmp_path)
    result = cli("render", example_copy, "--out", tmp_path / "out", "-d", "strategie")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "Fehler: Die Vorlage dithmarschen/templates/index.html.j2 verweist auf eine Datei außerhalb des "
        f"Vorlagenordners ({secret.resolve().as_posix()}); solche Verweise (Links) liest digistrat nicht.\n"
    )
    assert not (tmp_path / "out" / "index.html").exists()


def test_an_interrupted_render_claims_only_the_files_it_wrote(example_copy, cli, tmp_path, monkeypatch):
    """The list used to name every file of the run before the first was written: after Ctrl-C it
    claimed files that were never written, and a user's file of that name put there later would
    have been overwritten as one of ours."""
    import json

    from digistrat.render import writer

    real = writer.render_all

    def interrupted(renderer, jobs, workers):
        for number, item in enumerate(real(renderer, jobs, workers)):
            if number == 2:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(writer, "render_all", interrupted)
    out = tmp_path / "out"
    assert cli("render", example_copy, "--out", out, "-j", "1").code == 130
    listed = json.loads((out / ".digistrat-dateien.json").read_text(encoding="utf-8"))["dateien"]
    assert listed == ["anlage-1-digitalisierungsstrategie.html", "anlage-2-digitale-agenda.html"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == listed
