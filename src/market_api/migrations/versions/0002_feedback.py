"""feedback

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

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

    # Market's region tree is reference data: parents come before their children.
    op.bulk_insert(regions, [
        {"id": id_, "name": name, "type": type_, "parent_id": parent_id} for id_, name, type_, parent_id in REGIONS
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


# The region tree as it was when this migration was written: (id, name, type, parent id). A migration
# keeps its own copy of its data rather than importing the application's, which may change later.
REGIONS = [
    (225, "Россия", "COUNTRY", None),
    (3, "Центральный федеральный округ", "COUNTRY_DISTRICT", 225),
    (17, "Северо-Западный федеральный округ", "COUNTRY_DISTRICT", 225),
    (26, "Южный федеральный округ", "COUNTRY_DISTRICT", 225),
    (40, "Приволжский федеральный округ", "COUNTRY_DISTRICT", 225),
    (52, "Уральский федеральный округ", "COUNTRY_DISTRICT", 225),
    (59, "Сибирский федеральный округ", "COUNTRY_DISTRICT", 225),
    (73, "Дальневосточный федеральный округ", "COUNTRY_DISTRICT", 225),
    (102444, "Северо-Кавказский федеральный округ", "COUNTRY_DISTRICT", 225),
    (1, "Москва и Московская область", "REPUBLIC", 3),
    (10174, "Санкт-Петербург и Ленинградская область", "REPUBLIC", 17),
    (11162, "Свердловская область", "REPUBLIC", 52),
    (11316, "Новосибирская область", "REPUBLIC", 59),
    (11119, "Республика Татарстан", "REPUBLIC", 40),
    (11079, "Нижегородская область", "REPUBLIC", 40),
    (11225, "Челябинская область", "REPUBLIC", 52),
    (11131, "Самарская область", "REPUBLIC", 40),
    (11318, "Омская область", "REPUBLIC", 59),
    (11029, "Ростовская область", "REPUBLIC", 26),
    (11111, "Республика Башкортостан", "REPUBLIC", 40),
    (11309, "Красноярский край", "REPUBLIC", 59),
    (11108, "Пермский край", "REPUBLIC", 40),
    (10672, "Воронежская область", "REPUBLIC", 3),
    (10950, "Волгоградская область", "REPUBLIC", 26),
    (10995, "Краснодарский край", "REPUBLIC", 26),
    (11146, "Саратовская область", "REPUBLIC", 40),
    (11176, "Тюменская область", "REPUBLIC", 52),
    (11148, "Удмуртская Республика", "REPUBLIC", 40),
    (11235, "Алтайский край", "REPUBLIC", 59),
    (11153, "Ульяновская область", "REPUBLIC", 40),
    (11266, "Иркутская область", "REPUBLIC", 59),
    (11457, "Хабаровский край", "REPUBLIC", 73),
    (10841, "Ярославская область", "REPUBLIC", 3),
    (11409, "Приморский край", "REPUBLIC", 73),
    (11010, "Республика Дагестан", "REPUBLIC", 102444),
    (11353, "Томская область", "REPUBLIC", 59),
    (11084, "Оренбургская область", "REPUBLIC", 40),
    (11282, "Кемеровская область", "REPUBLIC", 59),
    (10776, "Рязанская область", "REPUBLIC", 3),
    (10946, "Астраханская область", "REPUBLIC", 26),
    (11095, "Пензенская область", "REPUBLIC", 40),
    (10712, "Липецкая область", "REPUBLIC", 3),
    (11070, "Кировская область", "REPUBLIC", 40),
    (11156, "Чувашская Республика", "REPUBLIC", 40),
    (10832, "Тульская область", "REPUBLIC", 3),
    (10857, "Калининградская область", "REPUBLIC", 17),
    (10705, "Курская область", "REPUBLIC", 3),
    (11069, "Ставропольский край", "REPUBLIC", 102444),
    (11330, "Республика Бурятия", "REPUBLIC", 73),
    (10819, "Тверская область", "REPUBLIC", 3),
    (10687, "Ивановская область", "REPUBLIC", 3),
    (10650, "Брянская область", "REPUBLIC", 3),
    (10645, "Белгородская область", "REPUBLIC", 3),
    (11193, "Ханты-Мансийский автономный округ — Югра", "REPUBLIC", 52),
    (10658, "Владимирская область", "REPUBLIC", 3),
    (21949, "Забайкальский край", "REPUBLIC", 73),
    (10842, "Архангельская область", "REPUBLIC", 17),
    (10693, "Калужская область", "REPUBLIC", 3),
    (10795, "Смоленская область", "REPUBLIC", 3),
    (11158, "Курганская область", "REPUBLIC", 52),
    (10853, "Вологодская область", "REPUBLIC", 17),
    (10772, "Орловская область", "REPUBLIC", 3),
    (11117, "Республика Мордовия", "REPUBLIC", 40),
    (11021, "Республика Северная Осетия — Алания", "REPUBLIC", 102444),
    (11443, "Республика Саха (Якутия)", "REPUBLIC", 73),
    (10897, "Мурманская область", "REPUBLIC", 17),
    (10802, "Тамбовская область", "REPUBLIC", 3),
    (11024, "Чеченская Республика", "REPUBLIC", 102444),
    (10699, "Костромская область", "REPUBLIC", 3),
    (10933, "Республика Карелия", "REPUBLIC", 17),
    (11077, "Республика Марий Эл", "REPUBLIC", 40),
    (11013, "Кабардино-Балкарская Республика", "REPUBLIC", 102444),
    (10904, "Новгородская область", "REPUBLIC", 17),
    (10926, "Псковская область", "REPUBLIC", 17),
    (10939, "Республика Коми", "REPUBLIC", 17),
    (11375, "Амурская область", "REPUBLIC", 73),
    (213, "Москва", "CITY", 1),
    (2, "Санкт-Петербург", "CITY", 10174),
    (65, "Новосибирск", "CITY", 11316),
    (54, "Екатеринбург", "CITY", 11162),
    (43, "Казань", "CITY", 11119),
    (47, "Нижний Новгород", "CITY", 11079),
    (56, "Челябинск", "CITY", 11225),
    (51, "Самара", "CITY", 11131),
    (66, "Омск", "CITY", 11318),
    (39, "Ростов-на-Дону", "CITY", 11029),
    (172, "Уфа", "CITY", 11111),
    (62, "Красноярск", "CITY", 11309),
    (50, "Пермь", "CITY", 11108),
    (193, "Воронеж", "CITY", 10672),
    (38, "Волгоград", "CITY", 10950),
    (35, "Краснодар", "CITY", 10995),
    (194, "Саратов", "CITY", 11146),
    (55, "Тюмень", "CITY", 11176),
    (240, "Тольятти", "CITY", 11131),
    (44, "Ижевск", "CITY", 11148),
    (197, "Барнаул", "CITY", 11235),
    (195, "Ульяновск", "CITY", 11153),
    (63, "Иркутск", "CITY", 11266),
    (76, "Хабаровск", "CITY", 11457),
    (16, "Ярославль", "CITY", 10841),
    (75, "Владивосток", "CITY", 11409),
    (28, "Махачкала", "CITY", 11010),
    (67, "Томск", "CITY", 11353),
    (48, "Оренбург", "CITY", 11084),
    (64, "Кемерово", "CITY", 11282),
    (237, "Новокузнецк", "CITY", 11282),
    (11, "Рязань", "CITY", 10776),
    (37, "Астрахань", "CITY", 10946),
    (236, "Набережные Челны", "CITY", 11119),
    (49, "Пенза", "CITY", 11095),
    (9, "Липецк", "CITY", 10712),
    (46, "Киров", "CITY", 11070),
    (45, "Чебоксары", "CITY", 11156),
    (15, "Тула", "CITY", 10832),
    (22, "Калининград", "CITY", 10857),
    (8, "Курск", "CITY", 10705),
    (36, "Ставрополь", "CITY", 11069),
    (198, "Улан-Удэ", "CITY", 11330),
    (14, "Тверь", "CITY", 10819),
    (235, "Магнитогорск", "CITY", 11225),
    (239, "Сочи", "CITY", 10995),
    (5, "Иваново", "CITY", 10687),
    (191, "Брянск", "CITY", 10650),
    (4, "Белгород", "CITY", 10645),
    (973, "Сургут", "CITY", 11193),
    (192, "Владимир", "CITY", 10658),
    (68, "Чита", "CITY", 21949),
    (20, "Архангельск", "CITY", 10842),
    (11168, "Нижний Тагил", "CITY", 11162),
    (6, "Калуга", "CITY", 10693),
    (12, "Смоленск", "CITY", 10795),
    (10951, "Волжский", "CITY", 10950),
    (53, "Курган", "CITY", 11158),
    (968, "Череповец", "CITY", 10853),
    (10, "Орёл", "CITY", 10772),
    (21, "Вологда", "CITY", 10853),
    (42, "Саранск", "CITY", 11117),
    (33, "Владикавказ", "CITY", 11021),
    (74, "Якутск", "CITY", 11443),
    (23, "Мурманск", "CITY", 10897),
    (13, "Тамбов", "CITY", 10802),
    (1106, "Грозный", "CITY", 11024),
    (7, "Кострома", "CITY", 10699),
    (18, "Петрозаводск", "CITY", 10933),
    (1091, "Нижневартовск", "CITY", 11193),
    (970, "Новороссийск", "CITY", 10995),
    (41, "Йошкар-Ола", "CITY", 11077),
    (971, "Таганрог", "CITY", 11029),
    (19, "Сыктывкар", "CITY", 10939),
    (30, "Нальчик", "CITY", 11013),
    (24, "Великий Новгород", "CITY", 10904),
    (25, "Псков", "CITY", 10926),
    (77, "Благовещенск", "CITY", 11375),
    (972, "Дзержинск", "CITY", 11079),
    (976, "Братск", "CITY", 11266),
    (10758, "Химки", "CITY", 1),
    (10747, "Подольск", "CITY", 1),
    (10716, "Балашиха", "CITY", 1),
    (10740, "Мытищи", "CITY", 1),
    (10738, "Люберцы", "CITY", 1),
    (20728, "Королёв", "CITY", 1),
]
