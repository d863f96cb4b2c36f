"""Scenario files: the state a client's test suite starts from, in one YAML (or JSON) document.

A scenario names businesses, campaigns (stores) with their placement, Api-Keys and OAuth users with fixed
tokens, the catalogue (categories, warehouses, offers, their placements in stores, stock, programs),
reviews with their comment threads, order and supply facts of the quality index, and the clock. Its
format is the JSON Schema `scenario.schema.json` shipped beside this module, made from the models below
(`scenario_schema`); `market-api load --schema` prints it.

Loading (`load_scenario`) is all or nothing, in the caller's transaction, and idempotent: every record is
upserted by its natural key (business, campaign, warehouse, category, review and comment ids; the
Api-Key's token; the OAuth login; an offer's business and shopSku; stock by campaign, warehouse, shopSku
and day; orders and supplies by campaign and number), so loading a file twice leaves the same state.
Every problem is reported at once, each naming its place in the file (``campaigns[2].placement: ...``),
and nothing is written. A load moves the clock of every process to the scenario's `clock` and bumps the
data generation, so no process serves what it cached from before.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from itertools import groupby
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AwareDatetime, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.json_schema import GenerateJsonSchema
from sqlalchemy import ColumnElement, TableClause, delete, insert, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from market_api.accounts import service as accounts
from market_api.accounts.models import ApiKey, Business, Campaign, OAuthUser
from market_api.accounts.placements import MARKET_WAREHOUSE_MODELS
from market_api.accounts.schemas import BusinessIn, CampaignIn
from market_api.catalog import service as catalog
from market_api.catalog.models import Category, Offer, Warehouse
from market_api.catalog.schemas import CategoryIn, OfferIn, PlacementIn, ProgramIn, StockIn, WarehouseIn
from market_api.control.clock import EARLIEST, LATEST
from market_api.feedback.bulk import ReviewRecord
from market_api.feedback.importer import CommentLine
from market_api.feedback.models import Comment, Review
from market_api.feedback.regions import region_rows
from market_api.feedback.rendering import store_rendered
from market_api.feedback.schemas import ReviewIn
from market_api.feedback.service import reserve_positions
from market_api.platform import spec, tokens
from market_api.platform.clock import SETTABLE_FROM, SETTABLE_UNTIL, Clock, FrozenClock, moscow_iso
from market_api.platform.errors import ApiError
from market_api.platform.imports import LineErrors, storable_problem
from market_api.platform.schemas import CamelModel
from market_api.platform.shared_state import bump_generation, store_clock_offset
from market_api.platform.validation import INT32_MAX, INT64_MAX
from market_api.quality.facts import OrderIn, SupplyIn, load_facts

MAX_RECORDS = 100_000
"""The most records of one kind a scenario may hold."""

SCHEMA_FILE = "scenario.schema.json"
SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"

Id = Annotated[int, Field(ge=1, le=INT64_MAX)]
Count = Annotated[int, Field(ge=0, le=INT32_MAX)]
_FORBID = ConfigDict(extra="forbid")
API_KEY_FORMAT = ("four capital letters, a colon, 40 letters and digits, a colon, and the CRC-32 of everything "
                  "before that last colon as 8 lowercase hex digits (ACMA:<40 letters and digits>:<crc32>); "
                  "`market-api keys create` prints one")


class ScenarioErrors(Exception):
    """What is wrong with a scenario, one message per problem, each starting with its place in the file
    (``campaigns[2].placement: Input should be ...``, ``line 4, column 3: ...`` for YAML syntax). Nothing
    was loaded: the CLI prints them and exits 2, the admin API answers one 400 with an entry each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


def _records(description: str) -> Any:
    return Field(default_factory=list, max_length=MAX_RECORDS, description=description)


class ScenarioBusiness(BusinessIn):
    """A business (cabinet), upserted by `id`: its name, subscription (none | medium), whether it is
    active, and its settings (currency, onlyDefaultPrice)."""

    model_config = _FORBID

    id: Id  # required here, optional in the admin API

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, currency: str | None) -> str | None:
        known = spec.load("discovery-v2-endpoints")["components"]["schemas"]["CurrencyType"]["enum"]
        if currency is not None and currency not in known:
            raise ValueError(f"Unknown currency: {currency}")
        return currency


class ScenarioCampaign(CampaignIn):
    """A campaign (store) of a business, upserted by `id`: its name, `placement` (FBY, FBS, EXPRESS, DBS,
    LAAS), whether it is active, and its settings. A stored campaign keeps its business and placement: a
    scenario that names others for it is refused."""

    model_config = _FORBID

    id: Id  # required here, optional in the admin API
    business_id: Id

    @field_validator("country_region_id", "local_region_id")
    @classmethod
    def _known_region(cls, region_id: int | None) -> int | None:
        if region_id is not None and region_id not in region_rows():
            raise ValueError(f"Unknown region: {region_id}")
        return region_id


def _checksum(body: str) -> str:
    return format(zlib.crc32(body.encode()), "08x")


_API_KEY_BODY = re.compile(r"[A-Z]{4}:[A-Za-z0-9]{40}")
_SCOPES: list[Any] = sorted(spec.all_scopes())  # the schema lists them for editors


class ScenarioApiKey(CamelModel):
    """An Api-Key of a business with a fixed token, upserted by `token`: its name and scopes. Loading it
    again un-revokes it."""

    model_config = _FORBID

    business_id: Id
    token: str = Field(min_length=1, max_length=tokens.API_KEY_LENGTH,
                       description=f"The Api-Key itself: {API_KEY_FORMAT}.")
    name: str = Field(default="api-key", min_length=1, max_length=255)
    scopes: list[str] = Field(min_length=1, max_length=50, json_schema_extra={
        "items": {"type": "string", "enum": _SCOPES}})

    @field_validator("token")
    @classmethod
    def _well_formed(cls, token: str) -> str:
        problem = tokens.api_key_problem(token)
        if problem is None:
            return token
        body = token[:-9]
        if len(token) == tokens.API_KEY_LENGTH and _API_KEY_BODY.fullmatch(body) and token[-9] == ":":
            raise ValueError(f"{problem}: its last 8 characters must be {_checksum(body)}, the CRC-32 of the rest")
        raise ValueError(f"{problem}: an Api-Key is {API_KEY_FORMAT}")

    @field_validator("scopes")
    @classmethod
    def _known_scopes(cls, scopes: list[str]) -> list[str]:
        try:
            return accounts.check_scopes(scopes)
        except ApiError as error:
            raise ValueError(error.message) from None


class ScenarioOAuthUser(CamelModel):
    """An OAuth user with a fixed token, upserted by `login`: the businesses and campaigns it reaches in
    full, and how many days its token is valid, counted from the scenario's clock (or from loading)."""

    model_config = _FORBID

    login: str = Field(min_length=1, max_length=255)
    token: str = Field(pattern=r"^[!-~]{8,255}$",
                       description="The OAuth token (Authorization: Bearer <token>): 8 to 255 visible ASCII "
                                   "characters, no spaces.")
    business_ids: list[Id] = Field(default_factory=list, max_length=1000)
    campaign_ids: list[Id] = Field(default_factory=list, max_length=1000)
    valid_days: int = Field(default=365, ge=1, le=3650)


class ScenarioCategory(CategoryIn):
    """A Market category, upserted by `id`; its parent is in the file or stored."""

    model_config = _FORBID

    parent_id: Id | None = None


class ScenarioWarehouse(WarehouseIn):
    """A warehouse, upserted by `id`: one of Market's (FBY stores keep their stock there; no
    `campaignId`), or a store's own (`campaignId` set)."""

    model_config = _FORBID

    campaign_id: Id | None = Field(default=None, description="Set for a store's own warehouse; unset: Market's.")


class ScenarioOffer(OfferIn):
    """An offer (product) of a business, upserted by `businessId` and `shopSku`; sizes in whole
    centimetres, weight in kilograms."""

    model_config = _FORBID

    business_id: Id
    category_id: Id | None = None
    weight_kg: float | None = Field(default=None, ge=0, le=1_000_000)


class ScenarioPlacement(PlacementIn):
    """An offer (by `shopSku`) on sale in a campaign: price, status, selling status, Market's
    recommendations and a comment, as the stock reports show them; upserted by campaign and shopSku."""

    model_config = _FORBID

    campaign_id: Id


class ScenarioStock(StockIn):
    """A campaign's stock of one offer (by `shopSku`) in one warehouse at the end of `day` (YYYY-MM-DD),
    in item counts; upserted by campaign, warehouse, shopSku and day. FBY and LAAS campaigns keep stock
    in Market's warehouses, the others in their own. An FBY stock report shows the day before its
    reportDate (the clock's today by default)."""

    model_config = _FORBID

    campaign_id: Id
    warehouse_id: Id


class ScenarioProgram(ProgramIn):
    """An offer (by `shopSku`) in a campaign's reviews-for-points program, as the goods-feedback report
    shows it; upserted by campaign and shopSku."""

    model_config = _FORBID

    campaign_id: Id


class ScenarioComment(CommentLine):
    """A comment of a review's thread, upserted by `id`, with its replies (`children`); by USER or SHOP
    (a SHOP comment without `authorName` is signed with the store's name); `createdAt` defaults to the
    parent's (the review's for a top-level comment)."""

    model_config = _FORBID

    id: Id
    body: str = Field(min_length=1, max_length=10_000)
    children: list[ScenarioComment] = Field(default_factory=list, max_length=1000)  # type: ignore[assignment]


class ScenarioReview(ReviewIn):
    """A review of a campaign, upserted by `id`, with its comment thread: the grade 1..5, texts, author,
    delivery type and factor grades (factor id -> 1..5, only those asked for that delivery), votes, and
    whether the buyer's problem is resolved. `createdAt` defaults to the scenario's clock (required when
    the scenario sets none). New reviews, and stored ones the file changes, go to the end of their store's
    feed in order of their latest change (the latest `createdAt` in the review and its thread); reviews
    the file leaves as stored keep their place."""

    model_config = _FORBID

    id: Id
    campaign_id: Id
    author_region_id: Id | None = Field(default=None, description="Market region id of the author.")
    created_at: AwareDatetime | None = Field(default=None, description="When it was written (from 2000-01-01 up "
                                                                       "to 2100-01-01); default: the scenario's clock.")

    @field_validator("created_at")
    @classmethod
    def _in_range(cls, instant: datetime | None) -> datetime | None:
        if instant is not None and not EARLIEST <= instant < LATEST:
            raise ValueError("must be from 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z")
        return instant
    resolved: bool = False
    agree_count: Count = 0
    reject_count: Count = 0
    comments: list[ScenarioComment] = Field(default_factory=list, max_length=1000)


class ScenarioOrder(OrderIn):
    """An order of a campaign, a fact of its quality index: days YYYY-MM-DD, instants ISO 8601 with an
    offset; upserted by campaign and `orderNumber`. Late when shipped (DBS: delivered) after its
    scheduled day, or not yet; `status` CANCELLED or UNDELIVERED cancels it (counted against the seller
    with `cancelledBySeller`)."""

    model_config = _FORBID

    campaign_id: Id
    items_removed_by_seller: Count = 0


class ScenarioSupply(SupplyIn):
    """A supply of an FBY campaign to Market's warehouses, a fact of its quality index: days YYYY-MM-DD;
    upserted by campaign and `supplyNumber`."""

    model_config = _FORBID

    campaign_id: Id
    items_planned: Count
    items_missing: Count = 0
    items_removed_late: Count = 0


class Scenario(CamelModel):
    """A market-api scenario: the state a client's test suite starts from. Every list is optional; records
    are upserted by their natural keys, so loading a file twice gives the same state. References may
    point to records of the same file or to stored ones."""

    model_config = ConfigDict(extra="forbid", title="market-api scenario")

    clock: AwareDatetime | None = Field(
        default=None, description="The instant every process's clock is set to (ISO 8601 with an offset, from "
                                  "2000-01-01 up to 2100-01-01); time flows on from there. Absent: unchanged.")
    businesses: list[ScenarioBusiness] = _records("Businesses (cabinets).")
    campaigns: list[ScenarioCampaign] = _records("Campaigns (stores) of the businesses.")
    api_keys: list[ScenarioApiKey] = _records("Api-Keys with fixed tokens.")
    oauth_users: list[ScenarioOAuthUser] = _records("OAuth users with fixed tokens.")
    categories: list[ScenarioCategory] = _records("Market categories (a parent before its children).")
    warehouses: list[ScenarioWarehouse] = _records("Market's warehouses and the stores' own.")
    offers: list[ScenarioOffer] = _records("Offers (products) of the businesses, by shopSku.")
    placements: list[ScenarioPlacement] = _records("Offers on sale in campaigns: price, status.")
    stocks: list[ScenarioStock] = _records("Stock of offers in warehouses, per campaign and day.")
    programs: list[ScenarioProgram] = _records("Offers in the campaigns' reviews-for-points programs.")
    reviews: list[ScenarioReview] = _records("Reviews of the campaigns, with their comment threads.")
    orders: list[ScenarioOrder] = _records("Orders: facts of the quality index.")
    supplies: list[ScenarioSupply] = _records("Supplies of FBY campaigns: facts of the quality index.")

    @field_validator("clock")
    @classmethod
    def _clock_in_range(cls, instant: datetime | None) -> datetime | None:
        if instant is not None and not SETTABLE_FROM <= instant < SETTABLE_UNTIL:  # as PUT /admin/clock
            raise ValueError("must be from 2000-01-01T00:00:00Z up to 2099-01-01T00:00:00Z")
        return instant

    @model_validator(mode="after")
    def _dated_reviews(self) -> Scenario:
        if self.clock is None and any(review.created_at is None for review in self.reviews):
            raise ValueError("a review without createdAt takes the scenario's clock: give the clock, or each "
                             "review's createdAt")
        return self


# ---------------------------------------------------------------------------------------------- reading


class _YamlLoader(yaml.SafeLoader):
    """YAML read as JSON reads it: dates and times stay text (the models parse them, with the same rules
    and messages as a JSON body), and no aliases: a few lines of nested aliases (``*a``) name a tree of
    billions of nodes, which every check after reading would walk."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """The next node; a YAMLError (with its line and column) for an alias."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not read in scenario files", mark)
        node: yaml.Node | None = super().compose_node(parent, index)
        return node


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def place(loc: Iterable[int | str]) -> str:
    """Where in the document a validation error is: ``('campaigns', 2, 'placement')`` ->
    ``campaigns[2].placement`` (``scenario`` for the whole document)."""
    where = ""
    for part in loc:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where or "scenario"


def _message(error: Mapping[str, Any]) -> str:
    return f"{place(error['loc'])}: {str(error['msg']).removeprefix('Value error, ')}"


def parse_scenario(data: object) -> Scenario:
    """A scenario from its parsed document (a JSON body, or YAML read by `read_scenario`). Raises
    ScenarioErrors with one ``place: message`` per problem."""
    if data is None:
        raise ScenarioErrors(["scenario: the document is empty"])
    problem = storable_problem(data)  # a NUL, a lone surrogate or a document nested past what is read
    if problem is not None:
        raise ScenarioErrors([f"scenario: {problem}"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioErrors(list(dict.fromkeys(_message(error) for error in exc.errors()))) from None


def read_document(source: str) -> object:
    """The document of a scenario file: YAML (or JSON) text read as a JSON body would be (dates and times
    stay text). Raises ScenarioErrors (``line L, column C: ...``) for text that is not YAML."""
    try:
        return yaml.load(source, Loader=_YamlLoader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "scenario"
        raise ScenarioErrors([f"{where}: {exc.problem or exc.context or 'not YAML'}"]) from None
    except yaml.YAMLError as exc:
        raise ScenarioErrors([f"scenario: {exc}"]) from None
    except RecursionError:
        raise ScenarioErrors(["scenario: nested too deeply"]) from None


def read_scenario(source: str) -> Scenario:
    """A scenario from YAML (or JSON) text. Raises ScenarioErrors as `read_document` and `parse_scenario`."""
    return parse_scenario(read_document(source))


class _SchemaWithoutFieldTitles(GenerateJsonSchema):
    """JSON Schema without a title per field (pydantic's are the field names again, capitalised)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        """Never: a property's name is its title."""
        return False


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of scenario files, made from the models (`Scenario`)."""
    return {"$schema": SCHEMA_URL,
            **Scenario.model_json_schema(by_alias=True, schema_generator=_SchemaWithoutFieldTitles)}


def schema_text() -> str:
    """`scenario_schema` as the shipped file holds it: indented JSON and a final newline."""
    return json.dumps(scenario_schema(), ensure_ascii=False, indent=2) + "\n"


def shipped_schema_text() -> str:
    """The JSON Schema shipped in the package (`scenario.schema.json`, equal to `schema_text()`)."""
    return resources.files("market_api.control").joinpath(SCHEMA_FILE).read_text("utf-8")


# ------------------------------------------------------------------------------------------- checking

K = TypeVar("K")


async def _stored(session: AsyncSession, columns: Sequence[Any], key: ColumnElement[Any] | QueryableAttribute[Any],
                  values: Iterable[Any]) -> list[Any]:
    """Rows of `columns` whose `key` is one of `values`, read 500 values at a time."""
    wanted = list(dict.fromkeys(values))
    found: list[Any] = []
    for start in range(0, len(wanted), 500):
        found += (await session.execute(select(*columns).where(key.in_(wanted[start:start + 500])))).all()
    return found


@dataclass
class _Known:
    """What the scenario's references may point to: its own records, and the stored ones it names."""

    businesses: set[int] = field(default_factory=set)
    campaigns: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # id -> (business, placement, name)
    categories: set[int] = field(default_factory=set)
    stored_categories: set[int] = field(default_factory=set)  # stored, of those parents and offers name
    warehouses: dict[int, int | None] = field(default_factory=dict)  # id -> its store (None: Market's)
    offers: set[tuple[int, str]] = field(default_factory=set)  # (business, shopSku)


def _duplicates(kind: str, keys: Sequence[K], describe: Callable[[K], str], where: str = "") -> list[str]:
    """A message for each record whose natural key an earlier record of `kind` has already."""
    first: dict[K, int] = {}
    errors = []
    for index, key in enumerate(keys):
        if key in first:
            errors.append(f"{kind}[{index}]{where}: {describe(key)} is given already at {kind}[{first[key]}]")
        else:
            first[key] = index
    return errors


def _duplicate_keys(s: Scenario) -> list[str]:
    return [
        *_duplicates("businesses", [b.id for b in s.businesses], lambda k: f"Business {k}", ".id"),
        *_duplicates("campaigns", [c.id for c in s.campaigns], lambda k: f"Campaign {k}", ".id"),
        *_duplicates("apiKeys", [k.token for k in s.api_keys], lambda _k: "This token", ".token"),
        *_duplicates("oauthUsers", [u.login for u in s.oauth_users], lambda k: f"Login {k}", ".login"),
        *_duplicates("oauthUsers", [u.token for u in s.oauth_users], lambda _k: "This token", ".token"),
        *_duplicates("categories", [c.id for c in s.categories], lambda k: f"Category {k}", ".id"),
        *_duplicates("warehouses", [w.id for w in s.warehouses], lambda k: f"Warehouse {k}", ".id"),
        *_duplicates("offers", [(o.business_id, o.shop_sku) for o in s.offers],
                     lambda k: f"Offer {k[1]} of business {k[0]}"),
        *_duplicates("placements", [(p.campaign_id, p.shop_sku) for p in s.placements],
                     lambda k: f"Offer {k[1]} in campaign {k[0]}"),
        *_duplicates("stocks", [(t.campaign_id, t.warehouse_id, t.shop_sku, t.day) for t in s.stocks],
                     lambda k: f"Stock of {k[2]} in campaign {k[0]}, warehouse {k[1]} on {k[3]}"),
        *_duplicates("programs", [(p.campaign_id, p.shop_sku) for p in s.programs],
                     lambda k: f"Offer {k[1]} in the program of campaign {k[0]}"),
        *_duplicates("reviews", [r.id for r in s.reviews], lambda k: f"Review {k}", ".id"),
        *_duplicates("orders", [(o.campaign_id, o.order_number) for o in s.orders],
                     lambda k: f"Order {k[1]} of campaign {k[0]}"),
        *_duplicates("supplies", [(u.campaign_id, u.supply_number) for u in s.supplies],
                     lambda k: f"Supply {k[1]} of campaign {k[0]}"),
        *_duplicate_comments(s),
    ]


def _thread(comments: Iterable[ScenarioComment], where: str) -> Iterable[tuple[str, ScenarioComment]]:
    """Each comment of a thread with its place, parents before their replies."""
    for index, comment in enumerate(comments):
        here = f"{where}[{index}]"
        yield here, comment
        yield from _thread(comment.children, f"{here}.children")


def _comments(s: Scenario) -> Iterable[tuple[int, str, ScenarioComment]]:
    """(review index, place, comment) of every comment in the file."""
    for index, review in enumerate(s.reviews):
        for where, comment in _thread(review.comments, f"reviews[{index}].comments"):
            yield index, where, comment


def _duplicate_comments(s: Scenario) -> list[str]:
    seen: dict[int, str] = {}
    errors = []
    for _review, where, comment in _comments(s):
        if comment.id in seen:
            errors.append(f"{where}.id: Comment {comment.id} is given already at {seen[comment.id]}")
        seen.setdefault(comment.id, where)
    return errors


def _store_records(s: Scenario) -> list[ScenarioPlacement | ScenarioStock | ScenarioProgram]:
    """The records that name a campaign and an offer of its business."""
    return [*s.placements, *s.stocks, *s.programs]


async def _known(session: AsyncSession, s: Scenario) -> _Known:
    """The scenario's own records, and the stored records its references name."""
    known = _Known(businesses={b.id for b in s.businesses},
                   campaigns={c.id: (c.business_id, c.placement, c.name) for c in s.campaigns},
                   categories={c.id for c in s.categories},
                   warehouses={w.id: w.campaign_id for w in s.warehouses},
                   offers={(o.business_id, o.shop_sku) for o in s.offers})
    named_businesses = [*(c.business_id for c in s.campaigns), *(k.business_id for k in s.api_keys),
                        *(b for u in s.oauth_users for b in u.business_ids), *(o.business_id for o in s.offers)]
    known.businesses |= {row.id for row in await _stored(
        session, [Business.id], Business.id, set(named_businesses) - known.businesses)}
    named_campaigns = [*(c for u in s.oauth_users for c in u.campaign_ids),
                       *(w.campaign_id for w in s.warehouses if w.campaign_id is not None),
                       *(r.campaign_id for r in _store_records(s)), *(r.campaign_id for r in s.reviews),
                       *(o.campaign_id for o in s.orders), *(u.campaign_id for u in s.supplies)]
    for row in await _stored(session, [Campaign.id, Campaign.business_id, Campaign.placement, Campaign.name],
                             Campaign.id, set(named_campaigns) - set(known.campaigns)):
        known.campaigns[row.id] = (row.business_id, row.placement, row.name)
    named_categories = [*(c.parent_id for c in s.categories if c.parent_id),
                        *(o.category_id for o in s.offers if o.category_id)]
    known.stored_categories = {row.id for row in await _stored(session, [Category.id], Category.id, named_categories)}
    known.categories |= known.stored_categories
    for row in await _stored(session, [Warehouse.id, Warehouse.campaign_id], Warehouse.id,
                             {t.warehouse_id for t in s.stocks} - set(known.warehouses)):
        known.warehouses[row.id] = row.campaign_id
    pairs = {(known.campaigns[r.campaign_id][0], r.shop_sku) for r in _store_records(s)
             if r.campaign_id in known.campaigns} - known.offers
    known.offers |= {(row.business_id, row.shop_sku) for row in await _stored(
        session, [Offer.business_id, Offer.shop_sku], tuple_(Offer.business_id, Offer.shop_sku), pairs)}
    return known


def _reference_errors(s: Scenario, known: _Known) -> list[str]:
    """A message for each reference to a record neither in the file nor stored (a category's parent: stored
    or earlier in the file), for each stock kept in a warehouse that does not serve its campaign, and for
    each supply of a campaign that is not FBY."""
    errors: list[str] = []

    def need(found: bool, where: str, message: str) -> None:
        if not found:
            errors.append(f"{where}: {message}")

    def business(where: str, business_id: int) -> None:
        need(business_id in known.businesses, where, f"Business not found: '{business_id}'")

    def campaign(where: str, campaign_id: int) -> bool:
        need(campaign_id in known.campaigns, where, f"Campaign not found: '{campaign_id}'")
        return campaign_id in known.campaigns

    def offer(where: str, campaign_id: int, shop_sku: str) -> None:
        if campaign(f"{where}.campaignId", campaign_id):
            business_id = known.campaigns[campaign_id][0]
            need((business_id, shop_sku) in known.offers, f"{where}.shopSku",
                 f"Offer not found in business {business_id}: '{shop_sku}'")

    for i, c in enumerate(s.campaigns):
        business(f"campaigns[{i}].businessId", c.business_id)
    for i, k in enumerate(s.api_keys):
        business(f"apiKeys[{i}].businessId", k.business_id)
    for i, u in enumerate(s.oauth_users):
        for j, business_id in enumerate(u.business_ids):
            business(f"oauthUsers[{i}].businessIds[{j}]", business_id)
        for j, campaign_id in enumerate(u.campaign_ids):
            campaign(f"oauthUsers[{i}].campaignIds[{j}]", campaign_id)
    earlier = set(known.stored_categories)
    for i, category in enumerate(s.categories):
        if category.parent_id is not None:
            need(category.parent_id in earlier, f"categories[{i}].parentId",
                 f"Unknown parent category: {category.parent_id} (a parent is stored, or comes earlier in the file)")
        earlier.add(category.id)
    for i, w in enumerate(s.warehouses):
        if w.campaign_id is not None:
            campaign(f"warehouses[{i}].campaignId", w.campaign_id)
    for i, o in enumerate(s.offers):
        business(f"offers[{i}].businessId", o.business_id)
        if o.category_id is not None:
            need(o.category_id in known.categories, f"offers[{i}].categoryId", f"Unknown category: {o.category_id}")
    store_kinds: list[tuple[str, Sequence[ScenarioPlacement | ScenarioStock | ScenarioProgram]]] = [
        ("placements", s.placements), ("stocks", s.stocks), ("programs", s.programs)]
    for kind, records in store_kinds:
        for i, r in enumerate(records):
            offer(f"{kind}[{i}]", r.campaign_id, r.shop_sku)
    for i, t in enumerate(s.stocks):
        where = f"stocks[{i}].warehouseId"
        if t.warehouse_id not in known.warehouses:
            errors.append(f"{where}: Warehouse not found: '{t.warehouse_id}'")
        elif t.campaign_id in known.campaigns:
            owner, placement = known.warehouses[t.warehouse_id], known.campaigns[t.campaign_id][1]
            market = placement in MARKET_WAREHOUSE_MODELS
            kept = "Market's" if market else "their own"
            need(owner is None if market else owner == t.campaign_id, where,
                 f"Warehouse {t.warehouse_id} does not serve campaign {t.campaign_id} ({placement} campaigns keep "
                 f"stock in {kept} warehouses)")
    for i, review in enumerate(s.reviews):
        campaign(f"reviews[{i}].campaignId", review.campaign_id)
    for i, order in enumerate(s.orders):
        campaign(f"orders[{i}].campaignId", order.campaign_id)
    for i, supply in enumerate(s.supplies):
        if campaign(f"supplies[{i}].campaignId", supply.campaign_id):
            placement = known.campaigns[supply.campaign_id][1]
            need(placement == "FBY", f"supplies[{i}].campaignId",
                 f"Supplies belong to FBY stores; campaign {supply.campaign_id} is {placement}")
    return errors


async def _conflicts(session: AsyncSession, s: Scenario) -> list[str]:
    """A message for each record of the file whose natural key is stored with what the file cannot change:
    a campaign's business or placement, the store of a warehouse (or its being Market's), the business of
    an Api-Key, the login of an OAuth token, the campaign of a review, the review of a comment."""
    errors = []
    stored_campaigns = {row.id: row for row in await _stored(
        session, [Campaign.id, Campaign.business_id, Campaign.placement], Campaign.id, [c.id for c in s.campaigns])}
    for i, c in enumerate(s.campaigns):
        stored = stored_campaigns.get(c.id)
        if stored is not None and stored.business_id != c.business_id:
            errors.append(f"campaigns[{i}].businessId: Campaign {c.id} is stored in business {stored.business_id}; "
                          "a campaign cannot move to another business")
        if stored is not None and stored.placement != c.placement:
            errors.append(f"campaigns[{i}].placement: Campaign {c.id} is stored with placement {stored.placement}; "
                          "a campaign's placement cannot change")
    keys = {row.token_hash: row.business_id for row in await _stored(
        session, [ApiKey.token_hash, ApiKey.business_id], ApiKey.token_hash,
        [tokens.hash_token(k.token) for k in s.api_keys])}
    for i, k in enumerate(s.api_keys):
        owner = keys.get(tokens.hash_token(k.token))
        if owner is not None and owner != k.business_id:
            errors.append(f"apiKeys[{i}].token: This Api-Key is stored for business {owner}")
    logins = {row.token_hash: row.login for row in await _stored(
        session, [OAuthUser.token_hash, OAuthUser.login], OAuthUser.token_hash,
        [tokens.hash_token(u.token) for u in s.oauth_users])}
    for i, u in enumerate(s.oauth_users):
        login = logins.get(tokens.hash_token(u.token))
        if login is not None and login != u.login:
            errors.append(f"oauthUsers[{i}].token: This token is stored for OAuth user '{login}'")
    warehouses = {row.id: row.campaign_id for row in await _stored(
        session, [Warehouse.id, Warehouse.campaign_id], Warehouse.id, [w.id for w in s.warehouses])}
    for i, w in enumerate(s.warehouses):
        if w.id in warehouses and warehouses[w.id] != w.campaign_id:
            owner = "one of Market's" if warehouses[w.id] is None else f"of campaign {warehouses[w.id]}"
            errors.append(f"warehouses[{i}].campaignId: Warehouse {w.id} is stored as {owner}; a warehouse "
                          "cannot change hands")
    reviews = {row.id: row.campaign_id for row in await _stored(
        session, [Review.id, Review.campaign_id], Review.id, [r.id for r in s.reviews])}
    for i, r in enumerate(s.reviews):
        if reviews.get(r.id, r.campaign_id) != r.campaign_id:
            errors.append(f"reviews[{i}].id: Review {r.id} is stored in campaign {reviews[r.id]}")
    placed = list(_comments(s))
    threads = {row.id: row.review_id for row in await _stored(
        session, [Comment.id, Comment.review_id], Comment.id, [c.id for _i, _w, c in placed])}
    for index, where, comment in placed:
        review_id = s.reviews[index].id
        if threads.get(comment.id, review_id) != review_id:
            errors.append(f"{where}.id: Comment {comment.id} is stored in the thread of review {threads[comment.id]}")
    return errors


# -------------------------------------------------------------------------------------------- loading


@dataclass
class Loaded:
    """What a load did: how many records of each kind the file held (all upserted), how many daily
    index values were computed from its facts, and the instant the clock was set to (None: unchanged)."""

    counts: dict[str, int]
    ratings_written: int
    clock: datetime | None

    def as_json(self) -> dict[str, Any]:
        """``{"loaded": {"businesses": N, ...}, "ratingsWritten": N, "clock": "<ISO 8601, Moscow>" | null}``."""
        return {"loaded": self.counts, "ratingsWritten": self.ratings_written,
                "clock": None if self.clock is None else moscow_iso(self.clock)}


KINDS = ("businesses", "campaigns", "apiKeys", "oauthUsers", "categories", "warehouses", "offers", "placements",
         "stocks", "programs", "reviews", "comments", "orders", "supplies")
"""The kinds of records a scenario holds, in the order they are loaded (comments with their reviews)."""


_PLACE = re.compile(r"(\w+)\[(\d+)\]")
_KIND_ORDER = {kind: n for n, kind in enumerate(("clock", *KINDS))}


def _file_order(error: str) -> tuple[int, int]:
    """Where an error's record is, for listing errors in the order of the file's kinds and records."""
    found = _PLACE.match(error)
    if found is None:
        return -1, 0
    return _KIND_ORDER.get(found.group(1), len(_KIND_ORDER)), int(found.group(2))


def _at(kind: str, problems: LineErrors) -> ScenarioErrors:
    """A loader's ``line N: ...`` messages (N: the record's index) as ``kind[N]: ...``."""
    return ScenarioErrors([re.sub(r"^line (\d+): ", lambda m: f"{kind}[{m.group(1)}]: ", error)
                           for error in problems.errors])


async def _accounts(session: AsyncSession, clock: Clock, s: Scenario) -> None:
    """Upsert the businesses, campaigns, Api-Keys and OAuth users through the accounts service."""
    for i, b in enumerate(s.businesses):
        try:
            if await accounts.find_business(session, b.id) is None:
                await accounts.create_business(session, clock, b.name, b.subscription, b.active, b.id, b.settings())
            else:
                await accounts.update_business(session, b.id, name=b.name, active=b.active,
                                               subscription=b.subscription, settings=b.settings())
        except ApiError as error:
            raise ScenarioErrors([f"businesses[{i}]: {m}" for m in error.messages]) from None
    for i, c in enumerate(s.campaigns):
        try:
            if await accounts.find_campaign(session, c.id) is None:
                await accounts.create_campaign(session, clock, c.business_id, c.name, c.placement, c.active, c.id,
                                               c.client_id, c.settings())
            else:
                await accounts.update_campaign(session, c.id, name=c.name, active=c.active, client_id=c.client_id,
                                               settings=c.settings())
        except ApiError as error:
            raise ScenarioErrors([f"campaigns[{i}]: {m}" for m in error.messages]) from None
    for i, k in enumerate(s.api_keys):
        try:
            key = await accounts.find_api_key(session, k.token)
            if key is None:
                await accounts.create_api_key(session, clock, k.business_id, k.name, k.scopes, token=k.token)
            else:
                key.name, key.scopes, key.revoked = k.name, accounts.check_scopes(k.scopes), False
        except ApiError as error:
            raise ScenarioErrors([f"apiKeys[{i}]: {m}" for m in error.messages]) from None
    for u in s.oauth_users:
        await _oauth_user(session, clock, u)
    await session.flush()


async def _oauth_user(session: AsyncSession, clock: Clock, u: ScenarioOAuthUser) -> None:
    """Upsert the OAuth user `u.login` with its fixed token (the businesses and campaigns exist)."""
    user = await session.scalar(select(OAuthUser).where(OAuthUser.login == u.login))
    now = clock.now()
    businesses = [await accounts.get_business(session, b) for b in dict.fromkeys(u.business_ids)]
    campaigns = [await accounts.get_campaign(session, c) for c in dict.fromkeys(u.campaign_ids)]
    if user is None:
        user = OAuthUser(login=u.login, created_at=now)
        session.add(user)
    user.token_hash, user.token_hint = tokens.hash_token(u.token), tokens.token_hint(u.token)
    user.expires_at = now + timedelta(days=u.valid_days)
    user.businesses, user.campaigns = businesses, campaigns


async def _catalog(session: AsyncSession, s: Scenario) -> None:
    """The catalogue records, through the catalogue's own loaders (their checks guard them again)."""
    steps: list[tuple[str, Sequence[CamelModel], Callable[..., Any]]] = [
        ("categories", s.categories, catalog.load_categories), ("warehouses", s.warehouses, catalog.load_warehouses),
        ("offers", s.offers, catalog.load_offers), ("placements", s.placements, catalog.load_placements),
        ("stocks", s.stocks, catalog.load_stocks), ("programs", s.programs, catalog.load_programs),
    ]
    for kind, records, loader in steps:
        if records:
            try:
                await loader(session, list(enumerate(records)))
            except LineErrors as problems:
                raise _at(kind, problems) from None


_COMMENT_FIELDS = ("id", "parent_id", "author_type", "author_name", "body", "removed", "created_at", "updated_at")


def _comment_rows(review_id: int, comments: Sequence[ScenarioComment], parent_id: int | None, written: datetime,
                  shop_name: str) -> list[dict[str, Any]]:
    """The `feedback_comments` rows of a thread, parents before their replies (as the importer makes them:
    a comment's time defaults to its parent's, a SHOP comment is signed with the store's name)."""
    rows: list[dict[str, Any]] = []
    for comment in comments:
        created = comment.created_at or written
        rows.append({"id": comment.id, "review_id": review_id, "parent_id": parent_id, "author_type": comment.author,
                     "author_name": comment.author_name or (shop_name if comment.author == "SHOP" else None),
                     "body": comment.body, "removed": False, "created_at": created, "updated_at": created})
        rows += _comment_rows(review_id, comment.children, comment.id, created, shop_name)
    return rows


def _same(stored: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    return all(stored[name] == value for name, value in wanted.items())


async def _reviews(session: AsyncSession, now: datetime | None, s: Scenario, shop_names: Mapping[int, str]) -> int:
    """Upsert the reviews and their threads; returns how many comments the file gave them. A review stored
    as the file has it (thread included) stays where it is in the feed; a new one, or one the file
    changes, takes a new feed position at the end of its store's feed, in order of its latest change."""
    reviews, comments = Review.__table__, Comment.__table__
    assert isinstance(reviews, TableClause) and isinstance(comments, TableClause)  # mapped tables
    stored = {row["id"]: row for row in (
        dict(r._mapping) for r in await _stored(session, [reviews], reviews.c.id, [r.id for r in s.reviews]))}
    threads: dict[int, list[dict[str, Any]]] = {}
    for row in await _stored(session, [comments], comments.c.review_id, list(stored)):
        threads.setdefault(row.review_id, []).append(dict(row._mapping))
    placed: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = []  # (file index, review row, comment rows)
    for index, review in enumerate(s.reviews):
        created = review.created_at or now
        assert created is not None  # Scenario._dated_reviews: a review without createdAt has the clock
        thread = _comment_rows(review.id, review.comments, None, created, shop_names[review.campaign_id])
        updated = max([created, *(c["created_at"] for c in thread)])
        row = ReviewRecord(campaign_id=review.campaign_id, draft=review, created_at=created, updated_at=updated,
                           resolved=review.resolved, agree_count=review.agree_count,
                           reject_count=review.reject_count).row()
        before = stored.get(review.id)
        same_thread = sorted(_comment_key(c) for c in threads.get(review.id, [])) == sorted(map(_comment_key, thread))
        if before is None or not _same(before, row) or not same_thread:
            placed.append((index, row, thread))
    order = sorted(placed, key=lambda entry: (entry[1]["campaign_id"], entry[1]["updated_at"], entry[0]))
    for campaign_id, group in groupby(order, key=lambda entry: entry[1]["campaign_id"]):
        members = list(group)
        last = await reserve_positions(session, campaign_id, len(members))
        for offset, (_index, row, _thread) in enumerate(members):
            row["feed_position"] = last - len(members) + 1 + offset
    changed = [s.reviews[index].id for index, _row, _thread in placed if s.reviews[index].id in stored]
    for start in range(0, len(changed), 500):
        await session.execute(delete(comments).where(comments.c.review_id.in_(changed[start:start + 500])))
    for index, row, _thread in placed:
        if s.reviews[index].id in stored:
            await session.execute(update(reviews).where(reviews.c.id == s.reviews[index].id).values(**row))
    new = [row | {"id": s.reviews[index].id} for index, row, _thread in placed if s.reviews[index].id not in stored]
    rows = [c for _index, _row, thread in placed for c in thread]
    for batch, table in ((new, reviews), (rows, comments)):
        for start in range(0, len(batch), 2000):
            await session.execute(insert(table), batch[start:start + 2000])
    await store_rendered(session, [s.reviews[index].id for index, _row, _thread in placed])
    return sum(1 for _ in _comments(s))


def _comment_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A comment row as comparable values (times in UTC)."""
    return tuple(row[name].astimezone(UTC) if isinstance(row[name], datetime) else row[name]
                 for name in _COMMENT_FIELDS)


async def _facts(session: AsyncSession, clock: Clock, s: Scenario) -> int:
    """Orders and supplies through the quality domain's loader, which recomputes the days they affect."""
    written = 0
    for kind, records in (("orders", s.orders), ("supplies", s.supplies)):
        if records:
            try:
                written += await load_facts(session, clock, kind, list(enumerate(records)))
            except LineErrors as problems:
                raise _at(kind, problems) from None
    return written


# Tables whose ids a scenario gives: on PostgreSQL their sequences must pass them, or the next record
# made without an id (through the admin API) would be given one of them.
_GIVEN_IDS = ("businesses", "campaigns", "feedback_reviews", "feedback_comments")


async def _advance_sequences(session: AsyncSession) -> None:
    """Move each id sequence of `_GIVEN_IDS` past the largest id in its table (PostgreSQL; SQLite needs
    nothing: it numbers after the largest id)."""
    assert session.bind is not None  # sessions are made bound to their engine
    if session.bind.dialect.name != "postgresql":
        return
    for table in _GIVEN_IDS:
        await session.execute(text(
            f"SELECT setval(s.seq, m.top) FROM (SELECT pg_get_serial_sequence('{table}', 'id')::regclass AS seq) s, "
            f"(SELECT max(id) AS top FROM {table}) m "
            "WHERE m.top IS NOT NULL AND m.top > COALESCE(pg_sequence_last_value(s.seq), 0)"))


async def load_scenario(session: AsyncSession, clock: Clock, scenario: Scenario) -> Loaded:
    """Load `scenario` in the caller's transaction (the caller commits): every record upserted by its
    natural key, the days its facts affect recomputed, the shared clock set to its `clock` (records
    without a time of their own are dated by it; `clock`, the service clock, when it has none), and the
    data generation bumped. Raises ScenarioErrors, having written nothing the caller should keep (roll
    back), when a reference names a record neither in the file nor stored, a natural key repeats, or the
    file would change what cannot change (module docstring)."""
    errors = _duplicate_keys(scenario)
    known = await _known(session, scenario)
    errors += _reference_errors(scenario, known)
    errors += await _conflicts(session, scenario)
    if errors:
        raise ScenarioErrors(sorted(errors, key=_file_order))
    at = FrozenClock(scenario.clock) if scenario.clock is not None else clock
    await _accounts(session, at, scenario)
    await _catalog(session, scenario)
    comments = await _reviews(session, at.now(), scenario, {cid: c[2] for cid, c in known.campaigns.items()})
    ratings = await _facts(session, at, scenario)
    if scenario.clock is not None:
        await store_clock_offset(session, scenario.clock - datetime.now(UTC))
    await bump_generation(session)
    await _advance_sequences(session)
    counts = {kind: len(getattr(scenario, name)) for kind, name in zip(KINDS, (
        "businesses", "campaigns", "api_keys", "oauth_users", "categories", "warehouses", "offers", "placements",
        "stocks", "programs", "reviews", "reviews", "orders", "supplies"), strict=True)}
    counts["comments"] = comments
    return Loaded(counts, ratings, scenario.clock)
