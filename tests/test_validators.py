"""The checks of member data that need no database: the CCCD and the order of a member's dates."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from party_residence.validators import (
	is_valid_citizen_id,
	member_dates_problem,
	normalize_citizen_id,
	normalize_party_card_number,
)

TODAY = date(2026, 3, 10)

# Citizen ID (CCCD) -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"value",
	[
		"001099012345",
		"001 099 012 345",
		"001.099.012.345",
		"001-099-012-345",
		" 001099012345 ",
		"001\t099\u00a0012 345",  # a tab and a no-break space pasted from a document
		"000000000000",
	],
)
def test_valid_citizen_ids(value):
	assert is_valid_citizen_id(value)
	assert normalize_citizen_id(value) == "".join(ch for ch in value if ch.isascii() and ch.isdigit())


@pytest.mark.parametrize(
	"value",
	[
		None,
		"",
		"   ",
		"00109901234",  # 11 digits
		"0010990123456",  # 13 digits
		"00109901234A",
		"A01099012345",
		"001099012345a",
		"001_099_012_345",  # underscore is not a separator
		"001/099/012/345",
		"+84 01099012345",
		"١٢٣٤٥٦٧٨٩٠١٢",  # Arabic-Indic digits
		"001099０１２３４５",  # full-width digits
		"٠٠١٠٩٩٠١٢٣٤٥",
		"१२३४५६७८९०१२",  # Devanagari digits
		"12345678901²",  # a superscript two is a digit to str.isdigit(), not to a CCCD
	],
)
def test_invalid_citizen_ids(value):
	assert not is_valid_citizen_id(value)


def test_normalize_citizen_id_keeps_everything_but_separators():
	assert normalize_citizen_id(None) == ""
	assert normalize_citizen_id("001.099-012 345") == "001099012345"
	assert normalize_citizen_id("00A 1") == "00A1"


SEPARATORS = st.sampled_from([" ", ".", "-", "\t", "\u00a0"])
ASCII_DIGITS = st.sampled_from("0123456789")


@st.composite
def spaced_digits(draw, count):
	"""`count` ASCII digits with separators sprinkled between and around them."""
	parts = [draw(st.lists(SEPARATORS, max_size=2))]
	for _ in range(count):
		parts.append([draw(ASCII_DIGITS)])
		parts.append(draw(st.lists(SEPARATORS, max_size=2)))
	return "".join(ch for part in parts for ch in part)


@given(spaced_digits(12))
def test_twelve_digits_with_any_separators_are_valid(value):
	assert is_valid_citizen_id(value)
	assert len(normalize_citizen_id(value)) == 12


@given(st.integers(min_value=0, max_value=30).filter(lambda n: n != 12).flatmap(spaced_digits))
def test_any_other_number_of_digits_is_refused(value):
	assert not is_valid_citizen_id(value)


@given(
	spaced_digits(12),
	st.characters(exclude_characters="0123456789.-").filter(lambda ch: not ch.isspace()),
	st.integers(min_value=0, max_value=24),
)
def test_any_other_character_is_refused(value, intruder, position):
	position = min(position, len(value))
	assert not is_valid_citizen_id(value[:position] + intruder + value[position:])


@given(st.text(max_size=20))
def test_valid_means_twelve_ascii_digits_once_separators_are_gone(value):
	normalized = normalize_citizen_id(value)
	expected = len(normalized) == 12 and all(ch in "0123456789" for ch in normalized)
	assert is_valid_citizen_id(value) == expected


# Party card number -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"value, expected",
	[
		(None, ""),
		("", ""),
		("  12.345.678  ", "12.345.678"),
		("AB   123\t456", "AB 123 456"),
	],
)
def test_normalize_party_card_number(value, expected):
	assert normalize_party_card_number(value) == expected


# The order of a member's dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
	"born, joined, official, expected",
	[
		# a complete, ordered record
		(date(1980, 5, 1), date(2005, 3, 2), date(2006, 3, 2), None),
		# official on the day of joining, and on today, are allowed
		(date(1980, 5, 1), date(2005, 3, 2), date(2005, 3, 2), None),
		(date(1980, 5, 1), TODAY, TODAY, None),
		# missing dates are not compared
		(None, None, None, None),
		(date(1980, 5, 1), None, None, None),
		(None, date(2005, 3, 2), None, None),
		(date(1980, 5, 1), date(2005, 3, 2), None, None),  # still on probation
		# each rule
		(TODAY, None, None, "birth_not_past"),
		(TODAY + timedelta(days=1), None, None, "birth_not_past"),
		(date(1980, 5, 1), TODAY + timedelta(days=1), None, "joined_in_future"),
		(date(1980, 5, 1), date(2005, 3, 2), TODAY + timedelta(days=1), "official_in_future"),
		(date(1980, 5, 1), date(1980, 5, 1), None, "joined_before_birth"),
		(date(1980, 5, 1), date(1970, 1, 1), None, "joined_before_birth"),
		(date(1980, 5, 1), date(2005, 3, 2), date(2005, 3, 1), "official_before_joined"),
		(date(1980, 5, 1), None, date(2006, 3, 2), "official_without_joined"),
		(None, None, date(2006, 3, 2), "official_without_joined"),
	],
)
def test_member_dates_problem(born, joined, official, expected):
	assert member_dates_problem(born, joined, official, TODAY) == expected


def test_dates_in_the_future_are_reported_before_their_order():
	future = TODAY + timedelta(days=30)
	assert member_dates_problem(future, future, future, TODAY) == "birth_not_past"
	assert member_dates_problem(date(1980, 5, 1), future, date(2000, 1, 1), TODAY) == "joined_in_future"


PAST = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
ANY_DATE = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))
PROBLEMS = {
	"birth_not_past",
	"joined_in_future",
	"official_in_future",
	"joined_before_birth",
	"official_before_joined",
	"official_without_joined",
}


@given(PAST, PAST, PAST)
def test_an_ordered_record_has_no_problem(a, b, c):
	born, joined, official = sorted([a, b, c])
	assume(born < joined and born < TODAY)
	assert member_dates_problem(born, joined, official, TODAY) is None
	assert member_dates_problem(born, joined, None, TODAY) is None


@given(st.one_of(st.none(), ANY_DATE), st.one_of(st.none(), ANY_DATE), st.one_of(st.none(), ANY_DATE))
def test_a_problem_is_reported_exactly_when_a_rule_is_broken(born, joined, official):
	broken = (
		(born is not None and born >= TODAY)
		or (joined is not None and joined > TODAY)
		or (official is not None and official > TODAY)
		or (born is not None and joined is not None and joined <= born)
		or (joined is not None and official is not None and official < joined)
		or (official is not None and joined is None)
	)
	problem = member_dates_problem(born, joined, official, TODAY)
	assert (problem is not None) == broken
	assert problem is None or problem in PROBLEMS
