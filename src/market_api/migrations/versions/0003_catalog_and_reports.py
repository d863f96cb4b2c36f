"""catalog and reports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

# 64-bit ids on PostgreSQL; SQLite only auto-increments an INTEGER PRIMARY KEY.
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('categories',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('parent_id', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['categories.id'], name=op.f('fk_categories_parent_id_categories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories'))
    )
    op.create_table('report_format_speeds',
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('rows_per_second', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('format', name=op.f('pk_report_format_speeds'))
    )
    op.create_table('offers',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('business_id', BIG_ID, nullable=False),
    sa.Column('shop_sku', sa.String(length=255), nullable=False),
    sa.Column('article', sa.String(length=255), nullable=True),
    sa.Column('market_sku', sa.BigInteger(), nullable=True),
    sa.Column('model_id', sa.BigInteger(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('category_id', sa.BigInteger(), nullable=True),
    sa.Column('length_cm', sa.Integer(), nullable=True),
    sa.Column('width_cm', sa.Integer(), nullable=True),
    sa.Column('height_cm', sa.Integer(), nullable=True),
    sa.Column('weight_kg', sa.Float(), nullable=True),
    sa.Column('link', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_offers_business_id_businesses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_offers_category_id_categories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers')),
    sa.UniqueConstraint('business_id', 'shop_sku', name=op.f('uq_offers_business_id'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offers_category_id'), ['category_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('business_id', BIG_ID, nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sub_status', sa.String(length=32), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expected_rows', sa.Integer(), nullable=False),
    sa.Column('estimated_ms', sa.Integer(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=True),
    sa.Column('file_key', sa.String(length=255), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('lease_owner', sa.String(length=64), nullable=True),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['business_id'], ['businesses.id'], name=op.f('fk_reports_business_id_businesses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_business_id'), ['business_id'], unique=False)
        batch_op.create_index('ix_reports_queue', ['status', 'requested_at'], unique=False)

    op.create_table('offer_placements',
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('offer_id', BIG_ID, nullable=False),
    sa.Column('price', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=64), nullable=True),
    sa.Column('selling_status', sa.String(length=64), nullable=True),
    sa.Column('recommendations', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_offer_placements_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_placements_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'offer_id', name=op.f('pk_offer_placements'))
    )
    op.create_table('paid_opinion_programs',
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('offer_id', BIG_ID, nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('max_charge', sa.Integer(), nullable=False),
    sa.Column('target_count', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Float(), nullable=True),
    sa.Column('current_opinion_count', sa.Integer(), nullable=False),
    sa.Column('paid_opinions_collected', sa.Integer(), nullable=False),
    sa.Column('ordered_items_total_amount', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_paid_opinion_programs_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_paid_opinion_programs_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'offer_id', name=op.f('pk_paid_opinion_programs'))
    )
    op.create_table('warehouses',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('campaign_id', BIG_ID, nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_warehouses_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warehouses'))
    )
    with op.batch_alter_table('warehouses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warehouses_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('stocks',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('warehouse_id', sa.BigInteger(), nullable=False),
    sa.Column('offer_id', BIG_ID, nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('valid', sa.Integer(), nullable=False),
    sa.Column('reserved', sa.Integer(), nullable=False),
    sa.Column('available', sa.Integer(), nullable=False),
    sa.Column('quarantine', sa.Integer(), nullable=False),
    sa.Column('utilization', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Integer(), nullable=False),
    sa.Column('expired', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_stocks_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_stocks_offer_id_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stocks_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocks'))
    )
    with op.batch_alter_table('stocks', schema=None) as batch_op:
        batch_op.create_index('ix_stocks_report', ['campaign_id', 'day', 'warehouse_id', 'offer_id'], unique=True)



def downgrade() -> None:
    with op.batch_alter_table('stocks', schema=None) as batch_op:
        batch_op.drop_index('ix_stocks_report')

    op.drop_table('stocks')
    with op.batch_alter_table('warehouses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warehouses_campaign_id'))

    op.drop_table('warehouses')
    op.drop_table('paid_opinion_programs')
    op.drop_table('offer_placements')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_queue')
        batch_op.drop_index(batch_op.f('ix_reports_business_id'))

    op.drop_table('reports')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offers_category_id'))

    op.drop_table('offers')
    op.drop_table('report_format_speeds')
    op.drop_table('categories')
