"""console: sessions of the web console

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'console_sessions',
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('admin_token_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('csrf_token', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['admin_token_id'], ['admin_tokens.id'], ondelete='CASCADE',
                                name=op.f('fk_console_sessions_admin_token_id_admin_tokens')),
        sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_console_sessions')),
    )
    op.create_index(op.f('ix_console_sessions_admin_token_id'), 'console_sessions', ['admin_token_id'])


def downgrade() -> None:
    op.drop_table('console_sessions')
