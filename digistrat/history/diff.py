"""What changed between two states of a project: Steckbriefe added, removed, status changes,
and every partner-year figure of the budget that differs (``digistrat diff``, ``bericht --seit``).

A state is a :class:`Stand`: the few facts a comparison needs, taken from a validated project
and its rollup, so that the two projects need not stay in memory together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from digistrat.model.types import Project

# every key of the partner-year object of ``budget --format json`` (format v1.1), in its order
WERTE = ("aufwand", "foerderung", "eigenanteil", "vzae", "vzae_neu", "investiv", "foerderung_investiv", "ist")
ZERO = Decimal("0.00")
_NULLEN = dict.fromkeys(WERTE, ZERO)


@dataclass
class Stand:
    """One side of a comparison. ``label``: the revision as the user named it; None: working tree."""

    label: str | None
    steckbriefe: dict[str, tuple[str, str]]  # id → (status, titel)
    partner: dict[str, str]  # id → name, in partner.yaml order
    werte: dict[tuple[str, int], dict[str, Decimal]]  # (partner, jahr) → WERTE
    jahre: list[int] = field(default_factory=list)


def stand_of(project: Project, label: str | None) -> Stand:
    """The facts of ``project``; the funding counted as ``budget`` counts it by default."""
    from digistrat.budget import compute_rollup
    from digistrat.budget.funding import nur_bewilligt

    rollup = compute_rollup(project, nur_bewilligt=nur_bewilligt(project, None))
    werte = {}
    for p in project.partner:
        for jahr in rollup.jahre:
            fig = rollup.partner(p.id, jahr)
            werte[(p.id, jahr)] = {key: getattr(fig, key) for key in WERTE}
    return Stand(
        label,
        {s.id: (s.status, s.titel) for s in project.steckbriefe},
        {p.id: p.name for p in project.partner},
        werte,
        list(rollup.jahre),
    )


@dataclass(frozen=True)
class StatusAenderung:
    id: str
    titel: str
    vorher: str
    nachher: str


@dataclass(frozen=True)
class BudgetAenderung:
    partner: str
    partner_name: str
    jahr: int
    wert: str  # one of WERTE
    vorher: Decimal
    nachher: Decimal

    @property
    def differenz(self) -> Decimal:
        return self.nachher - self.vorher


@dataclass
class Diff:
    von: str | None
    bis: str | None
    neu: list[tuple[str, str]]  # (id, titel), sorted by id
    entfernt: list[tuple[str, str]]
    status: list[StatusAenderung]
    budget: list[BudgetAenderung]

    @property
    def leer(self) -> bool:
        return not (self.neu or self.entfernt or self.status or self.budget)

    def as_json(self) -> dict:
        """The JSON shape of ``digistrat diff --format json`` (and ``bericht``'s ``aenderungen``)."""
        return {
            "von": self.von,
            "bis": self.bis,
            "steckbriefe": {
                "neu": [sid for sid, _ in self.neu],
                "entfernt": [sid for sid, _ in self.entfernt],
                "status": [{"id": s.id, "vorher": s.vorher, "nachher": s.nachher} for s in self.status],
            },
            "budget": [
                {
                    "partner": b.partner,
                    "jahr": str(b.jahr),
                    "wert": b.wert,
                    "vorher": str(b.vorher),
                    "nachher": str(b.nachher),
                    "differenz": str(b.differenz),
                }
                for b in self.budget
            ],
        }


def compare(vorher: Stand, nachher: Stand) -> Diff:
    a, b = vorher.steckbriefe, nachher.steckbriefe
    neu = [(sid, b[sid][1]) for sid in sorted(b.keys() - a.keys())]
    entfernt = [(sid, a[sid][1]) for sid in sorted(a.keys() - b.keys())]
    status = [
        StatusAenderung(sid, b[sid][1], a[sid][0], b[sid][0])
        for sid in sorted(a.keys() & b.keys())
        if a[sid][0] != b[sid][0]
    ]
    return Diff(vorher.label, nachher.label, neu, entfernt, status, _budget(vorher, nachher))


def _budget(vorher: Stand, nachher: Stand) -> list[BudgetAenderung]:
    """Partner order: as in the later partner.yaml, then partners only the earlier one has;
    a partner or a year missing on one side counts as zeros."""
    names = {**vorher.partner, **nachher.partner}
    order = list(nachher.partner) + [pid for pid in vorher.partner if pid not in nachher.partner]
    jahre = sorted(set(vorher.jahre) | set(nachher.jahre))
    out = []
    for pid in order:
        for jahr in jahre:
            old = vorher.werte.get((pid, jahr), _NULLEN)
            new = nachher.werte.get((pid, jahr), _NULLEN)
            if old == new:
                continue
            for key in WERTE:
                if old[key] != new[key]:
                    out.append(BudgetAenderung(pid, names[pid], jahr, key, old[key], new[key]))
    return out
