"""What can be done with businesses, campaigns and tokens; used by the admin API, the CLI and auth."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Table, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import (
    AdminToken,
    ApiKey,
    Business,
    Campaign,
    OAuthUser,
    Subscription,
)
from market_api.accounts.placements import Placement
from market_api.feedback.regions import region_rows
from market_api.platform import spec, tokens
from market_api.platform.clock import Clock
from market_api.platform.errors import ApiError

MAX_API_KEYS_PER_BUSINESS = 30

# Which rule an IntegrityError broke: its SQLSTATE on PostgreSQL, its extended result code on SQLite.
_UNIQUE = ({"23505"}, {1555, 2067})  # unique_violation; SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE
_FOREIGN_KEY = ({"23503"}, {787})  # foreign_key_violation; SQLITE_CONSTRAINT_FOREIGNKEY
# Keys of the PostgreSQL advisory locks that serialise the creation of businesses and of stores.
_ID_LOCKS = {"businesses": 0x6D617069_00000001, "campaigns": 0x6D617069_00000002}
MAX_ID = 2**63 - 1  # the largest id a business or store can have (a signed 64-bit integer)


def _table(model: type[Business] | type[Campaign]) -> Table:
    """The table of `model`."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


_ID_TABLES = {"businesses": _table(Business), "campaigns": _table(Campaign)}
_ID_NOUNS = {"businesses": "business", "campaigns": "campaign"}


def _dialect(session: AsyncSession) -> str:
    assert session.bind is not None, "the session must be bound to an engine"
    return session.bind.dialect.name


def violated(exc: IntegrityError) -> str | None:
    """Which kind of rule `exc` broke, on PostgreSQL and SQLite alike: ``"unique"`` (a primary key or a
    unique constraint), ``"foreign key"``, or None (another kind)."""
    state = str(getattr(exc.orig, "sqlstate", "") or "")
    code = getattr(exc.orig, "sqlite_errorcode", None)
    message = str(exc.orig)
    if state in _UNIQUE[0] or code in _UNIQUE[1] or message.startswith("UNIQUE constraint failed"):
        return "unique"
    if state in _FOREIGN_KEY[0] or code in _FOREIGN_KEY[1] or message.startswith("FOREIGN KEY constraint failed"):
        return "foreign key"
    return None


async def _insert(session: AsyncSession, row: Business | Campaign | ApiKey | OAuthUser) -> str | None:
    """Add `row` and flush it. None when it is written; otherwise the kind of rule it broke (`violated`),
    the session then rolled back (on PostgreSQL the transaction is lost anyway). An IntegrityError of
    another kind is raised. The database has the last word: a row another transaction wrote a moment ago
    counts whether it is committed yet or not (PostgreSQL waits for that transaction to end; on SQLite the
    insert waits for the write lock, which the other holds until it commits)."""
    session.add(row)
    try:
        await session.flush()
    except IntegrityError as exc:
        kind = violated(exc)
        if kind is None:
            raise
        await session.rollback()
        return kind
    return None


async def _lock_business(session: AsyncSession, business_id: int) -> bool:
    """Hold business `business_id`'s row until the transaction ends, so that a rule counting what belongs to
    the business (its Api-Keys) is checked by one transaction at a time, each seeing what the one before it
    wrote. PostgreSQL: ``SELECT ... FOR NO KEY UPDATE`` (rows that only refer to the business are not held
    up; the next statement's snapshot sees what the previous holder committed). SQLite: a write to the row,
    which takes the database's write lock before anything is counted (a transaction that read first could
    not take it later without failing). Returns whether the business exists."""
    if _dialect(session) == "postgresql":
        found = await session.scalar(
            select(Business.id).where(Business.id == business_id).with_for_update(key_share=True))
        return found is not None
    table = Business.__table__
    assert isinstance(table, Table)
    result = await session.execute(update(table).where(table.c.id == business_id).values(name=table.c.name))
    return bool(result.rowcount)  # type: ignore[attr-defined]  # an UPDATE's CursorResult; the stubs say Result


async def _reserve_id(session: AsyncSession, table: str, given: int | None) -> int:
    """The id of the business or store about to be inserted into `table`: `given`, or else the next free one,
    decided under `table`'s creation lock, held until the transaction ends (PostgreSQL: an advisory lock;
    SQLite: the database's write lock, taken by a write before anything is read), so that ids made at once
    never clash and a given id being inserted counts once it is committed. The next free id is the largest
    id + 1 (what SQLite gives by itself), or, once an id of 2**63 - 1 is taken, the lowest free one; the id
    sequence is never moved, so an id given, however large, cannot stop ids being made. Raises ApiError 503
    when no id is left."""
    rows = _ID_TABLES[table]
    if _dialect(session) == "postgresql":
        await session.execute(select(func.pg_advisory_xact_lock(_ID_LOCKS[table])))
    elif given is None:  # matches no row, but takes the write lock
        await session.execute(update(rows).where(rows.c.id.is_(None)).values(id=rows.c.id))
    if given is not None:
        return given
    top = await session.scalar(select(func.max(rows.c.id)))
    if top is None:
        return 1
    if top < MAX_ID:
        return int(top) + 1
    if await session.scalar(select(rows.c.id).where(rows.c.id == 1)) is None:
        return 1
    after = rows.alias("after")
    free = await session.scalar(select(func.min(rows.c.id + 1)).where(
        rows.c.id < MAX_ID, ~select(after.c.id).where(after.c.id - 1 == rows.c.id).exists()))
    if free is None:
        raise ApiError(503, f"No {_ID_NOUNS[table]} id is left; remove one to free its id")
    return int(free)


def _check_settings(settings: Mapping[str, Any]) -> None:
    """Raise ApiError 400 for a region id not in the regions table or a currency not in the contract."""
    for key in ("country_region_id", "local_region_id"):
        if key in settings and settings[key] not in region_rows():
            raise ApiError(400, f"Unknown region: {settings[key]}")
    currencies = spec.load("discovery-v2-endpoints")["components"]["schemas"]["CurrencyType"]["enum"]
    if "currency" in settings and settings["currency"] not in currencies:
        raise ApiError(400, f"Unknown currency: {settings['currency']}")


def _apply(row: Business | Campaign, settings: Mapping[str, Any] | None) -> None:
    _check_settings(settings or {})
    for key, value in (settings or {}).items():
        setattr(row, key, value)


async def create_business(
    session: AsyncSession, clock: Clock, name: str, subscription: str = "none",
    active: bool = True, business_id: int | None = None, settings: Mapping[str, Any] | None = None,
) -> Business:
    """A new business (cabinet), with the id given or the next free one, and `settings` (column name ->
    value: currency, only_default_price; the rest default). Raises ApiError 409 when a business has that
    id, 503 when no id is left to make one (`_reserve_id`), 400 for an unknown currency, ValueError for
    an unknown subscription (``none``, ``medium``)."""
    Subscription(subscription)
    taken = ApiError(409, f"Business {business_id} already exists" if business_id is not None
                     else "The business id made is taken; try again")
    if business_id is not None and await session.get(Business, business_id) is not None:
        raise taken
    business = Business(id=business_id, name=name, subscription=subscription, active=active, created_at=clock.now())
    _apply(business, settings)
    business.id = await _reserve_id(session, "businesses", business_id)
    if await _insert(session, business) == "unique":  # created meanwhile: the primary key decides
        raise taken
    return business


async def find_business(session: AsyncSession, business_id: int) -> Business | None:
    """The business `business_id`, or None."""
    return await session.get(Business, business_id)


async def get_business(session: AsyncSession, business_id: int) -> Business:
    """The business `business_id`; ApiError 404 when there is none."""
    business = await find_business(session, business_id)
    if business is None:
        raise ApiError(404, f"Business not found: '{business_id}'")
    return business


async def update_business(
    session: AsyncSession, business_id: int, *, name: str | None = None,
    active: bool | None = None, subscription: str | None = None, settings: Mapping[str, Any] | None = None,
) -> Business:
    """Change what is given (None: unchanged; `settings` as in `create_business`) of business
    `business_id`. Raises ApiError 404 for an unknown business, 400 for an unknown currency, ValueError for
    an unknown subscription."""
    business = await get_business(session, business_id)
    _apply(business, settings)
    if name is not None:
        business.name = name
    if active is not None:
        business.active = active
    if subscription is not None:
        business.subscription = Subscription(subscription).value
    await session.flush()
    return business


async def list_businesses(session: AsyncSession) -> list[Business]:
    """Every business, by id."""
    return list((await session.scalars(select(Business).order_by(Business.id))).all())


async def create_campaign(
    session: AsyncSession, clock: Clock, business_id: int, name: str, placement: str,
    active: bool = True, campaign_id: int | None = None, client_id: int | None = None,
    settings: Mapping[str, Any] | None = None,
) -> Campaign:
    """A new store (campaign) of business `business_id`, with the id given or the next free one, its
    payer's id in Yandex Balance (`client_id`, None: unknown) and `settings` (column name -> value, see
    `CampaignSettingsFields`; the rest default; 400 for an unknown region). Raises
    ApiError 404 for an unknown business, 409 when a store has that id, 503 when no id is left to make one
    (`_reserve_id`); ValueError for an unknown
    placement (`Placement`)."""
    await get_business(session, business_id)
    Placement(placement)
    taken = ApiError(409, f"Campaign {campaign_id} already exists" if campaign_id is not None
                     else "The campaign id made is taken; try again")
    if campaign_id is not None and await session.get(Campaign, campaign_id) is not None:
        raise taken
    campaign = Campaign(
        id=campaign_id, business_id=business_id, name=name, placement=placement, active=active,
        client_id=client_id, created_at=clock.now(),
    )
    _apply(campaign, settings)
    campaign.id = await _reserve_id(session, "campaigns", campaign_id)
    broken = await _insert(session, campaign)
    if broken == "unique":  # created meanwhile: the primary key decides
        raise taken
    if broken == "foreign key":  # the business went away meanwhile (a reset)
        raise ApiError(404, f"Business not found: '{business_id}'")
    return await get_campaign(session, campaign.id)


async def find_campaign(session: AsyncSession, campaign_id: int) -> Campaign | None:
    """The store `campaign_id` (with its business), or None."""
    return await session.get(Campaign, campaign_id)


async def get_campaign(session: AsyncSession, campaign_id: int) -> Campaign:
    """The store `campaign_id` (with its business); ApiError 404 when there is none."""
    campaign = await find_campaign(session, campaign_id)
    if campaign is None:
        raise ApiError(404, f"Campaign not found: '{campaign_id}'")
    return campaign


async def update_campaign(
    session: AsyncSession, campaign_id: int, *, name: str | None = None, active: bool | None = None,
    client_id: int | None = None, settings: Mapping[str, Any] | None = None,
) -> Campaign:
    """Change what is given (None: unchanged; `settings` as in `create_campaign`) of store `campaign_id`;
    ApiError 404 for an unknown store, 400 for an unknown region."""
    campaign = await get_campaign(session, campaign_id)
    _apply(campaign, settings)
    if name is not None:
        campaign.name = name
    if active is not None:
        campaign.active = active
    if client_id is not None:
        campaign.client_id = client_id
    await session.flush()
    return campaign


async def list_campaigns(session: AsyncSession, business_id: int | None = None) -> list[Campaign]:
    """The stores, by id: all of them, or those of business `business_id`."""
    query = select(Campaign).order_by(Campaign.id)
    if business_id is not None:
        query = query.where(Campaign.business_id == business_id)
    return list((await session.scalars(query)).all())


def _reached(business_ids: Iterable[int], campaign_ids: Iterable[int]) -> ColumnElement[bool]:
    return or_(Campaign.business_id.in_(list(business_ids)), Campaign.id.in_(list(campaign_ids)))


async def reached_campaigns(
    session: AsyncSession, business_ids: Iterable[int], campaign_ids: Iterable[int], *, limit: int,
    after: int | None = None, offset: int = 0,
) -> list[Campaign]:
    """The stores of businesses `business_ids` and the stores `campaign_ids` (switched off ones too), by id:
    at most `limit` of them, past id `after` (keyset) or skipping `offset` (page numbers)."""
    query = select(Campaign).where(_reached(business_ids, campaign_ids)).order_by(Campaign.id)
    if after is not None:
        query = query.where(Campaign.id > after)
    return list((await session.scalars(query.offset(offset).limit(limit))).all())


async def count_reached_campaigns(
    session: AsyncSession, business_ids: Iterable[int], campaign_ids: Iterable[int]
) -> int:
    """How many stores `reached_campaigns` lists in all."""
    reached = _reached(business_ids, campaign_ids)
    found = await session.scalar(select(func.count()).select_from(Campaign).where(reached))
    return found or 0


def check_scopes(scopes: Iterable[str]) -> list[str]:
    """`scopes` without repeats, in order. Raises ApiError 400 when there are none or one is not a
    scope of any operation of the contract."""
    chosen = list(dict.fromkeys(scopes))
    unknown = sorted(set(chosen) - spec.all_scopes())
    if not chosen:
        raise ApiError(400, "Collection of scopes must not be empty")
    if unknown:
        raise ApiError(400, f"Unknown scopes: {', '.join(unknown)}; known: {', '.join(sorted(spec.all_scopes()))}")
    return chosen


async def create_api_key(
    session: AsyncSession, clock: Clock, business_id: int, name: str, scopes: Iterable[str],
    token: str | None = None,
) -> tuple[ApiKey, str]:
    """A new Api-Key of business `business_id` (`token`, or a new random one) and its clear token, which
    is returned once and never stored. Raises ApiError 404 for an unknown business, 400 for bad scopes
    (`check_scopes`) or when the business already holds MAX_API_KEYS_PER_BUSINESS unrevoked keys, 409 when
    the `token` given is a key already. The business's row stays locked until the transaction ends, so
    the cap holds however many keys are asked for at once (`_lock_business`)."""
    await get_business(session, business_id)
    chosen = check_scopes(scopes)
    if not await _lock_business(session, business_id):
        raise ApiError(404, f"Business not found: '{business_id}'")
    held = await session.scalar(
        select(func.count()).select_from(ApiKey).where(ApiKey.business_id == business_id, ApiKey.revoked.is_(False))
    )
    if (held or 0) >= MAX_API_KEYS_PER_BUSINESS:  # a count is never NULL
        raise ApiError(400, f"Business {business_id} already has {MAX_API_KEYS_PER_BUSINESS} Api-Key tokens")
    token = token or tokens.new_api_key()
    key = ApiKey(
        business_id=business_id, name=name, scopes=chosen, token_hash=tokens.hash_token(token),
        token_hint=tokens.token_hint(token), revoked=False, created_at=clock.now(),
    )
    broken = await _insert(session, key)
    if broken == "unique":  # only a token given can be one already
        raise ApiError(409, f"Api-Key token ...{key.token_hint} already exists")
    if broken == "foreign key":
        raise ApiError(404, f"Business not found: '{business_id}'")
    return key, token


async def list_api_keys(session: AsyncSession, business_id: int | None = None) -> list[ApiKey]:
    """The Api-Keys, revoked ones included, by id: all of them, or those of business `business_id`."""
    query = select(ApiKey).order_by(ApiKey.id)
    if business_id is not None:
        query = query.where(ApiKey.business_id == business_id)
    return list((await session.scalars(query)).all())


async def revoke_api_key(session: AsyncSession, key_id: int) -> ApiKey:
    """Revoke the Api-Key `key_id` (it stays listed); ApiError 404 when there is none."""
    key = await session.get(ApiKey, key_id)
    if key is None:
        raise ApiError(404, f"Api-Key not found: '{key_id}'")
    key.revoked = True
    await session.flush()
    return key


async def find_api_key(session: AsyncSession, token: str) -> ApiKey | None:
    """The Api-Key whose clear token is `token` (revoked or not), or None."""
    return await session.scalar(select(ApiKey).where(ApiKey.token_hash == tokens.hash_token(token)))


async def create_oauth_user(
    session: AsyncSession, clock: Clock, login: str, business_ids: Iterable[int] = (),
    campaign_ids: Iterable[int] = (), valid_days: int = 365,
) -> tuple[OAuthUser, str]:
    """A new OAuth user with full access to the businesses and stores given, and its clear token, valid
    for `valid_days` days (returned once, never stored). Raises ApiError 409 when `login` is taken (the
    unique login decides, also between users created at once), 404 for an unknown business or store."""
    taken = ApiError(409, f"OAuth user '{login}' already exists")
    if await session.scalar(select(OAuthUser.id).where(OAuthUser.login == login)):
        raise taken
    business_ids, campaign_ids = list(dict.fromkeys(business_ids)), list(dict.fromkeys(campaign_ids))
    businesses = [await get_business(session, b) for b in business_ids]
    campaigns = [await get_campaign(session, c) for c in campaign_ids]
    token = tokens.new_oauth_token()
    now = clock.now()
    user = OAuthUser(
        login=login, token_hash=tokens.hash_token(token), token_hint=tokens.token_hint(token),
        expires_at=now + timedelta(days=valid_days), created_at=now, businesses=businesses, campaigns=campaigns,
    )
    broken = await _insert(session, user)
    if broken == "unique":  # the login (a token hash of 256 random bits does not repeat)
        raise taken
    if broken == "foreign key":  # a business or store went away meanwhile (a reset): say which
        for business_id in business_ids:
            await get_business(session, business_id)
        for campaign_id in campaign_ids:
            await get_campaign(session, campaign_id)
        raise ApiError(404, "A business or store given was not found")
    return user, token


async def list_oauth_users(session: AsyncSession) -> list[OAuthUser]:
    """Every OAuth user, by id, with their businesses and stores."""
    return list((await session.scalars(select(OAuthUser).order_by(OAuthUser.id))).all())


async def find_oauth_user(session: AsyncSession, token: str) -> OAuthUser | None:
    """The OAuth user whose clear token is `token` (expired or not), or None."""
    return await session.scalar(select(OAuthUser).where(OAuthUser.token_hash == tokens.hash_token(token)))


async def add_admin_token(session: AsyncSession, clock: Clock, token: str) -> None:
    """Accept `token` on the admin API from now on (nothing changes when it already is, also when several
    processes starting with the same configured token add it at once: one insert that skips a token hash
    already there, never an error, and the caller's transaction stays usable)."""
    insert = pg_insert if _dialect(session) == "postgresql" else sqlite_insert
    await session.execute(insert(AdminToken).values(token_hash=tokens.hash_token(token), created_at=clock.now())
                          .on_conflict_do_nothing(index_elements=[AdminToken.token_hash]))


async def has_admin_token(session: AsyncSession) -> bool:
    """Whether any admin token exists."""
    return bool(await session.scalar(select(func.count()).select_from(AdminToken)))


async def is_admin_token(session: AsyncSession, token: str) -> bool:
    """Whether `token` is an admin token."""
    digest = tokens.hash_token(token)
    return bool(await session.scalar(select(AdminToken.id).where(AdminToken.token_hash == digest)))


async def list_admin_tokens(session: AsyncSession) -> list[AdminToken]:
    """Every admin token (as its hash and creation time), by id."""
    return list((await session.scalars(select(AdminToken).order_by(AdminToken.id))).all())


async def revoke_admin_token(session: AsyncSession, token_id: int) -> None:
    """Delete the admin token `token_id` (its console sessions go with it); ApiError 404 when there is none,
    also for all but one of several revoking it at once (the delete itself tells)."""
    result = await session.execute(delete(AdminToken).where(AdminToken.id == token_id))
    if not result.rowcount:  # type: ignore[attr-defined]  # a DELETE's CursorResult; the stubs say Result
        raise ApiError(404, f"Admin token not found: '{token_id}'")
