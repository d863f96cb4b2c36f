"""leases: the daily quality run holds its day under a renewed lease; reports lose the unused error column

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quality_daily_runs') as batch:
        batch.add_column(sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('reports') as batch:
        batch.drop_column('error')


def downgrade() -> None:
    with op.batch_alter_table('reports') as batch:
        batch.add_column(sa.Column('error', sa.Text(), nullable=True))
    with op.batch_alter_table('quality_daily_runs') as batch:
        batch.drop_column('lease_until')
