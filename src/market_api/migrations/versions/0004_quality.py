"""quality

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

# 64-bit ids on PostgreSQL; SQLite only auto-increments an INTEGER PRIMARY KEY.
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('quality_orders',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('order_number', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('scheduled_date', sa.Date(), nullable=False),
    sa.Column('shipped_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('cancelled_by_seller', sa.Boolean(), nullable=False),
    sa.Column('items_removed_by_seller', sa.Integer(), nullable=False),
    sa.Column('late', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_quality_orders_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_orders')),
    sa.UniqueConstraint('campaign_id', 'order_number', name=op.f('uq_quality_orders_campaign_id'))
    )
    with op.batch_alter_table('quality_orders', schema=None) as batch_op:
        batch_op.create_index('ix_quality_orders_window', ['campaign_id', 'scheduled_date'], unique=False)

    op.create_table('quality_ratings',
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('calculation_date', sa.Date(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('components', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_quality_ratings_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'calculation_date', name=op.f('pk_quality_ratings'))
    )
    op.create_table('quality_supplies',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('supply_number', sa.String(length=64), nullable=False),
    sa.Column('planned_date', sa.Date(), nullable=False),
    sa.Column('arrived_date', sa.Date(), nullable=True),
    sa.Column('items_planned', sa.Integer(), nullable=False),
    sa.Column('items_missing', sa.Integer(), nullable=False),
    sa.Column('items_removed_late', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_quality_supplies_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_supplies')),
    sa.UniqueConstraint('campaign_id', 'supply_number', name=op.f('uq_quality_supplies_campaign_id'))
    )
    with op.batch_alter_table('quality_supplies', schema=None) as batch_op:
        batch_op.create_index('ix_quality_supplies_window', ['campaign_id', 'planned_date'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('quality_supplies', schema=None) as batch_op:
        batch_op.drop_index('ix_quality_supplies_window')

    op.drop_table('quality_supplies')
    op.drop_table('quality_ratings')
    with op.batch_alter_table('quality_orders', schema=None) as batch_op:
        batch_op.drop_index('ix_quality_orders_window')

    op.drop_table('quality_orders')
