"""DS104: a period whose end is before its start."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digistrat.findings import Finding, Severity
from digistrat.rules.base import Rule

if TYPE_CHECKING:
    from digistrat.rules.context import LintContext


class ZeitraumUmgekehrt(Rule):
    """Ein Zeitraum endet vor seinem Beginn.

    Geprüft werden der `zeitraum` und die `hauptaktivitaeten` jedes Steckbriefs, `ab`/`bis` der
    Stellen (`personal`) in Steckbriefen und in `partner.yaml`, Budgetzeiträume in
    `partner.yaml`, die `laufzeit` der Strategie und die der Förderprogramme. Fehlt `ab` oder
    `bis`, gilt der Standard des Formats (Zeitraum des Steckbriefs, sonst die Laufzeit); auch
    dann darf das Ende nicht vor dem Beginn liegen. Ein umgekehrter Zeitraum enthält kein
    einziges Jahr: Kosten und Stellen darin fehlen in jeder Rechnung.

    Falsch:

    ```yaml
    zeitraum: {von: 2024-06, bis: 2023-12}
    personal:
      - {partner: stadt-heide, vzae: 0.5, ab: 2025, bis: 2024}
    ```

    Richtig:

    ```yaml
    zeitraum: {von: 2023-12, bis: 2024-06}
    personal:
      - {partner: stadt-heide, vzae: 0.5, ab: 2024, bis: 2025}
    ```
    """

    code = "DS104"
    name = "zeitraum-umgekehrt"
    severity = Severity.FEHLER

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        from digistrat.formatting import datum

        st = ctx.project.strategie
        if st.laufzeit.bis < st.laufzeit.von:
            yield self.at(
                st.ref, "laufzeit", "bis", message=_years_msg("Die Laufzeit", st.laufzeit.von, st.laufzeit.bis)
            )
        for prog in ctx.project.programme or []:
            lz = prog.laufzeit
            if lz is not None and lz.bis < lz.von:
                yield self.at(
                    prog.ref,
                    "laufzeit",
                    "bis",
                    message=_years_msg(f"Die Laufzeit des Förderprogramms „{prog.name}“", lz.von, lz.bis),
                )
        for p in ctx.project.partner:
            for post in p.personal:
                yield from self._span(post, "Die Stelle", f"„{post.rolle}“")
            for b in p.budget:
                if b.jahr is None:
                    yield from self._span(b, "Der Budgetzeitraum", "")
        for s in ctx.project.steckbriefe:
            zr = s.zeitraum
            if zr is not None and zr.bis.letzter < zr.von.erster:
                yield self.at(
                    s.ref,
                    "zeitraum",
                    "bis",
                    message=(
                        f"Der Zeitraum des Steckbriefs endet ({datum(zr.bis.text)}) vor seinem Beginn "
                        f"({datum(zr.von.text)})."
                    ),
                )
            for a in s.hauptaktivitaeten:
                if a.von is not None and a.bis is not None and a.bis.letzter < a.von.erster:
                    yield self.at(
                        a.ref,
                        "bis",
                        message=(
                            f"Die Hauptaktivität „{a.titel}“ endet ({datum(a.bis.text)}) vor ihrem Beginn "
                            f"({datum(a.von.text)})."
                        ),
                    )
            for pers in s.personal:
                yield from self._span(pers, "Der Personaleinsatz", f"von „{pers.partner}“")

    def _span(self, item, what: str, name: str) -> Iterator[Finding]:
        if len(item.jahre) or (item.ab is None and item.bis is None):
            return  # fine, or only empty because the default is (reported where the default is set)
        start, end = item.jahre.start, item.jahre.stop - 1
        label = f"{what} {name}".strip()
        if item.ab is not None and item.bis is not None:
            yield self.at(item.ref, "bis", message=_years_msg(label, start, end))
        else:
            key = "ab" if item.ab is not None else "bis"
            yield self.at(
                item.ref,
                key,
                message=(
                    f"{_years_msg(label, start, end)[:-1]}; das fehlende "
                    f"„{'bis' if key == 'ab' else 'ab'}“ gilt als {end if key == 'ab' else start}."
                ),
            )


def _years_msg(what: str, von: int, bis: int) -> str:
    return f"{what} endet ({bis}) vor dem Beginn ({von})."
