"""What an operation of the Partner API is, and how a call of one is let in.

`market_api.operations` declares every operation the service answers, one `Operation` each; this
module turns a declaration into its routes (every path form the real API accepts) and runs each call
through the same steps, once, in this order: authenticate → scopes → a parallel slot → read the
parameters and body → resolve the resources the call names and check the caller reaches them →
charge the limit → the handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from cachetools import LRUCache
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from market_api.access.limits import charge, parallel_epoch, parallel_limit
from market_api.access.principals import Principal, authenticate, forbidden, inactive_business
from market_api.access.resources import BusinessAccess, CampaignAccess, business_access, campaign_access
from market_api.control import faults
from market_api.platform import spec
from market_api.platform.errors import ApiError
from market_api.platform.routes import PlainRoute
from market_api.platform.runtime import Runtime, runtime
from market_api.platform.validation import describe_validation_error, shown

P = TypeVar("P", bound=BaseModel)
B = TypeVar("B", bound=BaseModel | None)
NO_SCOPE = "Token does not have any of the scopes to access the API method"


@dataclass(frozen=True)
class Resources:
    """What a call names: a business, and stores (each must belong to the business when both are named).
    The first store is the one a per-store limit is counted on."""

    business_id: int | None = None
    campaign_ids: tuple[int, ...] = ()


@dataclass
class Call(Generic[P, B]):
    """One admitted call, as its handler gets it: the caller, its checked inputs, and what it reaches."""

    request: Request
    runtime: Runtime
    contract: spec.Contract
    principal: Principal
    params: P  # path and query parameters
    body: B  # the JSON body, for operations that take one
    business: BusinessAccess | None = None  # the business named, or the named stores' business
    campaigns: tuple[CampaignAccess, ...] = ()  # the stores named, in the order named
    found: Any = None  # what the resolver looked up to name them (getReportInfo: the report)

    @property
    def campaign(self) -> CampaignAccess:
        """The (first) store the call names."""
        return self.campaigns[0]


Handler = Callable[[Call[Any, Any]], Awaitable[Response]]
Resolver = Callable[[Call[Any, Any]], Awaitable[Resources]]


@dataclass(frozen=True)
class Operation:
    """One Partner API operation as this service answers it.

    Its method, path, scopes, statuses and limits come from the contract, by `operation_id`. `params`
    checks the path and query parameters, `body` (if any) the JSON body; `resources` says which business
    and stores a call names (it may also refuse inputs that need more than their own fields, such as
    dates against today); `limit_per` is what its limit is counted on.
    """

    operation_id: str
    handler: Handler
    params: type[BaseModel]
    resources: Resolver
    limit_per: Literal["business", "campaign"]
    body: type[BaseModel] | None = None

    @property
    def path(self) -> str:
        """The classic path of the operation, from the contract (for a method only the /v2/ version
        lists, its /v2/ path without the prefix)."""
        found = spec.contract(self.operation_id)
        return found.path.removeprefix("/v2") if found.version == spec.V2 else found.path

    @property
    def method(self) -> str:
        """The HTTP method, from the contract."""
        return spec.contract(self.operation_id).method

    def path_forms(self) -> tuple[str, ...]:
        """Every path the real API answers the operation at: the classic path and its /v2/ form, each
        with and without ``.json`` (protocol.md, "Paths"). The ``.json`` forms come first, so that a
        last path parameter does not swallow the suffix."""
        bases = (self.path, f"/v2{self.path}")
        return (*(f"{base}.json" for base in bases), *bases)

    def aliases(self) -> dict[str, str]:
        """Query parameter name as a client may send it -> the name the `params` model reads, from the
        ``x-aliases`` of both versions of the contract (``page_token`` and ``pageToken``)."""
        found: dict[str, str] = {}
        for version in (spec.CLASSIC, spec.V2):
            found |= self.contract_at("/v2/" if version == spec.V2 else "/").aliases
        return found

    def contract_at(self, path: str) -> spec.Contract:
        """The contract that governs a path form: the /v2/ document for a /v2/ path when it lists the
        operation, else the classic one (which decides, e.g., whether an unknown store is 404 or 403)."""
        return spec.contract(self.operation_id, spec.V2 if path.startswith("/v2/") else spec.CLASSIC)


def routes(operations: tuple[Operation, ...]) -> list[PlainRoute]:
    """A route for every path form of every operation."""
    return [PlainRoute(path, _endpoint(operation, operation.contract_at(path)), methods=[operation.method],
                       name=operation.operation_id)
            for operation in operations for path in operation.path_forms()]


# Checked parameters are kept by operation, query string and path parameters: a client polling a feed sends
# the same few requests again and again. Only what passed is kept (a refusal is worked out afresh), only for
# requests whose path and query string are up to `_KEPT_LENGTH` characters long, at most `_KEPT_PARAMS` of
# them for every operation together, and each call gets its own copy.
_KEPT_PARAMS = 1024
_KEPT_LENGTH = 512
_kept_params: LRUCache[tuple[str, bytes, tuple[Any, ...]], BaseModel] = LRUCache(_KEPT_PARAMS)


def _endpoint(operation: Operation, contract: spec.Contract) -> Callable[[Request], Awaitable[Response]]:
    aliases = operation.aliases()

    async def endpoint(request: Request) -> Response:
        rt = runtime(request)
        # What the request log records of the call (`market_api.control.request_log`), filled in as known.
        request.state.operation_id = operation.operation_id
        await rt.shared.refresh()  # the clock, data generation and fault rules other processes set
        principal = await authenticate(request, rt)
        request.state.caller = principal.name
        if principal.scopes is not None and not principal.scopes & contract.scopes:
            raise forbidden(NO_SCOPE)
        async with rt.limiter.parallel_slot(principal.key, parallel_limit(), parallel_epoch(rt, principal)):
            params, body = await _inputs(operation, contract, request, aliases)
            call: Call[Any, Any] = Call(request, rt, contract, principal, params, body)
            await _admit(call, operation, await operation.resources(call))
            return await operation.handler(call)

    return endpoint


async def _inputs(operation: Operation, contract: spec.Contract, request: Request, aliases: dict[str, str]
                  ) -> tuple[BaseModel, BaseModel | None]:
    """The parameters and the body, checked; every problem with either in one 400. A query parameter
    counts under each of its aliases; an empty value is the parameter left out (clients open paging
    with ``page_token=``); a parameter given twice, under one name or two aliases, is a 400. A body the
    contract makes optional may be left out. Parameters that passed before are reused (`_kept_params`)."""
    problems: list[Any] = []  # pydantic's error details, and our own in the same shape
    body = None
    query_string: bytes = request.scope["query_string"]
    # Every path form of an operation names the same parameters: their values are enough.
    key = (operation.operation_id, query_string, tuple(request.path_params.values()))
    params = _kept_params.get(key)
    if params is not None:
        params = params.model_copy()
    else:
        params = _params(operation, request, aliases, problems)
        if params is not None and not problems and len(query_string) + len(request.scope["path"]) <= _KEPT_LENGTH:
            _kept_params[key] = params.model_copy()
    if operation.body is not None:
        raw = await request.body()
        if not raw.strip() and contract.body_required:
            problems.append({"type": "missing", "loc": ("body",)})
        elif not raw.strip():  # a body the contract makes optional: left out, it takes its defaults
            body = operation.body.model_validate({})
        else:
            try:
                body = operation.body.model_validate_json(raw)
            except ValidationError as error:
                problems += error.errors()
    if problems or params is None:
        raise ApiError(400, describe_validation_error(problems))
    return params, body


def _params(operation: Operation, request: Request, aliases: dict[str, str], problems: list[Any]) -> BaseModel | None:
    """The path and query parameters checked by the operation's model (see `_inputs`); None, with
    `problems` added to, when they do not pass."""
    query: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if value == "":
            continue
        name = aliases.get(name, name)
        if name in query:  # every parameter of the contract is one value: twice is ambiguous
            problems.append({"type": "message", "msg": f"Parameter {shown(name)} must be given once"})
        query[name] = value
    try:
        return operation.params.model_validate({**query, **request.path_params})
    except ValidationError as error:
        problems += error.errors()
        return None


async def _admit(call: Call[Any, Any], operation: Operation, named: Resources) -> None:
    """Resolve what the call names, check the caller reaches all of it, answer as a fault rule says (if
    one matches), then charge the limit."""
    if named.business_id is None and not named.campaign_ids:
        raise ValueError(f"{operation.operation_id}: a call must name a business or a store")
    # A caller given single stores of a business (an OAuth user) may name the business with those stores.
    partial = (named.business_id is not None and bool(named.campaign_ids)
               and not call.principal.reaches_business(named.business_id))
    business = None if named.business_id is None or partial else await _business(call, named.business_id)
    campaigns = tuple([await _campaign(call, campaign_id) for campaign_id in named.campaign_ids])
    if named.business_id is not None and any(campaign.business_id != named.business_id for campaign in campaigns):
        raise forbidden()
    if partial:
        business = campaigns[0].business
    owner = business or campaigns[0].business
    call.business, call.campaigns = owner, campaigns
    call.request.state.business_id = owner.id
    call.request.state.campaign_id = campaigns[0].id if campaigns else None
    await faults.apply(call, operation.operation_id)
    await charge(call.request, call.runtime, operation.operation_id, operation.limit_per, owner,
                 campaigns[0].id if campaigns else None)


async def _business(call: Call[Any, Any], business_id: int) -> BusinessAccess:
    if not call.principal.reaches_business(business_id):
        raise forbidden()
    business = await business_access(call.runtime, business_id)
    if business is None:
        raise forbidden()
    if not business.active:
        raise inactive_business(business_id)
    return business


async def _campaign(call: Call[Any, Any], campaign_id: int) -> CampaignAccess:
    campaign = await campaign_access(call.runtime, campaign_id)
    if campaign is None:
        # Where the method's contract has no 404 (the classic report paths), an unknown store is as
        # unreachable as a foreign one.
        if 404 not in call.contract.statuses:
            raise forbidden()
        raise ApiError(404, f"Campaign not found: '{campaign_id}'")
    if not call.principal.reaches_campaign(campaign.id, campaign.business_id):
        raise forbidden()
    if not campaign.business.active:
        raise inactive_business(campaign.business_id)
    if not campaign.active:
        raise forbidden(f"Access denied for campaign '{campaign_id}' because it is not active")
    return campaign
