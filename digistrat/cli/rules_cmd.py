"""``digistrat rules``: list the lint rules, or show one with its documentation and options."""

from __future__ import annotations

import typer


def rules(
    name: str | None = typer.Argument(
        None, help="Name oder Kennung einer Regel, z. B. platzhaltertext oder DS118. Ohne Angabe: alle Regeln."
    ),
) -> None:
    """Die Prüfregeln von „digistrat lint“ auflisten oder eine Regel ausführlich zeigen."""
    from digistrat.rules.docs import rule_list_text, rule_text

    if name is None:
        typer.echo(rule_list_text(), nl=False)
        return
    from digistrat.errors import DigistratError
    from digistrat.rules import registry

    rule = registry.resolve(name)
    if rule is None:
        raise DigistratError(
            f"Unbekannte Regel „{name}“.{registry.suggestion(name)} Alle Regeln zeigt „digistrat rules“."
        )
    typer.echo(rule_text(rule), nl=False)


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)
