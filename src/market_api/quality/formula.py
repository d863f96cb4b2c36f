"""The index formula, as pure functions (README: "Store quality index").

Two shares drive the index: late orders and orders cancelled through the seller's fault. Each
share falls in a band; inside its band it maps linearly onto the band's index range, the best
index at the band's lower edge. The index is the lower of the two, so the worse share decides.
"""

from __future__ import annotations

from dataclasses import dataclass

# (lower edge of the share in %, upper edge, index at the lower edge, index at the upper edge)
Band = tuple[float, float, int, int]
LATE_BANDS: tuple[Band, ...] = ((0.0, 4.0, 100, 95), (4.0, 15.0, 94, 80), (15.0, 50.0, 79, 40), (50.0, 100.0, 39, 0))
CANCEL_BANDS: tuple[Band, ...] = ((0.0, 2.0, 100, 95), (2.0, 7.0, 94, 80), (7.0, 25.0, 79, 40), (25.0, 100.0, 39, 0))

WINDOW_DAYS = 7          # orders scheduled in the 7 days before the calculation date
MIN_ORDERS = 50          # topped up with earlier orders until this many are counted
HISTORY_DAYS = 30        # nothing older counts
ACTIVE_THRESHOLD = 10    # no index until the store has this many orders in HISTORY_DAYS
HALF_LIFE_DAYS = 7.0     # an order's weight halves every week of age


def band_index(share: float, bands: tuple[Band, ...]) -> float:
    """The index a share (in %, clamped to 0..100) maps to in `bands`: linear inside its band, from
    the band's best index at its lower edge to its worst at the upper edge (not rounded)."""
    share = min(max(share, 0.0), 100.0)
    for low, high, best, worst in bands:
        if share < high or high == 100.0:
            return best - (share - low) / (high - low) * (best - worst)
    raise AssertionError("unreachable")


def index(late_share: float, cancel_share: float) -> int:
    """The index (0..100) for a late share and a cancellation share, in %: the lower of the two band
    indexes, rounded half up."""
    value = min(band_index(late_share, LATE_BANDS), band_index(cancel_share, CANCEL_BANDS))
    return int(value + 0.5)  # half up


def weight(age_days: int) -> float:
    """An order scheduled `age_days` before the calculation date (1 = yesterday) weighs this much."""
    return 0.5 ** ((age_days - 1) / HALF_LIFE_DAYS)


@dataclass(frozen=True)
class Fact:
    """One order or supply in a share: its age in days before the calculation date, and whether it counts
    as bad."""

    age_days: int
    bad: bool  # late, or cancelled by the seller, depending on the share


def share(facts: list[Fact]) -> float:
    """Weighted share of bad facts, in percent."""
    total = sum(weight(f.age_days) for f in facts)
    if not total:
        return 0.0
    return 100.0 * sum(weight(f.age_days) for f in facts if f.bad) / total
