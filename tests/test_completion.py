"""Shell completion through click's protocol (_DIGISTRAT_COMPLETE, COMP_WORDS, COMP_CWORD)."""

from __future__ import annotations

import pytest


@pytest.fixture
def complete(cli, monkeypatch, example_copy):
    """``complete("digistrat neu steckbrief --handlungsfeld b")`` → the bash candidates."""
    monkeypatch.chdir(example_copy)

    def run(line: str, shell: str = "bash") -> list[str]:
        words = line.split(" ")
        monkeypatch.setenv("_DIGISTRAT_COMPLETE", f"complete_{shell}")
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)  # zsh/fish read the whole line
        monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
        result = cli()
        assert result.code == 0, result
        assert result.err == ""
        return result.out.split()

    return run


def test_commands_and_subcommands(complete):
    commands = complete("digistrat ")
    for name in ("validate", "lint", "budget", "render", "init", "neu", "fmt", "completion"):
        assert name in commands
    assert complete("digistrat n") == ["neu"]
    assert complete("digistrat neu ") == ["steckbrief", "partner", "handlungsfeld"]
    assert complete("digistrat f") == ["fmt"]


def test_options(complete):
    assert complete("digistrat neu steckbrief --") == [
        "--titel",
        "--handlungsfeld",
        "--verantwortlich",
        "--id",
        "--nach",
        "--help",
    ]
    assert complete("digistrat fmt --c") == ["--check"]


def test_ids_from_the_project_around_the_working_directory(complete):
    assert complete("digistrat neu steckbrief --handlungsfeld b") == ["bildung", "buergerinnen"]
    assert complete("digistrat neu steckbrief --verantwortlich stadt-") == ["stadt-heide", "stadt-brunsbuettel"]
    assert complete("digistrat budget --partner stadt-b") == ["stadt-brunsbuettel"]
    assert complete("digistrat budget --partner amt-m") == ["amt-marne-nordsee", "amt-mitteldithmarschen"]
    assert complete("digistrat neu steckbrief --nach DD-1") == [f"DD-{n}" for n in range(10, 20)]


def test_zsh_and_fish(complete):
    assert complete("digistrat neu steckbrief --handlungsfeld bil", shell="zsh") == [
        "_arguments",
        "'*:",
        ':(("bildung"))\'',
    ]
    assert complete("digistrat budget --partner stadt-h", shell="fish") == ["stadt-heide"]


def test_no_project_completes_no_ids(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("_DIGISTRAT_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "digistrat budget --partner ")
    monkeypatch.setenv("COMP_CWORD", "3")
    result = cli()
    assert (result.code, result.out, result.err) == (0, "\n", "")


def test_completion_command_prints_scripts(cli):
    bash = cli("completion", "bash")
    assert bash.code == 0
    assert "_DIGISTRAT_COMPLETE=complete_bash" in bash.out
    assert "complete -o default -F _digistrat_completion digistrat" in bash.out
    assert "compdef _digistrat_completion digistrat" in cli("completion", "zsh").out
    assert cli("completion", "fish").code == 0
    wrong = cli("completion", "tcsh")
    assert (wrong.code, wrong.err) == (2, "Fehler: Unbekannte Shell „tcsh“. Erlaubt: bash, zsh, fish, powershell.\n")
