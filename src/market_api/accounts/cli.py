"""CLI of the accounts domain; mirrors the /admin API."""

from __future__ import annotations

from typing import Annotated

import typer

from market_api.accounts import service
from market_api.accounts.schemas import ApiKeyOut, BusinessOut, CampaignOut, OAuthUserOut
from market_api.platform import tokens
from market_api.platform.commands import JsonFlag, emit, run_in_session, settings_of
from market_api.platform.responses import plain

businesses = typer.Typer(rich_markup_mode=None, help="Businesses (cabinets).", no_args_is_help=True)
campaigns = typer.Typer(rich_markup_mode=None, help="Campaigns (stores).", no_args_is_help=True)
keys = typer.Typer(rich_markup_mode=None, help="Api-Key tokens.", no_args_is_help=True)
users = typer.Typer(rich_markup_mode=None, help="OAuth users.", no_args_is_help=True)
admin_tokens = typer.Typer(rich_markup_mode=None, help="Tokens of the /admin API.", no_args_is_help=True)


@businesses.command("create")
def create_business(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Display name.")],
    subscription: Annotated[str, typer.Option(help="Subscription plan: none | medium.")] = "none",
    inactive: Annotated[bool, typer.Option("--inactive", help="Create it switched off.")] = False,
    business_id: Annotated[int | None, typer.Option("--id", help="Explicit id; default: the next free one.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Create a business (a seller's cabinet)."""
    business = run_in_session(settings_of(ctx), lambda s, clock: service.create_business(
        s, clock, name, subscription, not inactive, business_id))
    emit(plain(BusinessOut.of(business)), as_json, f"business {business.id} created")


@businesses.command("list")
def list_businesses(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List businesses: id, subscription, active or not, name."""
    found = run_in_session(settings_of(ctx), lambda s, _clock: service.list_businesses(s))
    emit(plain([BusinessOut.of(b) for b in found]), as_json,
         "\n".join(f"{b.id}\t{b.subscription}\t{'active' if b.active else 'inactive'}\t{b.name}" for b in found))


@businesses.command("update")
def update_business(
    ctx: typer.Context,
    business_id: Annotated[int, typer.Argument(help="Business id.")],
    name: Annotated[str | None, typer.Option(help="New display name.")] = None,
    subscription: Annotated[str | None, typer.Option(help="New subscription plan: none | medium.")] = None,
    active: Annotated[bool | None, typer.Option("--active/--inactive", help="Switch the business on or off.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a business; what is left out stays as it is."""
    business = run_in_session(settings_of(ctx), lambda s, _clock: service.update_business(
        s, business_id, name=name, active=active, subscription=subscription))
    emit(plain(BusinessOut.of(business)), as_json, f"business {business.id} updated")


@campaigns.command("create")
def create_campaign(
    ctx: typer.Context,
    business_id: Annotated[int, typer.Option(help="Owning business.")],
    name: Annotated[str, typer.Option(help="Display name of the store.")],
    placement: Annotated[str, typer.Option(help="Placement model: FBY | FBS | EXPRESS | DBS | LAAS.")],
    inactive: Annotated[bool, typer.Option("--inactive", help="Create it switched off.")] = False,
    campaign_id: Annotated[int | None, typer.Option("--id", help="Explicit id; default: the next free one.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Create a campaign (a store) of a business."""
    campaign = run_in_session(settings_of(ctx), lambda s, clock: service.create_campaign(
        s, clock, business_id, name, placement.upper(), not inactive, campaign_id))
    emit(plain(CampaignOut.of(campaign)), as_json, f"campaign {campaign.id} created")


@campaigns.command("list")
def list_campaigns(
    ctx: typer.Context,
    business_id: Annotated[int | None, typer.Option(help="Only this business's campaigns.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List campaigns: id, business, placement, active or not, name."""
    found = run_in_session(settings_of(ctx), lambda s, _clock: service.list_campaigns(s, business_id))
    emit(plain([CampaignOut.of(c) for c in found]), as_json, "\n".join(
        f"{c.id}\t{c.business_id}\t{c.placement}\t{'active' if c.active else 'inactive'}\t{c.name}" for c in found))


@campaigns.command("update")
def update_campaign(
    ctx: typer.Context,
    campaign_id: Annotated[int, typer.Argument(help="Campaign id.")],
    name: Annotated[str | None, typer.Option(help="New display name.")] = None,
    active: Annotated[bool | None, typer.Option("--active/--inactive", help="Switch the store on or off.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a campaign; what is left out stays as it is."""
    campaign = run_in_session(settings_of(ctx), lambda s, _clock: service.update_campaign(
        s, campaign_id, name=name, active=active))
    emit(plain(CampaignOut.of(campaign)), as_json, f"campaign {campaign.id} updated")


@keys.command("create")
def create_key(
    ctx: typer.Context,
    business_id: Annotated[int, typer.Option(help="Business the key works for.")],
    scope: Annotated[list[str], typer.Option(help="Access scope, e.g. all-methods or communication; repeatable.")],
    name: Annotated[str, typer.Option(help="Name to tell keys apart.")] = "api-key",
    as_json: JsonFlag = False,
) -> None:
    """Issue an Api-Key token and print it (shown once; only its hash is kept)."""
    key, token = run_in_session(settings_of(ctx), lambda s, clock: service.create_api_key(
        s, clock, business_id, name, scope))
    emit(plain(ApiKeyOut.of(key, token)), as_json, token)


@keys.command("list")
def list_keys(
    ctx: typer.Context,
    business_id: Annotated[int | None, typer.Option(help="Only this business's keys.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List Api-Key tokens: id, business, hint, valid or revoked, scopes, name (never the token)."""
    found = run_in_session(settings_of(ctx), lambda s, _clock: service.list_api_keys(s, business_id))
    emit(plain([ApiKeyOut.of(k) for k in found]), as_json, "\n".join(
        f"{k.id}\t{k.business_id}\t{k.token_hint}\t{'revoked' if k.revoked else 'valid'}\t"
        f"{','.join(k.scopes)}\t{k.name}"
        for k in found))


@keys.command("revoke")
def revoke_key(ctx: typer.Context, key_id: Annotated[int, typer.Argument(help="Key id.")],
               as_json: JsonFlag = False) -> None:
    """Revoke an Api-Key token: it stops working at once."""
    key = run_in_session(settings_of(ctx), lambda s, _clock: service.revoke_api_key(s, key_id))
    emit(plain(ApiKeyOut.of(key)), as_json, f"key {key.id} revoked")


@users.command("create")
def create_user(
    ctx: typer.Context,
    login: Annotated[str, typer.Option(help="The user's Yandex login.")],
    business_id: Annotated[list[int] | None, typer.Option(help="Businesses the user reaches; repeatable.")] = None,
    campaign_id: Annotated[list[int] | None, typer.Option(help="Single stores the user reaches; repeatable.")] = None,
    valid_days: Annotated[int, typer.Option(help="Days the OAuth token works.")] = 365,
    as_json: JsonFlag = False,
) -> None:
    """Create an OAuth user and print its token (shown once; only its hash is kept)."""
    user, token = run_in_session(settings_of(ctx), lambda s, clock: service.create_oauth_user(
        s, clock, login, business_id or [], campaign_id or [], valid_days))
    emit(plain(OAuthUserOut.of(user, token)), as_json, token)


@users.command("list")
def list_users(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List OAuth users: id, login, token hint, expiry day."""
    found = run_in_session(settings_of(ctx), lambda s, _clock: service.list_oauth_users(s))
    emit(plain([OAuthUserOut.of(u) for u in found]), as_json,
         "\n".join(f"{u.id}\t{u.login}\t{u.token_hint}\t{u.expires_at:%Y-%m-%d}" for u in found))


@admin_tokens.command("create")
def create_admin_token(ctx: typer.Context) -> None:
    """Issue a new token for the /admin API and print it (only its hash is kept)."""
    token = tokens.new_admin_token()
    run_in_session(settings_of(ctx), lambda s, clock: service.add_admin_token(s, clock, token))
    typer.echo(token)


@admin_tokens.command("list")
def list_admin_tokens(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Admin tokens by id and creation time (the tokens themselves are not kept)."""
    found = run_in_session(settings_of(ctx), lambda s, _clock: service.list_admin_tokens(s))
    data = [{"id": t.id, "createdAt": t.created_at.isoformat()} for t in found]
    emit(data, as_json, "\n".join(f"{t['id']}\t{t['createdAt']}" for t in data))


@admin_tokens.command("revoke")
def revoke_admin_token(ctx: typer.Context, token_id: Annotated[int, typer.Argument(help="Admin token id.")]) -> None:
    """Revoke an admin token (a configured MARKET_API_ADMIN_TOKEN comes back at the next start)."""
    run_in_session(settings_of(ctx), lambda s, _clock: service.revoke_admin_token(s, token_id))
    typer.echo(f"admin token {token_id} revoked")
