"""The store quality index: order and supply facts, the daily computation, and the ratings method."""
