"""docs/cli.md is generated from --help and must match the code (sqlite-utils style)."""

from conftest import ROOT

from digistrat.cli.reference import command_names, generate


def test_cli_reference_is_current():
    expected = generate()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md ist veraltet: python -m digistrat.cli.reference > docs/cli.md"


def test_every_command_is_documented_in_german():
    text = generate()
    for name in command_names():
        assert f"## digistrat {name}" in text
    assert "Show this message" not in text
    assert "Usage:" not in text
    assert "Diese Hilfe anzeigen und beenden." in text


def test_version_and_no_arguments(cli):
    result = cli("--version")
    assert (result.code, result.out) == (0, "digistrat 0.1.0\n")
    shown = cli()
    assert shown.code == 0
    assert "Aufruf: digistrat" in shown.out


def test_unknown_option_is_a_german_usage_error(cli):
    result = cli("validate", "--frmat", "json")
    assert result.code == 2
    assert result.err == (
        "Aufruffehler: Unbekannte Option: --frmat (Mögliche Optionen: --format)\nHilfe: digistrat validate --help\n"
    )
