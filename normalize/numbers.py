"""Printed numbers -> typed values.

Adilet tables print integers with spaces (or NBSP / thin spaces) as thousands separators,
decimals with a comma, "-" for "none", and compound costs such as "465 161/552 703" that hold
several values. These functions never raise on any string: a value we cannot parse is kept as
printed by the caller and flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

_SPACES = regex.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_DASHES = {"-", "\u2013", "\u2014", "\u2012", "\u2212"}
_GROUPED = regex.compile(r"^\d{1,3}(?: \d{3})+$")
_NUMBER = regex.compile(r"^[+-]?\d+(?:[ ]\d+)*(?:[.,]\d+)?$")

FLAG_IRREGULAR_GROUPING = "irregular_digit_grouping"
FLAG_UNGROUPED = "ungrouped_thousands"
FLAG_UNPARSED = "unparsed_number"


_DECIMAL_MARK = regex.compile(r"([.,])")

def normalize_spaces(text: str) -> str:
    """Collapse every run of whitespace (newlines, NBSP, thin spaces) to one space and strip."""
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class ParsedNumber:
    """A number as printed and as a value; ``value`` is None for "none" ("-", empty) or unparsable."""

    raw: str
    value: Decimal | None
    is_none: bool
    flags: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.value is not None or self.is_none


def parse_number(text: str) -> ParsedNumber:
    """Parse "414 045", "82,6", "3300", "-" or "" into a Decimal, flagging irregular digit groups.

    "873 4433" (a group of four after a space) and "474940" (six digits without a separator)
    are read as the digits they hold and flagged, never corrected.
    """
    raw = normalize_spaces(text)
    if raw == "" or raw in _DASHES:
        return ParsedNumber(raw, None, True)
    if not _NUMBER.match(raw):
        return ParsedNumber(raw, None, False, (FLAG_UNPARSED,))
    flags: list[str] = []
    parts = _DECIMAL_MARK.split(raw, maxsplit=1)
    integer = parts[0]
    fraction = parts[2] if len(parts) == 3 else ""
    digits = integer.replace(" ", "")
    unsigned = integer.lstrip("+-")
    if " " in unsigned and not _GROUPED.match(unsigned):
        flags.append(FLAG_IRREGULAR_GROUPING)
    elif " " not in unsigned and len(unsigned) >= 5:
        flags.append(FLAG_UNGROUPED)
    try:
        value = Decimal(digits + ("." + fraction if fraction else ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return ParsedNumber(raw, None, False, (FLAG_UNPARSED,))
    return ParsedNumber(raw, value, False, tuple(flags))


def parse_int(text: str) -> ParsedNumber:
    """Like :func:`parse_number` but flags a value with a fractional part as unparsed for an int column."""
    parsed = parse_number(text)
    if parsed.value is not None and parsed.value != parsed.value.to_integral_value():
        return ParsedNumber(parsed.raw, None, False, parsed.flags + (FLAG_UNPARSED,))
    return parsed


def split_compound_cost(text: str) -> tuple[ParsedNumber, ...]:
    """Split a compound cost cell ("465 161 /509 451 / 780 190") into its values, in order.

    An empty cell gives one "none" value; a dangling "/" (a value split over lines or pages
    and only half here) leaves no empty variant behind.
    """
    raw = normalize_spaces(text)
    if raw == "":
        return (parse_number(""),)
    pieces = [p for p in (normalize_spaces(p) for p in raw.split("/")) if p != ""]
    if not pieces:
        return (ParsedNumber(raw, None, False, (FLAG_UNPARSED,)),)
    return tuple(parse_number(p) for p in pieces)
