"""Mermaid diagrams for Markdown output (GitLab and GitHub draw ```mermaid blocks).

Mermaid has its own syntax inside labels, so values are defused here: in Gantt task names
``:`` ``;`` ``#`` and ``%`` would end or comment out the line, in flowchart labels quotes would
end the label. A backtick sequence could close the surrounding code fence, so backticks go too.
"""

from __future__ import annotations

import datetime as dt

from digistrat.labels import bezeichnung
from digistrat.render.diagramdata import RoadmapZeile

_GANTT_ERSATZ = str.maketrans(
    {
        ":": "∶",
        ";": "‚",
        "#": "Nr.",
        "%": " Prozent",
        "`": "'",
        "\n": " ",
        "\r": " ",
    }
)


def _gantt_text(text: str) -> str:
    return " ".join(str(text).translate(_GANTT_ERSATZ).split())


def _label(text: str) -> str:
    """Text for a quoted flowchart label, with Mermaid's entity codes for the dangerous characters."""
    out = " ".join(str(text).split())
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;")):
        out = out.replace(char, code)
    return out


# Mermaid's Gantt tags: "done" greys a task out, "active" highlights it. The status is also written
# into every bar's label, so the chart reads without colour (agenda.md.j2 prints the legend).
_GANTT_TAG = {"abgeschlossen": "done, ", "in-umsetzung": "active, "}


def roadmap_gantt(zeilen: list[RoadmapZeile], titel: str = "Roadmap") -> str:
    """The roadmap as a Mermaid Gantt chart in Umsetzungsreihenfolge; rows without time span are left out.

    The axis is labelled by quarter (month/year), there is no "today" line (a printed paper has no
    today), and a bar ends after its last day (Mermaid's end dates are exclusive).
    """
    lines = [
        "gantt",
        f"    title {_gantt_text(titel)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m/%Y",
        "    tickInterval 3month",
        "    todayMarker off",
        "    section Steckbriefe",
    ]
    for z in zeilen:
        if z.von is None or z.bis is None:
            continue
        name = _gantt_text(f"{z.id} {z.titel} ({bezeichnung(z.status, 'status')})")
        ende = z.bis + dt.timedelta(days=1)
        lines.append(f"    {name} :{_GANTT_TAG.get(z.status, '')}s{z.nr}, {z.von.isoformat()}, {ende.isoformat()}")
    return "\n".join(lines)


def organigramm_flowchart(gremien) -> str:
    """The Gremien from top to bottom in the order of strategie.yaml, each node with Turnus and Mitglieder."""
    lines = ["flowchart TD"]
    for i, g in enumerate(gremien):
        label = _label(g.name)
        if g.turnus:
            label += f"<br/>Turnus: {_label(g.turnus)}"
        for mitglied in g.mitglieder:
            label += f"<br/>• {_label(mitglied)}"
        lines.append(f'    g{i + 1}["{label}"]')
    for i in range(1, len(gremien)):
        lines.append(f"    g{i} --> g{i + 1}")
    return "\n".join(lines)
