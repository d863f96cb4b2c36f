"""feedback

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

from market_api.feedback.regions import region_rows

# 64-bit ids on PostgreSQL; SQLite only auto-increments an INTEGER PRIMARY KEY.
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    regions = op.create_table('regions',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('parent_id', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['regions.id'], name=op.f('fk_regions_parent_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions'))
    )
    op.create_table('service_secrets',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_service_secrets'))
    )
    op.create_table('feedback_feed_counters',
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('last_position', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_feedback_feed_counters_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', name=op.f('pk_feedback_feed_counters'))
    )
    op.create_table('feedback_reviews',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('campaign_id', BIG_ID, nullable=False),
    sa.Column('feed_position', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('previous_id', BIG_ID, nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('pro', sa.Text(), nullable=True),
    sa.Column('contra', sa.Text(), nullable=True),
    sa.Column('author_name', sa.String(length=255), nullable=True),
    sa.Column('author_region_id', sa.BigInteger(), nullable=True),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('factors', sa.JSON(), nullable=False),
    sa.Column('agree_count', sa.Integer(), nullable=False),
    sa.Column('reject_count', sa.Integer(), nullable=False),
    sa.Column('recommend', sa.Boolean(), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('shop_order_id', sa.String(length=64), nullable=True),
    sa.Column('delivery', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['author_region_id'], ['regions.id'], name=op.f('fk_feedback_reviews_author_region_id_regions')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_feedback_reviews_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['previous_id'], ['feedback_reviews.id'], name=op.f('fk_feedback_reviews_previous_id_feedback_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_reviews'))
    )
    with op.batch_alter_table('feedback_reviews', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_reviews_feed', ['campaign_id', 'feed_position'], unique=True)

    op.create_table('feedback_comments',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('review_id', BIG_ID, nullable=False),
    sa.Column('parent_id', BIG_ID, nullable=True),
    sa.Column('author_type', sa.String(length=8), nullable=False),
    sa.Column('author_name', sa.String(length=255), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['feedback_comments.id'], name=op.f('fk_feedback_comments_parent_id_feedback_comments')),
    sa.ForeignKeyConstraint(['review_id'], ['feedback_reviews.id'], name=op.f('fk_feedback_comments_review_id_feedback_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_comments'))
    )
    with op.batch_alter_table('feedback_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_comments_review_id'), ['review_id'], unique=False)

    # Market's region tree is reference data: parents come before their children in the file.
    op.bulk_insert(regions, [
        {"id": r.id, "name": r.name, "type": r.type, "parent_id": r.parent_id} for r in region_rows().values()
    ])

def downgrade() -> None:
    with op.batch_alter_table('feedback_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_comments_review_id'))

    op.drop_table('feedback_comments')
    with op.batch_alter_table('feedback_reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_reviews_feed')

    op.drop_table('feedback_reviews')
    op.drop_table('feedback_feed_counters')
    op.drop_table('service_secrets')
    op.drop_table('regions')
