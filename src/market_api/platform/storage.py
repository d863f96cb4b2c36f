"""Where report files live: a local directory (the default). Files are served by the API itself
through signed, expiring links."""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class SignedLink:
    """/downloads/{item}/{name}?expires=…&signature=…: unguessable, and useless after it expires."""

    item: str
    name: str
    expires: int  # unix seconds

    def signature(self, secret: str) -> str:
        message = f"{self.item}\n{self.name}\n{self.expires}".encode()
        return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]

    def url(self, base_url: str, secret: str) -> str:
        query = urlencode({"expires": self.expires, "signature": self.signature(secret)})
        return f"{base_url.rstrip('/')}/downloads/{quote(self.item)}/{quote(self.name)}?{query}"

    def is_valid(self, secret: str, signature: str, now: float) -> bool:
        return hmac.compare_digest(self.signature(secret), signature) and self.expires > now


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key

    def put(self, key: str, source: Path) -> None:
        """Move a finished file into place atomically: a reader sees the whole file or none."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.{os.getpid()}")
        shutil.move(source, staging)
        os.replace(staging, target)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)
