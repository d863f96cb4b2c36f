"""The grade factors a buyer is asked about, by how the order was received (FeedbackDeliveryType)."""

from __future__ import annotations

# id, title, description — ids are unique across all delivery types.
FACTORS: dict[str, tuple[tuple[int, str, str], ...]] = {
    "DELIVERY": (
        (1, "Скорость доставки", "Насколько быстро привезли заказ"),
        (2, "Соответствие товара описанию", "Совпадает ли товар с описанием на витрине"),
        (3, "Общение с продавцом", "Вежливость и оперативность магазина"),
    ),
    "PICKUP": (
        (4, "Удобство самовывоза", "Насколько удобно было забрать заказ"),
        (2, "Соответствие товара описанию", "Совпадает ли товар с описанием на витрине"),
        (3, "Общение с продавцом", "Вежливость и оперативность магазина"),
    ),
    "INSTORE": (
        (5, "Обслуживание в магазине", "Как вас обслужили в торговом зале"),
        (2, "Соответствие товара описанию", "Совпадает ли товар с описанием на витрине"),
    ),
}


def factor_grades(delivery: str | None, values: dict[int, int]) -> list[dict]:
    """Graded factors of the delivery type, in catalogue order; factors the author skipped are left out."""
    if delivery is None:
        if values:
            raise ValueError("factors are graded only for a review with a delivery type")
        return []
    known = {factor_id for factor_id, _title, _description in FACTORS[delivery]}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"factors {unknown} are not graded for delivery type {delivery}")
    return [
        {"id": factor_id, "title": title, "description": description, "value": values[factor_id]}
        for factor_id, title, description in FACTORS[delivery]
        if factor_id in values
    ]
