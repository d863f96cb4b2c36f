"""Configuration from ``MARKET_API_*`` environment variables (CLI flags override them)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AwareDatetime, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from market_api.platform.clock import SETTABLE_FROM, SETTABLE_UNTIL


class Settings(BaseSettings):
    """The service's settings, each from the environment variable ``MARKET_API_<FIELD NAME>`` (in any
    case) or its default; the CLI's flags override them."""

    model_config = SettingsConfigDict(env_prefix="MARKET_API_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Where the SQLite file and other local state live.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default is a SQLite file in the data directory. "
        "postgresql://user@host/db is accepted and runs on asyncpg.",
    )
    redis_url: str | None = Field(default=None, description="Redis for rate-limit counters shared by processes.")
    rate_limits: Literal["on", "off"] = Field(default="on", description="'off' disables the 420 answers.")
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    admin_token: str | None = Field(default=None, description="Token for the /admin API; generated when unset.")
    secret_key: str | None = Field(
        default=None, description="Key that signs page tokens; made once and kept in the database when unset."
    )
    access_cache_seconds: float = Field(
        default=5.0, description="How long a process keeps tokens, businesses and stores in memory; 0 disables."
    )
    feed_cache_reviews: int = Field(
        default=20_000, description="Reviews a process keeps rendered for the updates feed; 0 disables."
    )
    sqlite_loop_read_ms: float = Field(
        default=2.0, ge=0, le=1000, allow_inf_nan=False,
        description="On SQLite, how long a read may run on the event loop before it is moved to a thread, in "
        "milliseconds (0: every read in a thread; see platform/driver.py).",
    )
    public_url: str | None = Field(
        default=None, description="Base of report download links; default http://HOST:PORT."
    )
    report_workers: int = Field(default=2, description="Report files built at once (worker processes).")
    report_workers_prestart: bool = Field(
        default=True, description="Start the report worker processes with the service, so that the first "
        "report does not wait for them (off: started by the first report).",
    )
    report_dir: Path | None = Field(default=None, description="Where report files are kept; default DATA_DIR/reports.")
    storage_url: str | None = Field(
        default=None, description="s3://bucket/prefix to keep report files in S3-compatible storage; unset: local."
    )
    s3_endpoint_url: str | None = Field(default=None, description="Endpoint of an S3-compatible service.")
    s3_public_endpoint_url: str | None = Field(
        default=None, description="Endpoint clients download from, when it differs (default: S3_ENDPOINT_URL)."
    )
    report_max_rows: int = Field(default=5_000_000, description="Row cap of CSV and JSON reports (XLSX: 1,048,575).")
    download_link_seconds: int = Field(default=3600, description="How long a report download link works.")
    s3_link_seconds: int = Field(
        default=300, ge=1, le=604_800,
        description="How long a presigned S3 download link works (at most DOWNLOAD_LINK_SECONDS): it cannot be "
        "revoked, so it is kept short; report info hands out a fresh one.",
    )
    metrics_token: str | None = Field(
        default=None, description="When set, GET /metrics needs 'Authorization: Bearer <it>' (Prometheus "
        "authorization.credentials); unset: /metrics is open, for the internal network only.",
    )
    report_retention_hours: float = Field(
        default=24, description="Finished reports and their files are kept this long."
    )
    broker_url: str | None = Field(
        default=None,
        description="amqp://… (RabbitMQ) or redis://… to queue report jobs for `market-api worker` processes; "
        "unset: `serve` builds reports itself.",
    )
    report_queue: str = Field(default="reports", description="Name of the report job queue on the broker.")
    job_lease_seconds: float = Field(
        default=60, description="How long a report job, or a day of the quality index, stays with a process that "
        "stops renewing its lease (died)."
    )
    job_resend_seconds: float = Field(
        default=600, description="A job nobody worked on this long since it was queued is queued again."
    )
    job_grace_seconds: float = Field(
        default=30, description="On SIGTERM a worker finishes its job within this time, or hands it back."
    )
    clock_start: AwareDatetime | None = Field(
        default=None,
        description="The service clock starts at this instant (ISO 8601 with offset) and runs on from there; "
        "unset: real time.",
    )
    control_refresh_seconds: float = Field(
        default=1.0, ge=0, le=60,
        description="How often a process reads the shared control state again (clock, data generation, fault "
        "rules); 0: on every request.",
    )
    request_log: Literal["on", "off"] = Field(default="on", description="'off': Partner API requests are not logged.")
    request_log_keep: int = Field(default=100_000, ge=0, le=100_000_000,
                                  description="The request log keeps this many newest entries.")
    request_log_retention_hours: float = Field(default=24 * 7, gt=0, le=24 * 3650,
                                               description="The request log drops entries older than this.")
    request_log_body_bytes: int = Field(default=4096, ge=0, le=1024 * 1024,
                                        description="Request bodies are logged up to this many bytes.")
    log_level: str = "info"
    log_format: Literal["text", "json"] = Field(default="text", description="'json': one JSON object per line.")
    max_body_bytes: int = 512 * 1024
    http_server: Literal["granian", "uvicorn"] = Field(
        default="granian",
        description="The HTTP server `serve` runs on: granian (the faster, benchmarks/http_servers.py) or uvicorn "
        "(answers malformed and oversized request heads in the error envelope too; platform/http_server.py).",
    )
    header_timeout_seconds: float = Field(
        default=10, gt=0, le=3600,
        description="A connection that has not sent a whole request line and headers this long after it opened "
        "(or after its last answer) is answered 408 and closed.",
    )
    body_timeout_seconds: float = Field(
        default=30, gt=0, le=3600,
        description="A request body (POST, PUT, PATCH) not received whole this long after its headers is answered "
        "408 and its connection closed.",
    )
    max_url_bytes: int = Field(default=8192, ge=256, le=1024 * 1024,
                               description="A longer request target (path and query) is answered 414.")
    max_header_bytes: int = Field(default=32768, ge=1024, le=1024 * 1024,
                                  description="Longer request header fields (all of them together) are answered 431.")

    @field_validator("clock_start")
    @classmethod
    def _settable_clock(cls, value: AwareDatetime | None) -> AwareDatetime | None:
        if value is not None and not SETTABLE_FROM <= value < SETTABLE_UNTIL:
            raise ValueError("the clock may start from 2000-01-01T00:00:00Z up to 2099-01-01T00:00:00Z")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, url: str | None) -> str | None:
        if url is None:
            return None
        for plain, driver in (("postgresql://", "postgresql+asyncpg://"), ("postgres://", "postgresql+asyncpg://"),
                              ("sqlite://", "sqlite+aiosqlite://")):
            if url.startswith(plain):
                return driver + url[len(plain):]
        if not url.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
            raise ValueError("the database must be postgresql://… or sqlite:///…")
        return url

    @property
    def effective_database_url(self) -> str:
        """The SQLAlchemy URL to connect to (async driver): `database_url`, or the SQLite file
        ``DATA_DIR/market-api.db``."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'market-api.db').resolve()}"

    @property
    def report_storage_dir(self) -> Path:
        """Where report files are kept locally (absolute): `report_dir`, or ``DATA_DIR/reports``."""
        return (self.report_dir or self.data_dir / "reports").resolve()

    @property
    def base_url(self) -> str:
        """The base of download links, without a trailing slash: `public_url`, or ``http://HOST:PORT``."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def s3_link_lifetime(self) -> int:
        """Seconds a presigned S3 link works: `s3_link_seconds`, never longer than `download_link_seconds`."""
        return min(self.s3_link_seconds, self.download_link_seconds)

    @property
    def rate_limits_enabled(self) -> bool:
        """Whether calls are counted against the rate limits (and answered 420 past them)."""
        return self.rate_limits == "on"
