"""rendered reviews: each review's FeedbackDTO kept in its row, with the feed position it was rendered at

Reviews written before this revision have none; the feed reads and renders them afresh until their next
change (feedback/rendering.py).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('feedback_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rendered', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('rendered_position', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('feedback_reviews', schema=None) as batch_op:
        batch_op.drop_column('rendered_position')
        batch_op.drop_column('rendered')
