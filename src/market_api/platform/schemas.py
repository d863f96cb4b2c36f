"""The base of every request and answer model of the admin API and the import files."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class CamelModel(BaseModel):
    """Fields named in snake_case in Python and camelCase on the wire (``business_id`` <-> ``businessId``),
    as the Partner API names them; either name is accepted on input. Built from ORM objects too."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)
