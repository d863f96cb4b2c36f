"""Signed opaque tokens (page tokens): base64url JSON payload + HMAC-SHA256, so clients cannot forge them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

import orjson

from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.database import Base


class ServiceSecret(Base):
    """Secrets the service makes for itself, shared by all its processes through the database."""

    __tablename__ = "service_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


async def service_secret(session: AsyncSession, name: str) -> str:
    found = await session.scalar(select(ServiceSecret.value).where(ServiceSecret.name == name))
    if found:
        return found
    session.add(ServiceSecret(name=name, value=secrets.token_hex(32)))
    try:
        await session.commit()
    except IntegrityError:
        # Another process stored it first; everyone uses the stored value.
        await session.rollback()
    return await session.scalar(select(ServiceSecret.value).where(ServiceSecret.name == name))


def derive_secret(master: str, name: str) -> str:
    """One key per purpose from a configured master key (MARKET_API_SECRET_KEY)."""
    return hmac.new(master.encode(), name.encode(), hashlib.sha256).hexdigest()


class Signer:
    def __init__(self, key: str) -> None:
        self._key = key.encode()

    def _mac(self, payload: bytes) -> str:
        return _b64(hmac.digest(self._key, payload, "sha256")[:16])

    def dumps(self, data: dict[str, Any]) -> str:
        payload = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
        return f"{_b64(payload)}.{self._mac(payload)}"

    def loads(self, token: str) -> dict[str, Any] | None:
        """The payload of a token this service signed, or None for anything else."""
        try:
            encoded, mac = token.split(".", 1)
            payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except (ValueError, TypeError):
            return None
        if not hmac.compare_digest(mac.encode(), self._mac(payload).encode()):
            return None
        try:
            data = orjson.loads(payload)
        except orjson.JSONDecodeError:
            return None
        return data if isinstance(data, dict) else None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
