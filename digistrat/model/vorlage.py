"""What a partner's own Beschlussvorlage needs (``partner.yaml`` → ``vorlage``): the header of the
paper and the boxes of its "Finanzielle Auswirkungen" form that no budget figure can fill."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vorlage:
    drucksache: str | None = None  # the partner's own Drucksache/Vorlage number
    federfuehrung: str | None = None  # the lead unit (e.g. a Stabsstelle)
    produkt: str | None = None  # Haushaltsprodukt; None: the products of the partner's budget entries
    produkt_name: str | None = None
    freiwillige_aufgabe: bool | None = None  # None: not stated, the box stays empty
    haushalt_beruecksichtigt: tuple[int, ...] | None = None  # None: not stated
    saldo_finanzierung: str | None = None  # how a negative Saldo is financed

    @classmethod
    def from_data(cls, data: dict | None) -> Vorlage:
        data = data or {}
        jahre = data.get("haushalt_beruecksichtigt")
        return cls(
            drucksache=data.get("drucksache"),
            federfuehrung=data.get("federfuehrung"),
            produkt=data.get("produkt"),
            produkt_name=data.get("produkt_name"),
            freiwillige_aufgabe=data.get("freiwillige_aufgabe"),
            haushalt_beruecksichtigt=tuple(jahre) if jahre is not None else None,
            saldo_finanzierung=data.get("saldo_finanzierung"),
        )

    def im_haushalt(self, jahr: int) -> bool | None:
        """Im Haushaltsplan berücksichtigt for ``jahr``: True/False, None when the partner did not say."""
        if self.haushalt_beruecksichtigt is None:
            return None
        return jahr in self.haushalt_beruecksichtigt
