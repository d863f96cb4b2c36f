"""Secrets: Api-Keys, OAuth tokens and admin tokens. Only their SHA-256 hashes are stored."""

from __future__ import annotations

import hashlib
import random
import re
import secrets
import string
import zlib

API_KEY_PREFIX = "ACMA"
_ALPHANUM = string.ascii_letters + string.digits
_API_KEY_SECRET_LENGTH = 40
API_KEY_LENGTH = len(API_KEY_PREFIX) + 1 + _API_KEY_SECRET_LENGTH + 1 + 8
_API_KEY_PATTERN = re.compile(r"[A-Z]{4}:[A-Za-z0-9]{40}:[0-9a-f]{8}")
_PREFIX_PATTERN = re.compile(r"[A-Z]{4}")


def hash_token(token: str) -> str:
    """The SHA-256 of `token` as 64 hex digits: what is stored and looked up instead of the token."""
    # Tokens carry 200+ bits of entropy, so a fast hash is safe and lets us look them up by hash.
    return hashlib.sha256(token.encode()).hexdigest()


def token_hint(token: str) -> str:
    """The token's last four characters after an ellipsis (``…abcd``), to tell tokens apart in lists."""
    return "…" + token[-4:]


def _checksum(body: str) -> str:
    return format(zlib.crc32(body.encode()), "08x")


def new_api_key() -> str:
    """A new random Api-Key, ``ACMA:<40 letters and digits>:<crc32 of the rest, 8 hex digits>``."""
    return api_key_from(secrets.SystemRandom())


def api_key_problem(token: str) -> str | None:
    """Why a presented Api-Key is malformed (the documented 401 message), or None if well-formed."""
    if not _PREFIX_PATTERN.fullmatch(token.split(":", 1)[0]):
        return "Api-Key token prefix invalid"
    if len(token) != API_KEY_LENGTH:
        return "Api-Key token length invalid"
    if not _API_KEY_PATTERN.fullmatch(token) or _checksum(token[:-9]) != token[-8:]:
        return "Api-Key token format invalid"
    return None


def new_oauth_token() -> str:
    """A new random OAuth token: ``y0_`` and 43 random bytes, URL-safe base64."""
    return "y0_" + secrets.token_urlsafe(43)


def new_admin_token() -> str:
    """A new random admin API token: ``mka_`` and 32 random bytes, URL-safe base64."""
    return "mka_" + secrets.token_urlsafe(32)


def api_key_from(rng: random.Random) -> str:
    """A well-formed Api-Key drawn from `rng`: the demo data set's key is the same on every run."""
    body = f"{API_KEY_PREFIX}:{''.join(rng.choice(_ALPHANUM) for _ in range(_API_KEY_SECRET_LENGTH))}"
    return f"{body}:{_checksum(body)}"
