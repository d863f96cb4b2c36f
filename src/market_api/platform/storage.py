"""Where report files live: a local directory (the default), or S3-compatible object storage
(MARKET_API_STORAGE_URL=s3://bucket/prefix). Local files are served by the API itself through
signed, expiring links; S3 files through presigned links."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, urlencode, urlsplit

from market_api.platform.signing import Signer


@dataclass(frozen=True)
class SignedLink:
    """/downloads/{item}/{name}?expires=…&signature=…: unguessable, and useless after it expires."""

    item: str
    name: str
    expires: int  # unix seconds

    def _signed_text(self) -> str:
        return f"{self.item}\n{self.name}\n{self.expires}"

    def url(self, base_url: str, signer: Signer) -> str:
        """The link, absolute under `base_url`."""
        query = urlencode({"expires": self.expires, "signature": signer.signature(self._signed_text())})
        return f"{base_url.rstrip('/')}/downloads/{quote(self.item)}/{quote(self.name)}?{query}"

    def is_valid(self, signer: Signer, signature: str, now: float) -> bool:
        """Signed by this service for exactly this item, name and expiry, and not expired at `now`."""
        return signer.verify(self._signed_text(), signature) and self.expires > now


@dataclass(frozen=True)
class StoredFile:
    """A report file in storage: its `key` there, the file name it downloads as, and its content type."""

    key: str
    name: str
    content_type: str


class Storage(Protocol):
    """Where report files are kept, by key (``<item>/<name>``-like paths): `LocalStorage` or `S3Storage`."""

    def put(self, key: str, source: Path) -> None:
        """Move the finished local file `source` to `key`; readers see the whole file or none."""

    def exists(self, key: str) -> bool:
        """Whether a file is stored at `key`."""

    def delete(self, key: str) -> None:
        """Remove the file at `key` (none there is no error)."""

    def presigned_url(self, stored: StoredFile, seconds: int) -> str | None:
        """A direct link to the file, or None when the API serves it itself."""


class LocalStorage:
    """Files under the directory `root`, served by the API itself through `SignedLink`s."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        """The local path of `key`."""
        return self.root / key

    def put(self, key: str, source: Path) -> None:
        """Move a finished file into place atomically: a reader sees the whole file or none."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.{os.getpid()}")
        shutil.move(source, staging)
        os.replace(staging, target)

    def exists(self, key: str) -> bool:
        """Whether a regular file is at `key`."""
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        """Remove the file (if there) and its folder, when that was its last file."""
        path = self.path(key)
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # the file's own folder goes with its last file
            path.parent.rmdir()

    def presigned_url(self, stored: StoredFile, seconds: int) -> str | None:
        """None: local files are served by the API itself."""
        return None


class S3Storage:
    """An S3 bucket (AWS, MinIO, any S3-compatible service); credentials come the usual AWS ways."""

    def __init__(self, url: str, endpoint_url: str | None = None, public_endpoint_url: str | None = None) -> None:
        import boto3
        from botocore.config import Config

        parts = urlsplit(url)
        self.bucket = parts.netloc
        self.prefix = parts.path.strip("/")
        # Signature V4 everywhere: a presigned link then states its lifetime (X-Amz-Expires, at most 7 days),
        # and every current S3 region and MinIO take it (V2 is deprecated).
        config = Config(signature_version="s3v4")
        self.client = boto3.client("s3", endpoint_url=endpoint_url, config=config)
        # Presigning is computed locally, so links can name the address clients use (behind a proxy,
        # outside a container network) while uploads go to the internal one.
        self.link_client = (boto3.client("s3", endpoint_url=public_endpoint_url, config=config)
                            if public_endpoint_url and public_endpoint_url != endpoint_url else self.client)

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, source: Path) -> None:
        """Upload `source` to `key` under the prefix."""
        # A single PUT (or a multipart upload completed at the end) is atomic: the object appears whole.
        self.client.upload_file(str(source), self.bucket, self._key(key))

    def exists(self, key: str) -> bool:
        """Whether the object exists (any error of the HEAD request counts as no)."""
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
            return True
        except ClientError:
            return False

    def delete(self, key: str) -> None:
        """Delete the object (S3 reports no error for a missing one)."""
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def presigned_url(self, stored: StoredFile, seconds: int) -> str | None:
        """A presigned GET link (Signature V4), valid for `seconds` (MARKET_API_S3_LINK_SECONDS; it cannot be
        revoked earlier), on the public endpoint; the file downloads as an attachment named `stored.name`, of
        `stored.content_type`."""
        return self.link_client.generate_presigned_url("get_object", ExpiresIn=seconds, Params={
            "Bucket": self.bucket, "Key": self._key(stored.key), "ResponseContentType": stored.content_type,
            "ResponseContentDisposition": f'attachment; filename="{stored.name}"',
        })


def make_storage(storage_url: str | None, local_root: Path, endpoint_url: str | None = None,
                 public_endpoint_url: str | None = None) -> Storage:
    """S3 storage when `storage_url` is ``s3://bucket/prefix`` (uploads to `endpoint_url`, links on
    `public_endpoint_url` when given), otherwise local files under `local_root`."""
    if storage_url and storage_url.startswith("s3://"):
        return S3Storage(storage_url, endpoint_url, public_endpoint_url)
    return LocalStorage(local_root)
