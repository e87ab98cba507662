"""The JSON Schema of the strategy file, built from the same enumerations the loader checks."""

from __future__ import annotations

import json

from canonical.model import CATEGORIES, KINDS, PURPOSES

SCHEMA_ID = "https://contactcheck.invalid/strategy.schema.json"


def strategy_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of a version-1 strategy file."""
    cost = {
        "type": "object",
        "description": "What calling this channel costs and the approved wording (ISO 18295-2 5.5).",
        "additionalProperties": False,
        "required": ["category"],
        "properties": {
            "category": {"enum": list(CATEGORIES)},
            "notice": {"type": "string", "description": "The approved cost wording."},
            "pence_per_minute": {"type": ["number", "null"], "minimum": 0},
            "access_charge": {"type": "boolean"},
        },
    }
    channel = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "kind", "value"],
        "properties": {
            "id": {"type": "string", "description": "Unique id, referenced by alternatives and complaints."},
            "kind": {"enum": list(KINDS)},
            "value": {
                "type": ["string", "integer"],
                "description": "Number, address, URL, handle or postal address as the customer sees it.",
            },
            "purposes": {"type": "array", "items": {"enum": list(PURPOSES)}},
            "hours": {
                "type": "string",
                "description": "OpenStreetMap opening_hours, e.g. 'Mo-Fr 08:00-20:00; Sa 09:00-17:00; PH off'.",
            },
            "cost": cost,
            "alternatives": {"type": "array", "items": {"type": "string"}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "contactcheck customer access strategy",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "organisation", "channels"],
        "properties": {
            "version": {"const": 1},
            "organisation": {"type": "string"},
            "region": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2."},
            "timezone": {"type": "string", "description": "IANA time zone, e.g. Europe/London."},
            "channels": {"type": "array", "items": channel},
            "retired": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["value"],
                    "properties": {"value": {"type": ["string", "integer"]}, "replaced_by": {"type": "string"}},
                },
            },
            "complaints": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "channels": {"type": "array", "items": {"type": "string"}},
                    "max_click_depth": {"type": "integer", "minimum": 0},
                },
            },
            "ivr": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"max_breakout_level": {"type": "integer", "minimum": 1}},
            },
        },
    }


def schema_json() -> str:
    """The schema as pretty-printed JSON text (what `contactcheck strategy schema` prints)."""
    return json.dumps(strategy_schema(), indent=2, ensure_ascii=False) + "\n"
