"""What each console page shows, read from the domains' tables (the views render it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import ApiKey, Business, Campaign, OAuthUser
from market_api.control.models import RequestLogEntry
from market_api.feedback.models import Comment, Review
from market_api.quality import service as quality
from market_api.reports.models import Report

REVIEWS_PER_PAGE = 50
REPORTS_SHOWN = 200
CHART_DAYS = 30


@dataclass
class StoreTree:
    """A business with its stores, keys and OAuth users, as the stores page lists them."""

    business: Business
    campaigns: list[Campaign] = field(default_factory=list)
    keys: list[tuple[ApiKey, datetime | None]] = field(default_factory=list)  # with its last use
    users: list[OAuthUser] = field(default_factory=list)


async def store_trees(session: AsyncSession) -> list[StoreTree]:
    """Every business, by id, with its stores, its Api-Keys (and when the request log last saw each: by
    the key's name in its business) and the OAuth users that reach it."""
    trees = {b.id: StoreTree(b) for b in (await session.scalars(select(Business).order_by(Business.id))).all()}
    for campaign in (await session.scalars(select(Campaign).order_by(Campaign.id))).all():
        trees[campaign.business_id].campaigns.append(campaign)
    last_use = {(row.business_id, row.caller): row.last for row in await session.execute(
        select(RequestLogEntry.business_id, RequestLogEntry.caller, func.max(RequestLogEntry.time).label("last"))
        .group_by(RequestLogEntry.business_id, RequestLogEntry.caller))}
    for key in (await session.scalars(select(ApiKey).order_by(ApiKey.id))).all():
        trees[key.business_id].keys.append((key, last_use.get((key.business_id, key.name))))
    for user in (await session.scalars(select(OAuthUser).order_by(OAuthUser.id))).all():
        reached = {b.id for b in user.businesses} | {c.business_id for c in user.campaigns}
        for business_id in reached & trees.keys():
            trees[business_id].users.append(user)
    return list(trees.values())


@dataclass
class ReviewPage:
    """One page of a store's feed, oldest position first, with each review's comments."""

    reviews: list[Review]
    comments: dict[int, list[Comment]]
    older: int | None  # the `before` of the page before this one, if any
    newer: int | None  # the `after` of the page after it


async def review_page(session: AsyncSession, campaign_id: int, before: int | None, after: int | None) -> ReviewPage:
    """Up to REVIEWS_PER_PAGE reviews of the store's feed in feed order (every version, as the feed gives
    them): the newest page, the page before position `before`, or the page after position `after`."""
    query = select(Review).where(Review.campaign_id == campaign_id)
    if after is not None:
        query = query.where(Review.feed_position > after).order_by(Review.feed_position)
    else:
        if before is not None:
            query = query.where(Review.feed_position < before)
        query = query.order_by(Review.feed_position.desc())
    reviews = list((await session.scalars(query.limit(REVIEWS_PER_PAGE + 1))).all())
    more = len(reviews) > REVIEWS_PER_PAGE
    reviews = sorted(reviews[:REVIEWS_PER_PAGE], key=lambda r: r.feed_position)
    comments: dict[int, list[Comment]] = {r.id: [] for r in reviews}
    if reviews:
        for comment in (await session.scalars(select(Comment).where(Comment.review_id.in_(comments))
                                              .order_by(Comment.id))).all():
            comments[comment.review_id].append(comment)
    if not reviews:
        return ReviewPage([], {}, None, None)
    first, last = reviews[0].feed_position, reviews[-1].feed_position
    if after is not None:  # read forwards: more means newer ones; older ones exist, we came from them
        return ReviewPage(reviews, comments, first, last if more else None)
    # read backwards: more means older ones; newer ones exist when we started below the newest
    return ReviewPage(reviews, comments, first if more else None, last if before is not None else None)


async def recent_reports(session: AsyncSession) -> list[Report]:
    """The newest REPORTS_SHOWN reports of every business."""
    query = select(Report).order_by(Report.requested_at.desc(), Report.id).limit(REPORTS_SHOWN)
    return list((await session.scalars(query)).all())


@dataclass
class QualityView:
    """The quality page of one store: its ratings over CHART_DAYS days and the orders that affected the
    latest one."""

    first: date
    ratings: list[Any]
    orders: list[quality.AffectedOrder]


async def quality_view(session: AsyncSession, campaign: Campaign, today: date) -> QualityView:
    """The store's stored daily index of the CHART_DAYS days up to `today` and the orders the latest
    stored day counts against it."""
    first = today - timedelta(days=CHART_DAYS - 1)
    ratings = (await quality.ratings(session, [campaign.id], first, today))[campaign.id]
    latest = ratings[-1].calculation_date if ratings else today
    orders = await quality.affected_orders(session, campaign.id, campaign.placement, latest)
    return QualityView(first, ratings, orders)
