"""Signed values: page tokens (an opaque, tamper-proof payload) and download links (a signature over the
link's parts), both through itsdangerous. Keys come from MARKET_API_SECRET_KEY, or are made once and
shared by every process through the database."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

import itsdangerous
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
    """The stored secret called `name`, made (64 hex characters) and stored if there is none yet."""
    found = await session.scalar(select(ServiceSecret.value).where(ServiceSecret.name == name))
    if found:
        return found
    session.add(ServiceSecret(name=name, value=secrets.token_hex(32)))
    try:
        await session.commit()
    except IntegrityError:
        # Another process stored it first; everyone uses the stored value.
        await session.rollback()
    stored = await session.scalar(select(ServiceSecret.value).where(ServiceSecret.name == name))
    if stored is None:
        raise RuntimeError(f"service secret {name!r} could not be stored")
    return stored


def derive_secret(master: str, name: str) -> str:
    """One key per purpose from a configured master key (MARKET_API_SECRET_KEY): HMAC-SHA256, hex."""
    return hmac.new(master.encode(), name.encode(), hashlib.sha256).hexdigest()


class _Orjson:
    """itsdangerous's serializer interface over orjson (compact, keys sorted)."""

    @staticmethod
    def dumps(value: Any) -> bytes:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)

    @staticmethod
    def loads(value: bytes | str) -> Any:
        return orjson.loads(value)


class Signer:
    """Signs with one key (HMAC-SHA256): `dumps`/`loads` for opaque tokens, `signature`/`verify` for
    values sent in the clear (a download link's report id, file name and expiry)."""

    def __init__(self, key: str, purpose: str) -> None:
        self._tokens = itsdangerous.URLSafeSerializer(
            key, salt=purpose, serializer=_Orjson, signer_kwargs={"digest_method": hashlib.sha256})
        self._values = itsdangerous.Signer(key, salt=purpose, digest_method=hashlib.sha256)
        self._token_signer = self._tokens.make_signer()

    def dumps(self, data: dict[str, Any]) -> str:
        """`data` as a URL-safe token this service alone can make."""
        token: str | bytes = self._tokens.dumps(data)  # bytes: the serializer is orjson, which writes bytes
        return token.decode() if isinstance(token, bytes) else token

    def loads(self, token: str) -> dict[str, Any] | None:
        """The payload of a token this service signed, or None for anything else."""
        value, dot, signature = token.rpartition(".")
        if not dot or not _exact(self._token_signer, value, signature):
            return None
        try:
            data = self._tokens.loads(token)
        except (itsdangerous.BadData, orjson.JSONDecodeError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def signature(self, value: str) -> str:
        """The signature of `value` (URL-safe text)."""
        return self._values.get_signature(value).decode()

    def verify(self, value: str, signature: str) -> bool:
        """Whether `signature` is this service's signature of `value`, character for character."""
        return _exact(self._values, value, signature)


def _exact(signer: itsdangerous.Signer, value: str, signature: str) -> bool:
    """`signature` exactly as `signer` writes it for `value`. itsdangerous's own check decodes the base64
    first, and the last character of a base64 signature carries spare bits: a changed last character
    could still pass it."""
    expected: bytes = signer.get_signature(value)
    return hmac.compare_digest(expected, signature.encode("utf-8", "replace"))
