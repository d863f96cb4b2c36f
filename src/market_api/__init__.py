"""market-api: a self-hostable implementation of the Yandex Market Partner API seller-analytics methods."""

__version__ = "0.1.0"
