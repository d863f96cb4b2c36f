"""feed by update time: an index that finds where a from_date's changes begin in a store's feed

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_feedback_reviews_updated', 'feedback_reviews', ['campaign_id', 'updated_at', 'feed_position'])


def downgrade() -> None:
    op.drop_index('ix_feedback_reviews_updated', table_name='feedback_reviews')
