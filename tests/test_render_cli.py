"""``digistrat render`` on the command line: options, defaults, template overrides, errors."""

from __future__ import annotations

import builtins
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE

ANLAGEN = [
    "anlage-1-digitalisierungsstrategie.html",
    "anlage-2-digitale-agenda.html",
    "anlage-3-aufbauorganisation.html",
    "anlage-4-ressourcen.html",
]


def names(folder: Path) -> list[str]:
    """The documents in ``folder`` (without render's list of the files it wrote, .digistrat-dateien.json)."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".digistrat-dateien.json")


def test_default_output_folder_from_config(example_copy, cli):
    # the example's digistrat.yaml says render.ausgabe: anlagen
    result = cli("render", example_copy, "--dokument", "organisation")
    assert result.code == 0, result
    assert names(example_copy / "anlagen") == ["anlage-3-aufbauorganisation.html", "index.html"]
    assert result.err.splitlines()[-1].endswith(f"2 Dateien geschrieben nach {(example_copy / 'anlagen').as_posix()}/.")


def test_default_output_folder_without_config(example_copy, cli, monkeypatch):
    (example_copy / "digistrat.yaml").unlink()
    monkeypatch.chdir(example_copy)
    result = cli("render", "steckbriefe/DD-01.yaml", "--dokument", "strategie")
    assert result.code == 0, result
    assert names(example_copy / "anlagen") == ["anlage-1-digitalisierungsstrategie.html", "index.html"]
    assert result.err == (
        "geschrieben: anlagen/anlage-1-digitalisierungsstrategie.html\n"
        "geschrieben: anlagen/index.html\n"
        "2 Dateien geschrieben nach anlagen/.\n"
    )


def test_choose_documents_and_partners(tmp_path, cli):
    result = cli(
        "render",
        EXAMPLE,
        "--out",
        tmp_path,
        "-d",
        "finanzen",
        "-d",
        "ressourcen",
        "--partner",
        "stadt-heide",
        "--partner",
        "amt-klg-eider",
    )
    assert result.code == 0, result
    assert names(tmp_path) == [
        "anlage-4-ressourcen.html",
        "finanzielle-auswirkungen-amt-klg-eider.html",
        "finanzielle-auswirkungen-stadt-heide.html",
        "index.html",
    ]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert (
        '<li><a href="finanzielle-auswirkungen-amt-klg-eider.html">Amt Kirchspielslandgemeinden Eider</a></li>' in index
    )
    assert "anlage-1" not in index


def test_unknown_partner_and_document(tmp_path, cli):
    result = cli("render", EXAMPLE, "--out", tmp_path, "--partner", "stadt-husum")
    assert result.code == 2
    assert result.err.startswith("Fehler: Unbekannter Partner „stadt-husum“. Bekannt sind: kreis-dithmarschen, ")
    result = cli("render", EXAMPLE, "--out", tmp_path, "--dokument", "haushalt")
    assert result.code == 2
    assert result.err == (
        "Fehler: Unbekanntes Dokument „haushalt“. Erlaubt: strategie, agenda, organisation, ressourcen, finanzen.\n"
    )
    result = cli("render", EXAMPLE, "--out", tmp_path, "--format", "docx")
    assert result.code == 2
    assert result.err == "Fehler: Unbekanntes Format „docx“. Erlaubt: md, html, pdf.\n"
    assert not tmp_path.exists() or names(tmp_path) == []


def test_printed_date(tmp_path, cli):
    result = cli("render", EXAMPLE, "--out", tmp_path, "-d", "organisation", "--datum", "2022-09-22")
    assert result.code == 0, result
    assert '<footer class="ausgabe"><p>Ausgabe vom 22.09.2022</p></footer>' in (
        tmp_path / "anlage-3-aufbauorganisation.html"
    ).read_text(encoding="utf-8")
    result = cli("render", EXAMPLE, "--out", tmp_path, "--datum", "22.09.2022")
    assert result.code == 2
    assert result.err == "Fehler: --datum: „22.09.2022“ ist kein Datum im Format JJJJ-MM-TT (z. B. 2022-09-22).\n"


def test_no_date_is_printed_by_default(tmp_path, cli):
    assert cli("render", EXAMPLE, "--out", tmp_path, "-d", "organisation").code == 0
    assert "Ausgabe vom" not in (tmp_path / "anlage-3-aufbauorganisation.html").read_text(encoding="utf-8")


def test_date_and_format_from_config(example_copy, cli):
    (example_copy / "digistrat.yaml").write_text(
        "version: 1\nrender:\n  ausgabe: papiere\n  format: md\n  datum: 2022-09-01\n", encoding="utf-8"
    )
    assert cli("render", example_copy, "-d", "organisation").code == 0
    text = (example_copy / "papiere" / "anlage-3-aufbauorganisation.md").read_text(encoding="utf-8")
    assert text.endswith("---\n\n*Ausgabe vom 01.09.2022*\n")


def test_invalid_project_is_not_rendered(example_copy, cli, tmp_path):
    (example_copy / "steckbriefe" / "DD-01.yaml").write_text("id: DD-01\ntitel: Nur ein Titel\n", encoding="utf-8")
    result = cli("render", example_copy, "--out", tmp_path / "out")
    assert result.code == 1
    assert "DS012" in result.err
    assert result.err.rstrip().endswith(
        "Die Dokumente werden erst geschrieben, wenn „digistrat validate“ keine Fehler mehr meldet."
    )
    assert not (tmp_path / "out").exists()


def test_project_template_overrides_bundled_one(example_copy, cli, tmp_path):
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "organisation.md.j2").write_text(
        "# {{ strategie.titel|md }}\n\n{% for g in gremien %}- {{ g.name|md }} ({{ g.turnus|md }})\n{% endfor %}",
        encoding="utf-8",
    )
    result = cli("render", example_copy, "--format", "md", "--out", tmp_path, "-d", "organisation", "-d", "strategie")
    assert result.code == 0, result
    assert (tmp_path / "anlage-3-aufbauorganisation.md").read_text(encoding="utf-8") == (
        "# Dithmarschen Digital\n\n- Lenkungsgruppe (halbjährlich)\n- Projektgruppe (alle 14 Tage (virtuell))\n"
        "- Arbeitsgruppe Digitalisierung (monatlich)\n"
    )
    # the other documents still come from the bundled templates
    assert (
        (tmp_path / "anlage-1-digitalisierungsstrategie.md")
        .read_text(encoding="utf-8")
        .startswith("*Anlage 1 zur Drucksache 2022/1218*\n\n**Stand 01.10.2026**\n\n# Dithmarschen Digital\n")
    )


def test_template_folder_from_config(example_copy, cli, tmp_path):
    (example_copy / "vorlagen").mkdir()
    (example_copy / "vorlagen" / "index.html.j2").write_text(
        "<p>{{ dokumente|length }} Dokumente</p>\n", encoding="utf-8"
    )
    (example_copy / "digistrat.yaml").write_text("version: 1\nrender:\n  vorlagen: vorlagen\n", encoding="utf-8")
    assert cli("render", example_copy, "--out", tmp_path, "-d", "strategie").code == 0
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>1 Dokumente</p>\n"


def test_missing_template_folder_from_config(example_copy, cli, tmp_path):
    (example_copy / "digistrat.yaml").write_text("version: 1\nrender:\n  vorlagen: fehlt\n", encoding="utf-8")
    result = cli("render", example_copy, "--out", tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        "Fehler: Der Vorlagenordner „fehlt“ aus digistrat.yaml (render.vorlagen) existiert nicht: "
    )


def test_typo_in_override_names_template_file_and_line(example_copy, cli, tmp_path):
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "organisation.html.j2").write_text(
        "<h1>{{ strategie.titel }}</h1>\n{% for g in gremien %}\n<p>{{ g.nme }}</p>\n{% endfor %}\n", encoding="utf-8"
    )
    result = cli("render", example_copy, "--out", tmp_path, "-d", "organisation")
    assert result.code == 2
    shown = (example_copy / "templates" / "organisation.html.j2").as_posix()
    assert result.err == (
        f"Fehler: Vorlage {shown}, Zeile 3: unbekannter Name oder unbekanntes Feld "
        "('digistrat.model.types.Gremium object' has no attribute 'nme'). Die verfügbaren "
        "Namen stehen in der Dokumentation unter „Vorlagen anpassen“.\n"
    )


def test_syntax_error_in_override(example_copy, cli, tmp_path):
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "index.html.j2").write_text("<p>\n{% if dokumente %}\n</p>\n", encoding="utf-8")
    result = cli("render", example_copy, "--out", tmp_path, "-d", "organisation")
    assert result.code == 2
    shown = (example_copy / "templates" / "index.html.j2").as_posix()
    assert result.err.startswith(
        f"Fehler: Vorlage {shown}, Zeile 3: Syntaxfehler in der Vorlage: Unexpected end of template."
    )


def _without(monkeypatch, *modules: str) -> None:
    real_import = builtins.__import__

    def importing(name, *args, **kwargs):
        if any(name == m or name.startswith(m + ".") for m in modules):
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", importing)


HINT = 'Fehler: Für PDF werden Typst und WeasyPrint benötigt. Bitte installieren mit: pip install "digistrat[pdf]"'


def test_pdf_without_typst_and_weasyprint_says_how_to_install(tmp_path, cli, monkeypatch):
    _without(monkeypatch, "weasyprint", "typst")
    result = cli("render", EXAMPLE, "--format", "pdf", "--out", tmp_path / "pdf")
    assert result.code == 2
    assert result.err.startswith(HINT)
    assert not (tmp_path / "pdf").exists()


def test_pdf_with_typst_needs_no_weasyprint(tmp_path, cli, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    _without(monkeypatch, "weasyprint")
    result = cli("render", EXAMPLE, "--format", "pdf", "--out", tmp_path / "pdf", "-d", "organisation")
    assert result.code == 0, result
    assert names(tmp_path / "pdf") == ["anlage-3-aufbauorganisation.pdf", "index.pdf"]


def test_own_html_templates_need_weasyprint_for_pdf(tmp_path, cli, monkeypatch):
    shutil.copytree(EXAMPLE, tmp_path / "p")
    (tmp_path / "p" / "templates").mkdir()
    (tmp_path / "p" / "templates" / "organisation.html.j2").write_text("<p>eigen</p>", encoding="utf-8")
    _without(monkeypatch, "weasyprint")
    result = cli("render", tmp_path / "p", "--format", "pdf", "--out", tmp_path / "pdf")
    assert result.code == 2
    assert result.err.startswith(HINT)
    assert not (tmp_path / "pdf").exists()


def test_files_are_replaced_atomically(tmp_path, cli):
    target = tmp_path / "anlage-3-aufbauorganisation.html"
    assert cli("render", EXAMPLE, "--out", tmp_path, "-d", "organisation").code == 0  # a file of ours
    target.write_text("alt", encoding="utf-8")
    target.chmod(0o640)
    assert cli("render", EXAMPLE, "--out", tmp_path, "-d", "organisation").code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o640
    assert names(tmp_path) == ["anlage-3-aufbauorganisation.html", "index.html"]  # no temporary files left


def test_help_is_german(cli):
    result = cli("render", "--help")
    assert result.code == 0
    assert "Die Anlagen der Beschlussvorlage als Markdown, HTML oder PDF schreiben." in result.out
    assert "--dokument" in result.out and "--nur-bewilligt" in result.out


def test_progress_callback_sees_every_file_and_changes_nothing(tmp_path):
    from digistrat.render import RenderOptions, render_project
    from digistrat.validation import load_project

    project = load_project(EXAMPLE)
    quiet = render_project(project, RenderOptions(format="md", ausgabe=tmp_path / "a"))
    calls = []
    shown = render_project(
        project, RenderOptions(format="md", ausgabe=tmp_path / "b"), lambda *args: calls.append(args)
    )
    assert [p.name for p in shown.files] == [p.name for p in quiet.files]
    assert len(shown.files) == 14
    assert calls == [(path, n, 14) for n, path in enumerate(shown.files, start=1)]
    for a, b in zip(quiet.files, shown.files):
        assert a.read_bytes() == b.read_bytes()


def test_cli_progress_bar_runs_on_a_terminal(tmp_path):
    from digistrat.cli.render_cmd import ProgressBar

    with ProgressBar() as bar:
        bar.advance(tmp_path / "eins.md", 1, 3)
        assert bar.progress is None  # too few files for a bar
    with ProgressBar() as bar:
        for n in range(1, 7):
            bar.advance(tmp_path / f"{n}.md", n, 6)
        assert bar.progress is not None
        assert bar.progress.tasks[0].completed == 6
        assert bar.progress.tasks[0].description == "6.md"


def test_partial_run_keeps_earlier_documents_in_the_index(tmp_path, cli):
    out = tmp_path / "anlagen"
    assert cli("render", EXAMPLE, "--format", "md", "--out", out).code == 0
    full_index = (out / "index.md").read_text(encoding="utf-8")
    again = cli("render", EXAMPLE, "--format", "md", "--out", out, "--dokument", "finanzen", "--partner", "stadt-heide")
    assert again.code == 0
    assert (out / "index.md").read_text(encoding="utf-8") == full_index
    assert full_index.count(".md)") == 13  # Anlage 1–4 and nine finance blocks

    alone = tmp_path / "nur-heide"
    assert (
        cli(
            "render", EXAMPLE, "--format", "md", "--out", alone, "--dokument", "finanzen", "--partner", "stadt-heide"
        ).code
        == 0
    )
    links = [line for line in (alone / "index.md").read_text(encoding="utf-8").splitlines() if ".md)" in line]
    assert links == ["- [Stadt Heide](finanzielle-auswirkungen-stadt-heide.md)"]


def test_jahr_outside_the_laufzeit_is_refused_before_anything_is_written(tmp_path, cli):
    out = tmp_path / "out"
    result = cli("render", EXAMPLE, "--out", out, "-d", "finanzen", "--jahr", "2030")
    assert result.code == 2
    assert result.err == (
        "Fehler: --jahr 2030: das Haushaltsjahr liegt nicht in der Laufzeit der Strategie (2023–2026).\n"
    )
    assert not out.exists()
    result = cli("render", EXAMPLE, "--out", out, "-d", "finanzen", "-p", "stadt-heide", "--jahr", "2024")
    assert result.code == 0, result
    html = (out / "finanzielle-auswirkungen-stadt-heide.html").read_text(encoding="utf-8")
    assert html.count('<section class="finanzblock"') == 1 and "Haushaltsjahr 2024" in html


LATE = "{% for i in range(30000) %}<p>{{ i }}</p>{% endfor %}"  # more than the first piece


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<p>{{ [].pop() }}</p>", "IndexError: pop from empty list"),
        (LATE + "{{ [].pop() }}", "IndexError: pop from empty list"),
        (
            "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}" + LATE + "{{ r(0) }}",
            "Die Vorlage ruft sich ohne Ende selbst auf (etwa ein Makro, das sich immer wieder aufruft).",
        ),
        ('<p>{{ "x" * 10**16 }}</p>', "Die Vorlage braucht mehr Arbeitsspeicher, als vorhanden ist."),
        (
            LATE + '{{ "\\ud800" }}',
            "Der Text enthält das Zeichen U+D800, das sich nicht als UTF-8 speichern lässt",
        ),
    ],
    ids=["index-error", "index-error-late", "recursion-late", "memory", "lone-surrogate-late"],
)
def test_odd_errors_in_an_override_are_german_messages(example_copy, cli, tmp_path, source, message):
    """No traceback and no "Interner Fehler" for a project template, however it fails; nothing half written."""
    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "organisation.html.j2").write_text(source, encoding="utf-8")
    result = cli("render", example_copy, "--out", tmp_path / "out", "-d", "organisation")
    assert result.code == 2, result.err
    assert result.err.startswith("Fehler: "), result.err
    assert message in result.err
    written = {p.name for p in (tmp_path / "out").iterdir()} if (tmp_path / "out").exists() else set()
    assert written <= {".digistrat-dateien.json"}  # no document, no temporary file


def test_an_included_template_that_cannot_be_read_is_named(example_copy, cli, tmp_path, monkeypatch):
    import jinja2.loaders

    (example_copy / "templates").mkdir()
    (example_copy / "templates" / "organisation.html.j2").write_text(LATE + '{% include "teil.html.j2" %}', "utf-8")
    (example_copy / "templates" / "teil.html.j2").write_text("<p>Teil</p>", encoding="utf-8")
    real_open = builtins.open

    def refusing(file, *args, **kwargs):
        if str(file).endswith("teil.html.j2"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(jinja2.loaders, "open", refusing, raising=False)
    result = cli("render", example_copy, "--out", tmp_path / "out", "-d", "organisation")
    assert result.code == 2, result.err
    shown = (example_copy / "templates" / "organisation.html.j2").as_posix()
    assert result.err == (
        f"Fehler: Vorlage {shown}, Zeile 1: Die eingebundene Vorlage „teil.html.j2“ kann nicht gelesen "
        "werden: keine Leseberechtigung.\n"
    )
