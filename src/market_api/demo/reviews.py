"""Deterministic generated reviews: histories with edits, removals, anonymous authors and threads."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

from market_api.demo import texts
from market_api.feedback.bulk import CommentRecord, ReviewRecord
from market_api.feedback.factors import FACTORS
from market_api.feedback.regions import region_rows
from market_api.feedback.schemas import ReviewIn

GRADES = (5, 4, 3, 2, 1)
GRADE_WEIGHTS = (55, 20, 10, 7, 8)
DELIVERY_BY_PLACEMENT = {
    "DBS": (("DELIVERY", 70), ("PICKUP", 20), ("INSTORE", 10)),
    "FBY": (("DELIVERY", 60), ("PICKUP", 40)),
    "FBS": (("DELIVERY", 60), ("PICKUP", 40)),
    "EXPRESS": (("DELIVERY", 100),),
    "LAAS": (("DELIVERY", 80), ("PICKUP", 20)),
}


class ReviewFactory:
    """Generated reviews of demo and benchmark stores, the same for a given seed and `now`: written over the
    `days` before `now`, as validated drafts (feedback.schemas.ReviewIn) in bulk records."""

    def __init__(self, seed: int, now: datetime, days: int = 180) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.days = days
        cities = [r.id for r in region_rows().values() if r.type == "CITY"]
        # Big cities write more reviews.
        self.cities = [213] * 12 + [2] * 6 + cities

    def _text(self, grade: int) -> str:
        pool = texts.POSITIVE if grade >= 4 else texts.NEUTRAL if grade == 3 else texts.NEGATIVE
        return self.rng.choice(pool)

    def _author(self) -> tuple[str | None, int | None]:
        if self.rng.random() < 0.12:
            return None, None
        name = f"{self.rng.choice(texts.FIRST_NAMES)} {self.rng.choice(texts.SURNAME_INITIALS)}."
        return name, self.rng.choice(self.cities)

    def _factors(self, delivery: str, grade: int) -> dict[int, int]:
        return {
            fid: max(1, min(5, grade + self.rng.choice((-1, 0, 0, 1))))
            for fid, _title, _description in FACTORS[delivery] if self.rng.random() < 0.85
        }

    def _later(self, moment: datetime, max_hours: float) -> datetime:
        return min(moment + timedelta(hours=self.rng.uniform(0.2, max_hours)), self.now)

    def _thread(self, grade: int, written: datetime) -> list[CommentRecord]:
        if self.rng.random() > 0.35:
            return []
        tone = "good" if grade >= 4 else "bad"
        reply = CommentRecord("SHOP", self.rng.choice(texts.SHOP_REPLIES[tone]), self._later(written, 48))
        if tone == "bad" and self.rng.random() < 0.3:
            follow_up = CommentRecord("USER", self.rng.choice(texts.USER_FOLLOW_UPS), self._later(reply.created_at, 72))
            follow_up.children.append(
                CommentRecord("SHOP", self.rng.choice(texts.SHOP_CLOSINGS), self._later(follow_up.created_at, 24)))
            reply.children.append(follow_up)
        return [reply]

    def histories(self, campaign_id: int, placement: str, shop_name: str, count: int) -> list[ReviewRecord]:
        """`count` reviews of one store, with the extra PREVIOUS versions their edits left behind."""
        records: list[ReviewRecord] = []
        deliveries, weights = zip(*DELIVERY_BY_PLACEMENT[placement], strict=True)
        for number in range(count):
            grade = self.rng.choices(GRADES, GRADE_WEIGHTS)[0]
            delivery = self.rng.choices(deliveries, weights)[0]
            written = self.now - timedelta(seconds=self.rng.uniform(3600, self.days * 86400))
            name, region = self._author()
            text = self._text(grade)
            pro = self.rng.choice(texts.PROS) if self.rng.random() < 0.6 else None
            contra = self.rng.choice(texts.CONTRAS) if grade < 5 and self.rng.random() < 0.6 else None
            factors = self._factors(delivery, grade)
            agree, reject = int(self.rng.expovariate(0.3)), int(self.rng.expovariate(1.2))
            draft = ReviewIn(
                grade=grade, text=text, pro=pro, contra=contra, author_name=name, author_region_id=region,
                factors=factors, recommend=grade >= 4, verified=self.rng.random() < 0.7,
                shop_order_id=f"{campaign_id % 10000:04d}-{number + 1:07d}", delivery=delivery,
            )
            review = ReviewRecord(campaign_id=campaign_id, draft=draft, created_at=written, updated_at=written,
                                  agree_count=agree, reject_count=reject)
            self._finish(review, records, shop_name)
        return records

    def _finish(self, review: ReviewRecord, records: list[ReviewRecord], shop_name: str) -> None:
        grade = review.draft.grade
        review.comments = self._thread(grade, review.created_at)
        for comment in _walk(review.comments):
            comment.author_name = shop_name if comment.author_type == "SHOP" else review.draft.author_name
            review.updated_at = max(review.updated_at, comment.created_at)
        if grade <= 3 and review.comments and self.rng.random() < 0.4:
            review.resolved = True
        roll = self.rng.random()
        if roll < 0.06:  # the author edited the review: the first text stays as PREVIOUS
            edited = self._later(review.updated_at, 240)
            draft = review.draft.model_copy(update={"grade": min(5, grade + 1), "text": self._text(min(5, grade + 1))})
            newer = replace(review, draft=draft, created_at=edited, updated_at=edited, previous=len(records))
            review.state, review.updated_at, review.comments = "PREVIOUS", edited, []
            records += [review, newer]
            return
        if roll < 0.09:
            review.state = "DELETED"
            review.updated_at = self._later(review.updated_at, 240)
        records.append(review)


def _walk(comments: list[CommentRecord]) -> Iterator[CommentRecord]:
    """Every comment of a thread, replies after the comment they answer."""
    for comment in comments:
        yield comment
        yield from _walk(comment.children)
