"""How exact scores are shown: whole numbers as they are, fractions to two decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache


def format_points(value: Fraction | None) -> str:
    """``3`` for 3, ``0.67`` for 2/3, ``""`` for no score (never a zero that was not earned)."""
    if value is None:
        return ""
    if value.denominator == 1:
        return str(value.numerator)
    return _two_decimals(value.numerator, value.denominator)


def exact_text(value: Fraction | None) -> str | None:
    """The exact value as ``"2/3"`` (or ``"3"``), for results.json."""
    if value is None:
        return None
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


@lru_cache(maxsize=4096)
def _two_decimals(numerator: int, denominator: int) -> str:
    """Cached on the two integers: a cohort's scores take few distinct values."""
    rounded = (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return format(rounded.normalize(), "f")
