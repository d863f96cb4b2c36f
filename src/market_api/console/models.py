"""Console sessions: who logged in with which admin token, until when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.database import Base, UtcDateTime


class ConsoleSession(Base):
    """A browser's session, opened by POST /console/login with an admin token. The cookie holds the signed
    session id; the table holds its hash, so a copied database opens no session. It ends at logout, at
    `expires_at`, or when its admin token is revoked (cascade)."""

    __tablename__ = "console_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    admin_token_id: Mapped[int] = mapped_column(ForeignKey("admin_tokens.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
