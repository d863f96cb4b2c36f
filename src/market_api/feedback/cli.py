"""CLI of the feedback domain: the buyer's and the shop's side of reviews, and NDJSON import.
Mirrors the feedback part of the /admin API (feedback.admin_views), with the same checks and messages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.feedback import service
from market_api.feedback.importer import ReviewLine, load_reviews
from market_api.feedback.models import Review
from market_api.feedback.schemas import CommentRef, ReviewDraft, ReviewIn, ReviewRef
from market_api.platform.clock import Clock
from market_api.platform.commands import (
    Advance,
    JsonFlag,
    emit,
    import_file,
    run_in_session,
    settings_of,
    validated,
)
from market_api.platform.responses import plain

reviews = typer.Typer(rich_markup_mode=None, help="Shop reviews and their comment threads.", no_args_is_help=True)

ReviewId = Annotated[int, typer.Argument(help="Review id.")]
CommentId = Annotated[int, typer.Argument(help="Comment id.")]
Grade = Annotated[int, typer.Option(help="Overall grade, 1..5.")]
Text = Annotated[str | None, typer.Option(help="Review text.")]
Pro = Annotated[str | None, typer.Option(help="What the buyer liked.")]
Contra = Annotated[str | None, typer.Option(help="What the buyer did not like.")]
Factors = Annotated[list[str] | None, typer.Option(
    "--factor", help="Factor grade as FACTOR_ID=GRADE (grade 1..5); repeatable.")]
Delivery = Annotated[str | None, typer.Option(help="How the order was received: DELIVERY | PICKUP | INSTORE.")]
Recommend = Annotated[bool | None, typer.Option(
    "--recommend/--no-recommend", help="Whether the buyer recommends the store.")]


def _factors(values: list[str] | None) -> dict[int, int]:
    """``--factor 1=5 --factor 2=4`` as ``{1: 5, 2: 4}``; anything else is a usage error."""
    found = {}
    for value in values or []:
        factor_id, _, grade = value.partition("=")
        if not (factor_id.isdigit() and grade.isdigit()):
            raise typer.BadParameter(f"expected FACTOR_ID=GRADE, got {value!r}", param_hint="--factor")
        found[int(factor_id)] = int(grade)
    return found


def _show_review(review: Review, as_json: bool, verb: str) -> None:
    """Print the changed review: its ReviewRef with --json, else ``review N <verb> (feed position P)``."""
    text = f"review {review.id} {verb} (feed position {review.feed_position})"
    emit(plain(ReviewRef.model_validate(review)), as_json, text)


@reviews.command("post")
def post(
    ctx: typer.Context,
    campaign_id: Annotated[int, typer.Option(help="Store the review is about.")],
    grade: Grade,
    text: Text = None,
    pro: Pro = None,
    contra: Contra = None,
    author: Annotated[str | None, typer.Option(help="Author name; leave out for an anonymous review.")] = None,
    region_id: Annotated[
        int | None, typer.Option(help="Author's region (Market region id); not for anonymous.")] = None,
    delivery: Delivery = None,
    factor: Factors = None,
    order_id: Annotated[str | None, typer.Option(help="The shop's order id (up to 64 characters).")] = None,
    recommend: Recommend = None,
    as_json: JsonFlag = False,
) -> None:
    """A buyer writes a review: a new LAST version at the end of the store's feed."""
    draft = validated(ReviewIn, grade=grade, text=text, pro=pro, contra=contra, author_name=author,
                      author_region_id=region_id, factors=_factors(factor), recommend=recommend,
                      shop_order_id=order_id, delivery=delivery)
    review = run_in_session(settings_of(ctx), lambda s, clock: service.post_review(s, clock, campaign_id, draft))
    _show_review(review, as_json, "posted")


@reviews.command("edit")
def edit(
    ctx: typer.Context,
    review_id: ReviewId,
    grade: Grade,
    text: Text = None,
    pro: Pro = None,
    contra: Contra = None,
    delivery: Annotated[str | None, typer.Option(
        help="How the order was received: DELIVERY | PICKUP | INSTORE; default: as before.")] = None,
    factor: Factors = None,
    recommend: Recommend = None,
    as_json: JsonFlag = False,
) -> None:
    """The author edits the review: a new LAST version, the old one PREVIOUS."""
    draft = validated(ReviewDraft, grade=grade, text=text, pro=pro, contra=contra, factors=_factors(factor),
                      recommend=recommend, delivery=delivery)
    review = run_in_session(settings_of(ctx), lambda s, clock: service.edit_review(s, clock, review_id, draft))
    _show_review(review, as_json, "edited")


@reviews.command("remove")
def remove(ctx: typer.Context, review_id: ReviewId, as_json: JsonFlag = False) -> None:
    """The author removes the review: it stays in the feed as DELETED."""
    review = run_in_session(settings_of(ctx), lambda s, clock: service.remove_review(s, clock, review_id))
    _show_review(review, as_json, "removed")


@reviews.command("resolve")
def resolve(
    ctx: typer.Context,
    review_id: ReviewId,
    resolved: Annotated[bool, typer.Option("--resolved/--unresolved", help="Mark the review resolved, or not.")] = True,
    as_json: JsonFlag = False,
) -> None:
    """Mark the buyer's problem in a review solved (or not)."""
    review = run_in_session(settings_of(ctx), lambda s, clock: service.set_resolved(s, clock, review_id, resolved))
    _show_review(review, as_json, "resolved" if resolved else "unresolved")


@reviews.command("vote")
def vote(
    ctx: typer.Context,
    review_id: ReviewId,
    agree: Annotated[int, typer.Option(help="Votes to add to 'agree' (negative removes; count stays >= 0).")] = 0,
    reject: Annotated[int, typer.Option(help="Votes to add to 'reject' (negative removes; count stays >= 0).")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Other buyers vote on the review's usefulness."""
    review = run_in_session(settings_of(ctx), lambda s, clock: service.vote(s, clock, review_id, agree, reject))
    _show_review(review, as_json, "voted")


@reviews.command("comment")
def comment(
    ctx: typer.Context,
    review_id: ReviewId,
    body: Annotated[str, typer.Option(help="Comment text.")],
    author: Annotated[str, typer.Option(help="Who writes: USER | SHOP.")] = "SHOP",
    author_name: Annotated[str | None, typer.Option(help="Shown name; default for SHOP: the store's name.")] = None,
    parent_id: Annotated[int | None, typer.Option(help="Reply to this comment of the thread.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a comment to a review's thread."""
    added = run_in_session(settings_of(ctx), lambda s, clock: service.add_comment(
        s, clock, review_id, author.upper(), body, author_name, parent_id))
    emit(plain(CommentRef.model_validate(added)), as_json, f"comment {added.id} added")


@reviews.command("edit-comment")
def edit_comment(
    ctx: typer.Context, comment_id: CommentId, body: Annotated[str, typer.Option(help="New comment text.")],
    as_json: JsonFlag = False,
) -> None:
    """Change a comment's text."""
    changed = run_in_session(settings_of(ctx), lambda s, clock: service.edit_comment(s, clock, comment_id, body))
    emit(plain(CommentRef.model_validate(changed)), as_json, f"comment {changed.id} edited")


@reviews.command("remove-comment")
def remove_comment(ctx: typer.Context, comment_id: CommentId, as_json: JsonFlag = False) -> None:
    """Remove a comment from its thread."""
    removed = run_in_session(settings_of(ctx), lambda s, clock: service.remove_comment(s, clock, comment_id))
    emit(plain(CommentRef.model_validate(removed)), as_json, f"comment {removed.id} removed")


@reviews.command("import")
def import_ndjson(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="NDJSON (one review a line) or CSV (by extension).")],
    as_json: JsonFlag = False,
) -> None:
    """Import reviews from NDJSON. Every line is checked first; if any is bad, nothing is imported."""

    async def load(
        session: AsyncSession, clock: Clock, lines: list[tuple[int, ReviewLine]], advance: Advance
    ) -> dict[str, int]:
        await load_reviews(session, clock, lines, advance)
        return {}

    import_file(settings_of(ctx), path, ReviewLine, load, "reviews", as_json)
