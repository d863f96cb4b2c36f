"""control: shared control state (clock offset, data generation, fault-rule version), fault rules, the
request log, and the outcome a fault rule gave a report

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)
ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'control_state',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('generation', sa.BigInteger(), nullable=False),
        sa.Column('clock_offset_us', sa.BigInteger(), nullable=True),
        sa.Column('faults_version', sa.BigInteger(), nullable=False),
        sa.Column('limit_epochs', sa.JSON(), nullable=False),
        sa.Column('updated_at', UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_control_state')),
    )
    op.create_table(
        'fault_rules',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('operation_id', sa.String(length=64), nullable=False),
        sa.Column('business_id', sa.BigInteger(), nullable=True),
        sa.Column('campaign_id', sa.BigInteger(), nullable=True),
        sa.Column('status', sa.Integer(), nullable=True),
        sa.Column('latency_ms', sa.Integer(), nullable=True),
        sa.Column('report', sa.JSON(), nullable=True),
        sa.Column('count', sa.Integer(), nullable=True),
        sa.Column('remaining', sa.Integer(), nullable=True),
        sa.Column('probability', sa.Float(), nullable=True),
        sa.Column('seed', sa.BigInteger(), nullable=True),
        sa.Column('draws', sa.BigInteger(), nullable=False),
        sa.Column('applied', sa.BigInteger(), nullable=False),
        sa.Column('expires_at', UTC_TIME, nullable=True),
        sa.Column('created_at', UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fault_rules')),
    )
    op.create_table(
        'request_log',
        sa.Column('id', ID, autoincrement=True, nullable=False),
        sa.Column('request_id', sa.String(length=128), nullable=False),
        sa.Column('time', UTC_TIME, nullable=False),
        sa.Column('operation_id', sa.String(length=64), nullable=True),
        sa.Column('method', sa.String(length=16), nullable=False),
        sa.Column('path', sa.Text(), nullable=False),
        sa.Column('query', sa.JSON(), nullable=False),
        sa.Column('status', sa.Integer(), nullable=False),
        sa.Column('duration_ms', sa.Float(), nullable=False),
        sa.Column('business_id', sa.BigInteger(), nullable=True),
        sa.Column('campaign_id', sa.BigInteger(), nullable=True),
        sa.Column('caller', sa.String(length=255), nullable=True),
        sa.Column('error_code', sa.String(length=64), nullable=True),
        sa.Column('error_message', sa.Text(), nullable=True),
        sa.Column('fault', sa.String(length=32), nullable=True),
        sa.Column('body', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_request_log')),
    )
    op.create_index(op.f('ix_request_log_request_id'), 'request_log', ['request_id'])
    op.create_index(op.f('ix_request_log_time'), 'request_log', ['time'])
    op.create_index('ix_request_log_business', 'request_log', ['business_id', 'id'])
    op.create_index('ix_request_log_campaign', 'request_log', ['campaign_id', 'id'])
    with op.batch_alter_table('reports') as batch:
        batch.add_column(sa.Column('fault', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reports') as batch:
        batch.drop_column('fault')
    op.drop_table('request_log')
    op.drop_table('fault_rules')
    op.drop_table('control_state')
