"""The files of a new project (``digistrat init``): YAML with German comments on every key, CI and editor setup."""

from __future__ import annotations

import json
from dataclasses import dataclass

from digistrat import __version__
from digistrat.authoring.templates import _lines, scalar, steckbrief_text

#: Stated as a placeholder wherever it appears: digistrat is installed from its git repository.
REPO_PLACEHOLDER = "https://example.org/digistrat.git"
RELEASE_TAG = f"v{__version__}"
INSTALL = f"digistrat[fast] @ git+{REPO_PLACEHOLDER}@{RELEASE_TAG}"


@dataclass(frozen=True)
class Starter:
    """What the starter project is made of."""

    titel: str
    region: str
    kreis_id: str
    handlungsfeld_id: str
    steckbrief_id: str
    jahr: int  # first year of the laufzeit
    stand: str  # ISO date

    def files(self) -> dict[str, str]:
        """Relative path → text of every file ``init`` writes (the schemas come from ``schema --write``)."""
        return {
            "strategie.yaml": self.strategie(),
            "partner.yaml": self.partner(),
            "agenda.yaml": self.agenda(),
            "digistrat.yaml": DIGISTRAT_YAML,
            f"steckbriefe/{self.steckbrief_id}.yaml": self.steckbrief(),
            ".vscode/settings.json": VSCODE_SETTINGS,
            ".vscode/extensions.json": VSCODE_EXTENSIONS,
            ".gitlab-ci.yml": GITLAB_CI,
            ".github/workflows/digistrat.yml": GITHUB_WORKFLOW,
            ".pre-commit-config.yaml": PRE_COMMIT,
            ".gitignore": GITIGNORE,
        }

    def strategie(self) -> str:
        j = self.jahr
        return _lines(
            [
                ("# Digitalisierungsstrategie – angelegt mit „digistrat init“.", ""),
                ("# Alle Schlüssel mit Bedeutung und erlaubten Werten: docs/format.md des digistrat-Repositorys.", ""),
                (f"titel: {scalar(self.titel)}", "Pflicht: Name der Strategie"),
                (f"region: {scalar(self.region)}", "Gebiet, für das die Strategie gilt"),
                (f"federfuehrung: {self.kreis_id}", "Pflicht: Kennung des federführenden Partners (partner.yaml)"),
                (f"laufzeit: {{von: {j}, bis: {j + 3}}}", "Pflicht: erstes und letztes Jahr; die Jahre des Budgets"),
                (f"stand: {self.stand}", "Datum dieser Fassung (JJJJ-MM-TT)"),
                ("", ""),
                ("vision:", "Leitbild"),
                (f"  horizont: {j + 3}", "Zieljahr der Vision"),
                (f"  leitsatz: {scalar(f'{self.region} nutzt die Digitalisierung für gute Verwaltung.')}", "ein Satz"),
                ("werte:", "Werte der Zusammenarbeit, je einer pro Zeile"),
                ("  - Gemeinschaft", ""),
                ("  - Transparenz", ""),
                ("", ""),
                ("handlungsfelder:", "Pflicht: mindestens ein Handlungsfeld"),
                (f"  - id: {self.handlungsfeld_id}", "Kennung: Kleinbuchstaben, Ziffern, Bindestriche"),
                ("    titel: Verwaltung", "Pflicht: Name des Handlungsfelds"),
                ("    ziel: Verwaltungsleistungen sind digital erreichbar.", "angestrebtes Ergebnis"),
                ("", ""),
                ("vorgaben:", "Mindestbeiträge jedes Partners (lint prüft sie)"),
                ("  vzae_je_partner: 0.5", "Stellen in VZÄ je Partner (0.5 = halbe Stelle)"),
                ("  budget_je_partner:", "Euro je Jahr, ohne Tausenderpunkt"),
                (f"    - {{jahr: {j}, betrag: 10000}}", ""),
                ("  ausgenommen:", "Partner, für die die Vorgaben nicht gelten"),
                (f"    - {self.kreis_id}", ""),
            ]
        )

    def partner(self) -> str:
        return _lines(
            [
                ("# Kooperationspartner: Kreis, Ämter, Städte, Gemeinden.", ""),
                ("# Weitere Partner: digistrat neu partner --name NAME --art amt", ""),
                ("partner:", "Pflicht: Liste der Partner"),
                (f"  - id: {self.kreis_id}", "Pflicht: Kennung (Kleinbuchstaben, Ziffern, Bindestriche)"),
                (f"    name: {scalar(self.region)}", "Pflicht: Name"),
                ("    art: kreis", "Pflicht: kreis | amt | stadt | gemeinde | verband | unternehmen | sonstige"),
                ("    # einwohner: 130000", "nötig, wenn Kosten nach Einwohnern aufgeteilt werden"),
                ("    personal:", "Stellen, die der Partner stellt"),
                (
                    "      - {rolle: Digitalisierungskoordination, vzae: 1.0, stelle: vorhanden}",
                    "stelle: vorhanden | neu",
                ),
            ]
        )

    def agenda(self) -> str:
        region = self.region.removeprefix("Landkreis ").removeprefix("Kreis ")
        return _lines(
            [
                ("# Digitale Agenda: die Umsetzungsreihenfolge der Steckbriefe.", ""),
                ("# Neue Steckbriefe: digistrat neu steckbrief --titel TITEL --handlungsfeld KENNUNG", ""),
                (f"titel: {scalar(f'Digitale Agenda {region}')}", "Titel der Anlage"),
                (f"stand: {self.stand}", "Datum dieser Fassung"),
                ("projekte:", "Pflicht: jeder Steckbrief genau einmal, in der Reihenfolge der Umsetzung"),
                (f"  - {self.steckbrief_id}", "Erster Steckbrief"),
            ]
        )

    def steckbrief(self) -> str:
        return steckbrief_text(self.steckbrief_id, "Erster Steckbrief", self.handlungsfeld_id, self.kreis_id)


DIGISTRAT_YAML = _lines(
    [
        ("# Einstellungen für digistrat (optional).", ""),
        ("version: 1", "Formatversion"),
        ("locale: de_DE", "Sprache und Region für Zahlen und Daten"),
        ("render:", "Einstellungen für „digistrat render“"),
        ("  ausgabe: anlagen", "Zielordner der Anlagen (in .gitignore)"),
    ]
)

VSCODE_SETTINGS = (
    json.dumps(
        {
            "yaml.schemas": {
                ".vscode/schemas/strategie.schema.json": "strategie.yaml",
                ".vscode/schemas/partner.schema.json": "partner.yaml",
                ".vscode/schemas/agenda.schema.json": "agenda.yaml",
                ".vscode/schemas/foerderprogramme.schema.json": "foerderprogramme.yaml",
                ".vscode/schemas/config.schema.json": "digistrat.yaml",
                ".vscode/schemas/steckbrief.schema.json": "steckbriefe/**/*.yaml",
            },
            "editor.tabSize": 2,
            "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
        },
        indent=2,
    )
    + "\n"
)

VSCODE_EXTENSIONS = json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"

GITLAB_CI = f"""\
# Prüft die Strategie bei jedem Push. Befunde erscheinen im Merge Request (Code Quality)
# und als Testbericht (JUnit). {REPO_PLACEHOLDER} ist ein Platzhalter: die Adresse des
# digistrat-Repositorys eintragen; {RELEASE_TAG} ist ein Release-Tag von digistrat.
digistrat:
  image: python:3.12
  script:
    - pip install "{INSTALL}"
    - status=0
    - digistrat validate --format junit --output digistrat-validate.xml || status=1
    - digistrat lint --fail-on warnung --format gitlab --output gl-code-quality.json || status=1
    - digistrat fmt --check || status=1
    - exit $status
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality.json
      junit: digistrat-validate.xml
"""

GITHUB_WORKFLOW = f"""\
# Prüft die Strategie bei jedem Push; Befunde erscheinen als Annotationen an den Zeilen.
# {REPO_PLACEHOLDER} ist ein Platzhalter: die Adresse des digistrat-Repositorys eintragen.
name: digistrat
on: [push, pull_request]
jobs:
  pruefen:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {{python-version: "3.12"}}
      - run: pip install "{INSTALL}"
      - run: digistrat validate
      - run: digistrat lint --fail-on warnung
        if: always()
      - run: digistrat lint --format sarif --output digistrat-lint.sarif
        if: always()
      - run: digistrat validate --format junit --output digistrat-validate.xml
        if: always()
      - run: digistrat fmt --check
        if: always()
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: digistrat-berichte
          path: |
            digistrat-lint.sarif
            digistrat-validate.xml
"""

PRE_COMMIT = f"""\
# Prüft die Projektdateien vor jedem Commit: pip install pre-commit && pre-commit install
repos:
  - repo: {REPO_PLACEHOLDER}   # Platzhalter: Adresse des digistrat-Repositorys
    rev: {RELEASE_TAG}                               # ein Release-Tag von digistrat
    hooks:
      - id: digistrat-validate
      - id: digistrat-lint
      - id: digistrat-fmt
"""

GITIGNORE = """\
# Von „digistrat render“ erzeugte Anlagen (render.ausgabe in digistrat.yaml)
/anlagen/
# Berichte aus CI-Läufen
/digistrat-*.xml
/digistrat-*.sarif
/gl-code-quality.json
"""
