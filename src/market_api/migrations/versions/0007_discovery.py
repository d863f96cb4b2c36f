"""discovery: what the discovery methods answer that was not kept (a store's payer id and settings, a
cabinet's settings)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CAMPAIGN_FLAGS = ('available_on_holidays', 'show_in_context', 'show_in_premium', 'use_open_stat')
CAMPAIGN_DAYS = ('weekly_holidays', 'custom_holidays', 'custom_working_days')


def upgrade() -> None:
    with op.batch_alter_table('campaigns') as batch:
        batch.add_column(sa.Column('client_id', sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column('country_region_id', sa.BigInteger(), server_default='225', nullable=False))
        batch.add_column(sa.Column('local_region_id', sa.BigInteger(), server_default='213', nullable=False))
        batch.add_column(sa.Column('delivery_source', sa.String(length=8), server_default='WEB', nullable=False))
        for name in CAMPAIGN_FLAGS:
            batch.add_column(sa.Column(name, sa.Boolean(), server_default=sa.false(), nullable=False))
        for name in CAMPAIGN_DAYS:
            batch.add_column(sa.Column(name, sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch.add_column(sa.Column('vat', sa.String(length=16), nullable=True))
    with op.batch_alter_table('businesses') as batch:
        batch.add_column(sa.Column('currency', sa.String(length=8), server_default='RUR', nullable=False))
        batch.add_column(sa.Column('only_default_price', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('businesses') as batch:
        batch.drop_column('only_default_price')
        batch.drop_column('currency')
    with op.batch_alter_table('campaigns') as batch:
        for name in ('vat', *CAMPAIGN_DAYS, *CAMPAIGN_FLAGS, 'delivery_source', 'local_region_id',
                     'country_region_id', 'client_id'):
            batch.drop_column(name)
