"""warehouses: what the warehouse discovery methods answer that was not kept (address, Express delivery,
switched off by the seller, warehouse group)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

ADDRESS = (('city', 200), ('street', 512), ('number', 256), ('building', 16), ('block', 16))
FLAGS = ('express', 'disabled', 'group_main')


def upgrade() -> None:
    with op.batch_alter_table('warehouses') as batch:
        for name, length in ADDRESS:
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=True))
        batch.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch.add_column(sa.Column('longitude', sa.Float(), nullable=True))
        for name in FLAGS:
            batch.add_column(sa.Column(name, sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column('group_id', sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column('group_name', sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('warehouses') as batch:
        for name in ('group_name', 'group_id', *reversed(FLAGS), 'longitude', 'latitude',
                     *(name for name, _ in reversed(ADDRESS))):
            batch.drop_column(name)
