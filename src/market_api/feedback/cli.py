"""CLI of the feedback domain: the buyer's and the shop's side of reviews, and NDJSON import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from market_api.cli.common import console, emit, progress_bar, run_in_session, settings_of
from market_api.feedback import service
from market_api.feedback.importer import import_reviews
from market_api.feedback.schemas import CommentRef, ReviewRef
from market_api.feedback.service import ReviewDraft
from market_api.platform.responses import plain

reviews = typer.Typer(help="Shop reviews and their comment threads.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _factors(values: list[str] | None) -> dict[int, int]:
    """--factor 1=5 --factor 2=4"""
    found = {}
    for value in values or []:
        factor_id, _, grade = value.partition("=")
        if not (factor_id.isdigit() and grade.isdigit()):
            raise typer.BadParameter(f"expected FACTOR_ID=GRADE, got {value!r}", param_hint="--factor")
        found[int(factor_id)] = int(grade)
    return found


def _show_review(review, as_json: bool, verb: str) -> None:
    emit(plain(ReviewRef.model_validate(review)), as_json, f"review {review.id} {verb} (feed position {review.feed_position})")


@reviews.command("post")
def post(
    ctx: typer.Context,
    campaign_id: Annotated[int, typer.Option(help="Store the review is about.")],
    grade: Annotated[int, typer.Option(min=1, max=5)],
    text: Annotated[str | None, typer.Option()] = None,
    pro: Annotated[str | None, typer.Option()] = None,
    contra: Annotated[str | None, typer.Option()] = None,
    author: Annotated[str | None, typer.Option(help="Author name; leave out for an anonymous review.")] = None,
    region_id: Annotated[int | None, typer.Option(help="Author's region (Market region id).")] = None,
    delivery: Annotated[str | None, typer.Option(help="DELIVERY | PICKUP | INSTORE")] = None,
    factor: Annotated[list[str] | None, typer.Option(help="FACTOR_ID=GRADE, repeatable.")] = None,
    order_id: Annotated[str | None, typer.Option()] = None,
    recommend: Annotated[bool | None, typer.Option("--recommend/--no-recommend")] = None,
    as_json: JsonFlag = False,
) -> None:
    draft = ReviewDraft(grade=grade, text=text, pro=pro, contra=contra, author_name=author, author_region_id=region_id,
                        factors=_factors(factor), recommend=recommend, shop_order_id=order_id, delivery=delivery)
    review = run_in_session(settings_of(ctx), lambda s, clock: service.post_review(s, clock, campaign_id, draft))
    _show_review(review, as_json, "posted")


@reviews.command("edit")
def edit(
    ctx: typer.Context,
    review_id: Annotated[int, typer.Argument()],
    grade: Annotated[int, typer.Option(min=1, max=5)],
    text: Annotated[str | None, typer.Option()] = None,
    pro: Annotated[str | None, typer.Option()] = None,
    contra: Annotated[str | None, typer.Option()] = None,
    factor: Annotated[list[str] | None, typer.Option()] = None,
    as_json: JsonFlag = False,
) -> None:
    """The author edits the review: a new LAST version, the old one PREVIOUS."""
    draft = ReviewDraft(grade=grade, text=text, pro=pro, contra=contra, factors=_factors(factor))
    review = run_in_session(settings_of(ctx), lambda s, clock: service.edit_review(s, clock, review_id, draft))
    _show_review(review, as_json, "edited")


@reviews.command("remove")
def remove(ctx: typer.Context, review_id: Annotated[int, typer.Argument()], as_json: JsonFlag = False) -> None:
    review = run_in_session(settings_of(ctx), lambda s, clock: service.remove_review(s, clock, review_id))
    _show_review(review, as_json, "removed")


@reviews.command("resolve")
def resolve(
    ctx: typer.Context,
    review_id: Annotated[int, typer.Argument()],
    resolved: Annotated[bool, typer.Option("--resolved/--unresolved")] = True,
    as_json: JsonFlag = False,
) -> None:
    review = run_in_session(settings_of(ctx), lambda s, clock: service.set_resolved(s, clock, review_id, resolved))
    _show_review(review, as_json, "resolved" if resolved else "unresolved")


@reviews.command("vote")
def vote(
    ctx: typer.Context,
    review_id: Annotated[int, typer.Argument()],
    agree: Annotated[int, typer.Option()] = 0,
    reject: Annotated[int, typer.Option()] = 0,
    as_json: JsonFlag = False,
) -> None:
    review = run_in_session(settings_of(ctx), lambda s, clock: service.vote(s, clock, review_id, agree, reject))
    _show_review(review, as_json, "voted")


@reviews.command("comment")
def comment(
    ctx: typer.Context,
    review_id: Annotated[int, typer.Argument()],
    body: Annotated[str, typer.Option()],
    author: Annotated[str, typer.Option(help="USER | SHOP")] = "SHOP",
    author_name: Annotated[str | None, typer.Option()] = None,
    parent_id: Annotated[int | None, typer.Option(help="Reply to this comment.")] = None,
    as_json: JsonFlag = False,
) -> None:
    added = run_in_session(settings_of(ctx), lambda s, clock: service.add_comment(
        s, clock, review_id, author.upper(), body, author_name, parent_id))
    emit(plain(CommentRef.model_validate(added)), as_json, f"comment {added.id} added")


@reviews.command("edit-comment")
def edit_comment(
    ctx: typer.Context, comment_id: Annotated[int, typer.Argument()], body: Annotated[str, typer.Option()],
    as_json: JsonFlag = False,
) -> None:
    changed = run_in_session(settings_of(ctx), lambda s, clock: service.edit_comment(s, clock, comment_id, body))
    emit(plain(CommentRef.model_validate(changed)), as_json, f"comment {changed.id} edited")


@reviews.command("remove-comment")
def remove_comment(ctx: typer.Context, comment_id: Annotated[int, typer.Argument()], as_json: JsonFlag = False) -> None:
    removed = run_in_session(settings_of(ctx), lambda s, clock: service.remove_comment(s, clock, comment_id))
    emit(plain(CommentRef.model_validate(removed)), as_json, f"comment {removed.id} removed")


@reviews.command("import")
def import_ndjson(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="NDJSON file, one review a line.")],
    as_json: JsonFlag = False,
) -> None:
    """Import reviews from NDJSON. Every line is checked first; if any is bad, nothing is imported."""
    lines = path.read_text(encoding="utf-8").splitlines()
    with progress_bar(f"importing {path.name}", total=sum(1 for line in lines if line.strip())) as advance:
        report = run_in_session(settings_of(ctx), lambda s, clock: import_reviews(s, clock, lines, advance))
    if report.errors:
        if as_json:
            typer.echo(json.dumps({"imported": 0, "errors": report.errors}, ensure_ascii=False, indent=2))
        for error in report.errors:
            console.print(f"[red]{error}[/red]", highlight=False)
        console.print(f"{len(report.errors)} problem(s) in {report.lines} lines; nothing was imported")
        raise typer.Exit(2)
    emit({"imported": report.imported, "errors": []}, as_json, f"imported {report.imported} reviews")
