"""A client library for accessing API Яндекс Маркета для продавцов"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
