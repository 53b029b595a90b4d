"""DS116: a status that contradicts the dates, judged against the Stichtag."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class StatusWidersprichtDatum(Rule):
    """Der Status eines Steckbriefs passt nicht zu seinen Daten.

    Maßstab ist der Stichtag (`digistrat lint --stichtag JJJJ-MM-TT`, sonst `stichtag` in
    `digistrat.yaml`, sonst heute). Gemeldet wird:

    - `abgeschlossen`, obwohl der `zeitraum` erst nach dem Stichtag endet;
    - `in-umsetzung`, obwohl der `zeitraum` erst nach dem Stichtag beginnt;
    - `idee` mit einer bewilligten Förderung (eine Idee wird nicht gefördert).

    Falsch (Stichtag 2024-06-30):

    ```yaml
    status: abgeschlossen
    zeitraum: {von: 2024-01, bis: 2024-12}
    ```

    Richtig:

    ```yaml
    status: in-umsetzung
    zeitraum: {von: 2024-01, bis: 2024-12}
    ```
    """

    code = "DS116"
    name = "status-widerspricht-datum"
    severity = Severity.WARNUNG

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.formatting import datum

        tag = ctx.stichtag
        stichtag = f"Stichtag {datum(tag)}"
        for s in ctx.project.steckbriefe:
            zr = s.zeitraum
            if zr is not None:
                if s.status == "abgeschlossen" and zr.bis.letzter > tag:
                    yield self.at(
                        s.ref,
                        "status",
                        message=(
                            f"Status „abgeschlossen“, aber der Zeitraum endet erst {datum(zr.bis.text)} ({stichtag})."
                        ),
                    )
                elif s.status == "in-umsetzung" and zr.von.erster > tag:
                    yield self.at(
                        s.ref,
                        "status",
                        message=(
                            f"Status „in-umsetzung“, aber der Zeitraum beginnt erst {datum(zr.von.text)} ({stichtag})."
                        ),
                    )
            if s.status == "idee":
                for f in s.foerderung:
                    if f.status == "bewilligt":
                        yield self.at(
                            f.ref,
                            "status",
                            message=(
                                f"Der Steckbrief hat den Status „idee“, aber die Förderung „{f.programm}“ ist bewilligt."
                            ),
                        )
