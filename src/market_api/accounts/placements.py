"""Placement models of a store (how its goods are stored and delivered), and what depends on them:
where its stock is, and which quality-index components it is rated on."""

from __future__ import annotations

import enum


class Placement(enum.StrEnum):
    """The placement model of a store (`Campaign.placement`)."""

    FBY = "FBY"
    FBS = "FBS"
    EXPRESS = "EXPRESS"
    DBS = "DBS"
    LAAS = "LAAS"


# Stores whose goods sit in Market's warehouses (their stock reports and quality components differ).
MARKET_WAREHOUSE_MODELS = (Placement.FBY.value, Placement.LAAS.value)

# Stores that keep their goods in their own warehouses (the business stock report covers these).
STORE_MODELS = (Placement.FBS.value, Placement.EXPRESS.value, Placement.DBS.value)

# The quality-index components a store is rated on, by placement; a placement not here (LaaS) has no
# index. DBS, FBS and Express: (cancellation share, lateness share), in that order.
COMPONENTS = {
    Placement.DBS.value: ("DBS_CANCELLATION_RATE", "DBS_LATE_DELIVERY_RATE"),
    Placement.FBS.value: ("FBS_CANCELLATION_RATE", "FBS_LATE_SHIP_RATE"),
    Placement.EXPRESS.value: ("FBS_CANCELLATION_RATE", "FBS_LATE_SHIP_RATE"),
    Placement.FBY.value: ("FBY_LATE_DELIVERY_RATE", "FBY_CANCELLATION_RATE", "FBY_DELIVERY_DIFF_RATE",
                          "FBY_LATE_EDITING_RATE"),
}
