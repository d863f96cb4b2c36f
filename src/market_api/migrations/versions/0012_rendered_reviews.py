"""rendered reviews: each review's FeedbackDTO kept in its row, with the feed position it was rendered at

The reviews already there are rendered here, 1,000 a statement (feedback/rendering.py renders them as
the service would), so their pages are served from renderings from the start.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

from market_api.feedback.rendering import renderings
from market_api.platform.database import UtcDateTime

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

BATCH = 1000

# The columns as they are at this revision (the models may hold more later). The rendering itself is the
# service's current one: a later release whose rendering reads a column added after this revision must
# make this step leave the renderings out (the feed renders such reviews afresh).
_reviews = sa.table(
    'feedback_reviews', *(sa.column(name, type_) for name, type_ in (
        ('id', sa.BigInteger()), ('feed_position', sa.BigInteger()), ('state', sa.String()),
        ('created_at', UtcDateTime()), ('text', sa.Text()), ('pro', sa.Text()), ('contra', sa.Text()),
        ('author_name', sa.String()), ('author_region_id', sa.BigInteger()), ('grade', sa.Integer()),
        ('factors', sa.JSON()), ('agree_count', sa.Integer()), ('reject_count', sa.Integer()),
        ('recommend', sa.Boolean()), ('resolved', sa.Boolean()), ('verified', sa.Boolean()),
        ('shop_order_id', sa.String()), ('delivery', sa.String()),
        ('rendered', sa.LargeBinary()), ('rendered_position', sa.BigInteger()))))
_comments = sa.table(
    'feedback_comments', *(sa.column(name, type_) for name, type_ in (
        ('id', sa.BigInteger()), ('review_id', sa.BigInteger()), ('parent_id', sa.BigInteger()),
        ('author_type', sa.String()), ('author_name', sa.String()), ('body', sa.Text()), ('removed', sa.Boolean()),
        ('created_at', UtcDateTime()), ('updated_at', UtcDateTime()))))


def upgrade() -> None:
    op.add_column('feedback_reviews', sa.Column('rendered', sa.LargeBinary(), nullable=True))
    op.add_column('feedback_reviews', sa.Column('rendered_position', sa.BigInteger(), nullable=True))
    _render_existing(op.get_bind())


def _render_existing(bind: sa.Connection) -> None:
    read = [column for column in _reviews.c if column.name not in ('rendered', 'rendered_position')]
    store = _reviews.update().where(_reviews.c.id == sa.bindparam('review_id')).values(
        rendered=sa.bindparam('rendering'), rendered_position=sa.bindparam('position'))
    last = 0
    while True:
        reviews = bind.execute(
            sa.select(*read).where(_reviews.c.id > last).order_by(_reviews.c.id).limit(BATCH)).mappings().all()
        if not reviews:
            return
        comments = bind.execute(sa.select(_comments).where(
            _comments.c.review_id.in_([r['id'] for r in reviews]), _comments.c.removed.is_(False),
        ).order_by(_comments.c.id)).mappings()
        bind.execute(store, [{'review_id': review_id, 'position': position, 'rendering': rendering}
                             for review_id, position, rendering in renderings(reviews, comments)])
        last = reviews[-1]['id']


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN on both (SQLite 3.35 and later): a batch would copy the table into a new
    # one and drop the old, and dropping it deletes every comment (ON DELETE CASCADE).
    op.execute('ALTER TABLE feedback_reviews DROP COLUMN rendered_position')
    op.execute('ALTER TABLE feedback_reviews DROP COLUMN rendered')
