"""Unit and property tests for normalize.numbers."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from normalize.numbers import (
    FLAG_IRREGULAR_GROUPING,
    FLAG_UNGROUPED,
    FLAG_UNPARSED,
    normalize_spaces,
    parse_int,
    parse_number,
    split_compound_cost,
)


def test_thousands_separated_by_spaces_nbsp_and_thin_spaces():
    assert parse_number("414 045").value == Decimal(414045)
    assert parse_number("1\u00a0231\u00a0599").value == Decimal(1231599)
    assert parse_number("1\u202f441\u2009468").value == Decimal(1441468)
    assert parse_number("414 045").flags == ()


def test_decimal_comma_and_point():
    assert parse_number("82,6").value == Decimal("82.6")
    assert parse_number("1 082.25").value == Decimal("1082.25")


def test_dash_and_empty_mean_none_not_zero():
    for text in ("-", "—", "", "  "):
        parsed = parse_number(text)
        assert parsed.value is None and parsed.is_none and parsed.ok


def test_printed_typos_are_read_and_flagged_never_corrected():
    typo = parse_number("873 4433")
    assert typo.value == Decimal(8734433) and FLAG_IRREGULAR_GROUPING in typo.flags
    ungrouped = parse_number("474940")
    assert ungrouped.value == Decimal(474940) and FLAG_UNGROUPED in ungrouped.flags
    assert parse_number("3300").flags == ()  # four digits are commonly printed ungrouped


def test_text_is_unparsed_and_kept():
    parsed = parse_number("жоқ")
    assert parsed.value is None and not parsed.ok and parsed.raw == "жоқ" and FLAG_UNPARSED in parsed.flags


def test_parse_int_rejects_fractions():
    assert parse_int("12,5").value is None
    assert parse_int("12").value == 12


def test_split_compound_cost_two_and_three_values():
    assert [p.value for p in split_compound_cost("465 161/552 703")] == [465161, 552703]
    assert [p.value for p in split_compound_cost("465 161 /509 451 / 780 190")] == [465161, 509451, 780190]
    assert [p.value for p in split_compound_cost("511 788/\n873 4433")] == [511788, 8734433]
    assert [p.value for p in split_compound_cost("414 045")] == [414045]


def test_split_compound_cost_empty_and_dangling_slash():
    assert split_compound_cost("")[0].is_none
    assert [p.value for p in split_compound_cost("511 788/")] == [511788]


@given(st.text())
def test_parsers_never_raise(text):
    parse_number(text)
    parse_int(text)
    split_compound_cost(text)
    assert normalize_spaces(normalize_spaces(text)) == normalize_spaces(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n):
    grouped = f"{n:,}".replace(",", " ")
    parsed = parse_number(grouped)
    assert parsed.value == n and FLAG_IRREGULAR_GROUPING not in parsed.flags


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=4))
def test_compound_costs_round_trip(values):
    text = " / ".join(f"{v:,}".replace(",", " ") for v in values)
    assert [p.value for p in split_compound_cost(text)] == values
