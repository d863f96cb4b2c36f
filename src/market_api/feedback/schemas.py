"""Admin API bodies of the feedback domain, and the one definition of a review's fields and rules.

`ReviewDraft` (what an author writes) and `ReviewIn` (a new review: the draft and its authorship) carry
every field of a review and every rule on it; the edit and post bodies, the CLI, the import line
(`feedback.importer.ReviewLine`) and the bulk record (`feedback.bulk.ReviewRecord`) are built from them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, Strict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from market_api.feedback.factors import factor_grades
from market_api.feedback.regions import region_rows
from market_api.platform.schemas import CamelModel
from market_api.platform.validation import (
    INT64_MAX,
    AwareInstant,
    Id64,
    StrictFlag,
    StrictInteger,
    Text,
    shown,
)

Grade = Annotated[int, Strict(), Field(ge=1, le=5)]  # a JSON integer: not true, "5" or 4.0
MAX_TEXT = 10_000  # characters of a review's text, pros, cons, or a comment (as in a scenario file)
LongText = Annotated[Text, Field(max_length=MAX_TEXT)]
_FACTOR_ID = re.compile(r"[1-9][0-9]{0,17}")  # a canonical decimal id: "1", not "01", " 1" or "1.0"


def factor_items(factors: object) -> object:
    """The factor grades of a body or an import line (``{"1": 5}``) by factor id, checked before pydantic reads
    them: every key a factor id written canonically (``"1"``; an int from Python code), so that ``"01"`` and
    ``"1 "`` cannot both stand for factor 1 and overwrite each other; every grade a JSON integer (not ``true``,
    ``"5"`` or ``4.0``). Anything but an object passes on (pydantic words that error). Messages are whole,
    in the admin API's wording (``Value of factors[1] (true) must be an integer``)."""
    if not isinstance(factors, dict):
        return factors
    checked: dict[int, object] = {}
    for key, grade in factors.items():
        if isinstance(key, int) and not isinstance(key, bool) and key >= 1:
            factor_id = key
        elif isinstance(key, str) and _FACTOR_ID.fullmatch(key):
            factor_id = int(key)
        else:
            raise PydanticCustomError("message", f"Key of factors ({shown(key)}) must be a factor id: decimal "
                                                 "digits, no leading zeros or spaces")
        if factor_id in checked:
            raise PydanticCustomError("message", f"Factor {factor_id} is graded more than once in factors")
        if not isinstance(grade, int) or isinstance(grade, bool):
            raise PydanticCustomError("message", f"Value of factors[{factor_id}] ({shown(grade)}) must be an integer")
        checked[factor_id] = grade
    return checked


def _in_range(factors: dict[int, int]) -> dict[int, int]:
    """`factors` if every grade is 1..5. Messages here are whole (rendered as they are by
    platform.validation), in the admin API's own wording."""
    for factor_id, value in factors.items():
        if not 1 <= value <= 5:
            raise PydanticCustomError("message", f"Value of factors[{factor_id}] ({value}) must be between 1 and 5")
    return factors


def _graded(delivery: str | None, factors: dict[int, int]) -> dict[int, int]:
    """`factors` if every grade is 1..5 and every factor is asked for `delivery` (feedback.factors)."""
    _in_range(factors)
    try:
        factor_grades(delivery, factors)
    except ValueError as error:
        raise PydanticCustomError("message", str(error)) from None
    return factors


class ReviewDraft(CamelModel):
    """What a review's author writes, and rewrites in an edit (the PUT /admin/reviews/{id} body).

    Rules: `grade` and every factor grade 1..5; `delivery` one of FeedbackDeliveryType; `factors` only
    those asked for that delivery type (feedback.factors). Leaving `delivery` out of an edit keeps the
    review's own, and the service checks the factors against that (`feedback.service.edit_review`).
    """

    grade: Grade
    text: LongText | None = None
    pro: LongText | None = None
    contra: LongText | None = None
    recommend: StrictFlag | None = None
    delivery: Literal["DELIVERY", "PICKUP", "INSTORE"] | None = Field(
        default=None, description="How the order was received; it decides which factors are graded.")
    factors: dict[int, StrictInteger] = Field(default_factory=dict, max_length=100,
                                              description="Factor id -> grade 1..5.")

    @field_validator("factors", mode="before")
    @classmethod
    def _canonical_factors(cls, factors: object) -> object:
        return factor_items(factors)

    @field_validator("factors")
    @classmethod
    def _asked_for_delivery(cls, factors: dict[int, int], info: ValidationInfo) -> dict[int, int]:
        delivery = info.data.get("delivery")
        return _graded(delivery, factors) if delivery is not None else _in_range(factors)


class ReviewIn(ReviewDraft):
    """A new review (the POST /admin/campaigns/{id}/reviews body): the draft, who wrote it, when, and
    about which order.

    Rules beyond the draft's: factors only with a delivery type; `authorRegionId` a known region
    (feedback.regions) and only on a named review (an anonymous one has no region).
    """

    author_name: Text | None = Field(default=None, max_length=255, description="Leave out for an anonymous review.")
    author_region_id: StrictInteger | None = Field(default=None, ge=1, le=INT64_MAX,
                                                   description="Market region id of the author.")
    verified: StrictFlag = False
    shop_order_id: Text | None = Field(default=None, max_length=64)
    created_at: AwareInstant | None = Field(
        default=None, description="When it was written (from 2000-01-01 up to 2100-01-01); default: now.")

    @field_validator("factors")
    @classmethod
    def _asked_for_delivery(cls, factors: dict[int, int], info: ValidationInfo) -> dict[int, int]:
        if "delivery" in info.data:
            return _graded(info.data["delivery"], factors)
        return factors

    @field_validator("author_region_id")
    @classmethod
    def _known_region_of_named_author(cls, region_id: int | None, info: ValidationInfo) -> int | None:
        if region_id is None:
            return None
        if region_id not in region_rows():
            raise PydanticCustomError("message", f"Unknown region: {region_id}")
        if "author_name" in info.data and info.data["author_name"] is None:
            raise PydanticCustomError("message", "An anonymous review has no author region")
        return region_id

    def columns(self) -> dict[str, Any]:
        """The `feedback.models.Review` columns this review sets: its fields by their Python names, the
        factors graded (a list of ``{id, title, description, value}``), `created_at` left to the caller."""
        return {name: getattr(self, name) for name in _PLAIN_COLUMNS} | {
            "factors": factor_grades(self.delivery, self.factors)}


_PLAIN_COLUMNS = tuple(name for name in ReviewIn.model_fields if name not in ("created_at", "factors"))


class CommentIn(CamelModel):
    """A new comment (the POST /admin/reviews/{id}/comments body): who writes (USER or SHOP; a SHOP comment
    without `authorName` is signed with the store's name), the text, and the comment it answers, if any."""

    author: Literal["USER", "SHOP"]
    body: Text = Field(min_length=1, max_length=MAX_TEXT)
    author_name: Text | None = Field(default=None, max_length=255)
    parent_id: Id64 | None = None


class CommentEdit(CamelModel):
    """A comment's new text (the PUT /admin/comments/{id} body)."""

    body: Text = Field(min_length=1, max_length=MAX_TEXT)


class ResolvedIn(CamelModel):
    """Whether the buyer's problem in a review is solved (the PUT /admin/reviews/{id}/resolved body)."""

    resolved: StrictFlag


class VotesIn(CamelModel):
    """Votes to add to a review's 'agree' and 'reject' counts, -1000..1000 each (the POST
    /admin/reviews/{id}/votes body); negative ones take votes away."""

    agree: StrictInteger = Field(default=0, ge=-1000, le=1000)
    reject: StrictInteger = Field(default=0, ge=-1000, le=1000)


class ReviewRef(CamelModel):
    """What the admin API and the CLI answer about a changed review version: its id, store, state (LAST,
    PREVIOUS or DELETED), feed position and time of the change."""

    id: int
    campaign_id: int
    state: str
    feed_position: int
    updated_at: datetime


class CommentRef(CamelModel):
    """What the admin API and the CLI answer about a changed comment: its id, review, parent, author type
    and text."""

    id: int
    review_id: int
    parent_id: int | None = None
    author_type: str
    body: str
