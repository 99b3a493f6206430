"""WorkingCalendar on real Vietnamese calendars: Tết 2026 and 2027, 30/4-1/5, 2/9, Hùng Kings' day.

Every expected date below was checked against the `holidays` package pinned in
dev-requirements.txt (the version the bench installs from pyproject.toml's range).
"""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from party_residence import working_days
from party_residence.working_days import WorkingCalendar

YEARS = range(2023, 2030)


def fresh_calendar(*args, **kwargs) -> WorkingCalendar:
	"""A calendar on a new holidays object, its years already loaded.

	The package builds a year's holidays (and make-up working days) on the first lookup in it;
	loading them up front keeps these tests independent of their order. What happens when a year
	is not loaded yet is test_make_up_working_day_is_known_before_its_year_is_loaded's business."""
	working_days._country_holidays.cache_clear()
	calendar = WorkingCalendar(*args, **kwargs)
	for year in YEARS:
		assert date(year, 1, 1) in calendar.public_holidays  # New Year's Day, and the year is loaded
	return calendar


@pytest.fixture
def calendar() -> WorkingCalendar:
	return fresh_calendar()


# Which days are working days ----------------------------------------------------------------------

DAYS_OFF = [
	# Tết 2026: Mon 16 - Fri 20 Feb, with the weekends around it the break is Sat 14 - Sun 22 Feb
	date(2026, 2, 14),
	date(2026, 2, 15),
	date(2026, 2, 16),
	date(2026, 2, 17),
	date(2026, 2, 18),
	date(2026, 2, 19),
	date(2026, 2, 20),
	date(2026, 2, 21),
	date(2026, 2, 22),
	# Tết 2027: Thu 4 - Wed 10 Feb
	date(2027, 2, 4),
	date(2027, 2, 5),
	date(2027, 2, 8),
	date(2027, 2, 9),
	date(2027, 2, 10),
	# 30/4 and 1/5: Thu and Fri in 2026; in 2027 1/5 is a Saturday, made up on Mon 3 May
	date(2026, 4, 30),
	date(2026, 5, 1),
	date(2027, 4, 30),
	date(2027, 5, 3),
	# 2/9 2026: Tue 1 and Wed 2 Sep, and Mon 31 Aug in exchange for Sat 22 Aug
	date(2026, 8, 31),
	date(2026, 9, 1),
	date(2026, 9, 2),
	# Hùng Kings' day: Sun 26 Apr 2026, observed Mon 27 Apr; Fri 16 Apr 2027
	date(2026, 4, 27),
	date(2027, 4, 16),
	# New Year's Day
	date(2026, 1, 1),
	date(2027, 1, 1),
]

WORKING_DAYS = [
	date(2026, 2, 13),  # Fri before Tết 2026
	date(2026, 2, 23),  # Mon after it
	date(2027, 2, 3),  # Wed before Tết 2027
	date(2027, 2, 11),  # Thu after it
	date(2026, 4, 29),
	date(2026, 5, 4),
	date(2027, 5, 4),
	date(2026, 8, 22),  # a Saturday: the make-up working day for Mon 31 Aug
	date(2026, 9, 3),
	date(2026, 4, 28),
	date(2027, 4, 15),
	date(2026, 1, 2),
]


@pytest.mark.parametrize("day", DAYS_OFF, ids=str)
def test_holidays_and_weekends_are_days_off(calendar, day):
	assert not calendar.is_working_day(day)


@pytest.mark.parametrize("day", WORKING_DAYS, ids=str)
def test_ordinary_and_make_up_days_are_working_days(calendar, day):
	assert calendar.is_working_day(day)


def test_holiday_names_come_from_the_package(calendar):
	# the package names holidays in the language of the process's locale (LANGUAGE, LC_ALL, LANG),
	# so only their presence is checked
	assert calendar.holiday_name(date(2026, 2, 17))
	assert calendar.holiday_name(date(2026, 9, 2))
	assert calendar.holiday_name(date(2027, 4, 16))
	assert calendar.holiday_name(date(2026, 2, 14)) is None  # a plain Saturday
	assert calendar.holiday_name(date(2026, 2, 13)) is None


def test_accepts_strings_and_datetimes(calendar):
	assert not calendar.is_working_day("2026-02-17")
	assert not calendar.is_working_day(datetime(2026, 2, 17, 9, 30))
	assert calendar.add_working_days("2026-02-13", 3) == date(2026, 2, 25)
	assert calendar.add_working_days(datetime(2026, 2, 13, 16, 45), 3) == date(2026, 2, 25)
	assert calendar.working_days_between("2026-02-13 08:00:00", datetime(2026, 2, 25, 17, 0)) == 3


def test_country_defaults_to_vietnam():
	assert WorkingCalendar().country == "VN"
	assert WorkingCalendar(None).country == "VN"
	assert WorkingCalendar("vn").country == "VN"


# Adding working days ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, days, expected",
	[
		# across Tết 2026
		(date(2026, 2, 13), 1, date(2026, 2, 23)),
		(date(2026, 2, 13), 3, date(2026, 2, 25)),
		(date(2026, 2, 12), 3, date(2026, 2, 24)),
		# a start on a holiday counts from the first working day after it
		(date(2026, 2, 17), 1, date(2026, 2, 23)),
		# across Tết 2027
		(date(2027, 2, 3), 1, date(2027, 2, 11)),
		(date(2027, 2, 3), 3, date(2027, 2, 15)),
		# 30/4 - 1/5
		(date(2026, 4, 29), 1, date(2026, 5, 4)),
		(date(2027, 4, 29), 1, date(2027, 5, 4)),
		# Hùng Kings' day
		(date(2026, 4, 24), 1, date(2026, 4, 28)),
		(date(2027, 4, 15), 1, date(2027, 4, 19)),
		# 2/9 2026: the Saturday before is worked, the Monday before is off
		(date(2026, 8, 20), 2, date(2026, 8, 22)),
		(date(2026, 8, 21), 2, date(2026, 8, 24)),
		(date(2026, 8, 28), 1, date(2026, 9, 3)),
		# an ordinary week: the weekend is skipped
		(date(2026, 3, 6), 1, date(2026, 3, 9)),
		(date(2026, 3, 2), 4, date(2026, 3, 6)),
	],
)
def test_add_working_days(calendar, start, days, expected):
	assert calendar.add_working_days(start, days) == expected


@pytest.mark.parametrize(
	"start, days, expected",
	[
		(date(2026, 2, 23), -1, date(2026, 2, 13)),
		(date(2026, 2, 25), -3, date(2026, 2, 13)),
		(date(2026, 9, 3), -1, date(2026, 8, 28)),
		(date(2026, 9, 3), -5, date(2026, 8, 24)),
		(date(2026, 9, 3), -6, date(2026, 8, 22)),  # the worked Saturday counts backwards too
		(date(2027, 2, 11), -1, date(2027, 2, 3)),
	],
)
def test_negative_days_count_backwards(calendar, start, days, expected):
	assert calendar.add_working_days(start, days) == expected


@pytest.mark.parametrize(
	"start, expected",
	[
		(date(2026, 2, 13), date(2026, 2, 13)),  # a working day is its own answer
		(date(2026, 2, 16), date(2026, 2, 23)),  # Tết: the first working day after it
		(date(2026, 2, 14), date(2026, 2, 23)),  # the Saturday before Tết
		(date(2026, 8, 22), date(2026, 8, 22)),  # the worked Saturday
		(date(2026, 8, 29), date(2026, 9, 3)),  # the weekend before 2/9
		(date(2027, 2, 4), date(2027, 2, 11)),
	],
)
def test_zero_days_is_the_next_working_day(calendar, start, expected):
	assert calendar.add_working_days(start, 0) == expected


# Counting working days ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"start, end, expected",
	[
		(date(2026, 2, 13), date(2026, 2, 25), 3),
		(date(2026, 2, 13), date(2026, 2, 23), 1),
		(date(2026, 2, 13), date(2026, 2, 22), 0),  # the whole break
		(date(2026, 1, 31), date(2026, 2, 28), 15),  # February 2026: 20 weekdays, 5 of them Tết
		(date(2027, 2, 3), date(2027, 2, 11), 1),
		(date(2026, 8, 21), date(2026, 9, 4), 8),  # Sat 22 Aug counts, 31 Aug - 2 Sep do not
		(date(2026, 4, 29), date(2026, 5, 4), 1),
		(date(2026, 3, 2), date(2026, 3, 2), 0),
	],
)
def test_working_days_between(calendar, start, end, expected):
	assert calendar.working_days_between(start, end) == expected
	assert calendar.working_days_between(end, start) == -expected


# The Government's moves: Party Residence Settings' table wins over the package ----------------------------


def test_extra_day_off_on_an_ordinary_working_day():
	calendar = fresh_calendar(extra_days_off=[date(2026, 2, 13)])
	assert not calendar.is_working_day(date(2026, 2, 13))
	assert calendar.add_working_days(date(2026, 2, 12), 1) == date(2026, 2, 23)
	assert calendar.working_days_between(date(2026, 2, 12), date(2026, 2, 25)) == 3


def test_extra_working_day_on_a_weekend():
	calendar = fresh_calendar(extra_working_days=["2026-02-14"])
	assert calendar.is_working_day(date(2026, 2, 14))
	assert calendar.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)


def test_extra_working_day_on_a_public_holiday():
	calendar = fresh_calendar(extra_working_days=[date(2026, 2, 20)])
	assert calendar.is_working_day(date(2026, 2, 20))
	assert calendar.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 20)
	assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 4


def test_extra_day_off_on_the_packages_make_up_working_day():
	calendar = fresh_calendar(extra_days_off=[date(2026, 8, 22)])
	assert not calendar.is_working_day(date(2026, 8, 22))
	assert calendar.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 24)


def test_a_swapped_pair_of_days_keeps_the_count():
	# work Saturday 7 March, rest Monday 9 March
	calendar = fresh_calendar(extra_working_days=[date(2026, 3, 7)], extra_days_off=[date(2026, 3, 9)])
	assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)
	assert calendar.add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 10)
	assert calendar.working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 5


def test_extra_days_do_not_leak_into_another_calendar():
	fresh_calendar(extra_days_off=[date(2026, 3, 10)])
	assert WorkingCalendar().is_working_day(date(2026, 3, 10))


# The package's make-up working days, asked about first -----------------------------------------------------


def test_make_up_working_day_is_known_before_its_year_is_loaded():
	working_days._country_holidays.cache_clear()
	calendar = WorkingCalendar()
	assert calendar.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)


# Properties -------------------------------------------------------------------------------------------------

PROPERTY_CALENDAR = fresh_calendar()
any_day = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 10, 31))


@given(day=any_day, days=st.integers(min_value=0, max_value=40))
def test_result_is_always_a_working_day(day, days):
	result = PROPERTY_CALENDAR.add_working_days(day, days)
	assert PROPERTY_CALENDAR.is_working_day(result)
	assert result >= day


@given(day=any_day, days=st.integers(min_value=-40, max_value=40))
def test_counting_undoes_adding_from_a_working_day(day, days):
	assume(PROPERTY_CALENDAR.is_working_day(day))
	result = PROPERTY_CALENDAR.add_working_days(day, days)
	assert PROPERTY_CALENDAR.working_days_between(day, result) == days
	assert PROPERTY_CALENDAR.is_working_day(result)


@given(day=any_day, days=st.integers(min_value=1, max_value=40))
def test_no_working_day_is_skipped(day, days):
	result = PROPERTY_CALENDAR.add_working_days(day, days)
	between = [day + timedelta(days=i) for i in range(1, (result - day).days + 1)]
	assert sum(PROPERTY_CALENDAR.is_working_day(d) for d in between) == days


@given(a=any_day, b=any_day)
def test_counting_is_antisymmetric(a, b):
	assert PROPERTY_CALENDAR.working_days_between(a, b) == -PROPERTY_CALENDAR.working_days_between(b, a)


@given(a=any_day, b=any_day, c=any_day)
def test_counts_add_up(a, b, c):
	between = PROPERTY_CALENDAR.working_days_between
	assert between(a, c) == between(a, b) + between(b, c)


# The holidays as the site keeps them ------------------------------------------------------------


def table_calendar(loads: list[int] | None = None) -> WorkingCalendar:
	"""A calendar on the holidays of each year as the site keeps them (working_days.HolidayTable)."""
	source = working_days._country_holidays("VN")

	def load(year):
		if loads is not None:
			loads.append(year)
		return working_days.holidays_of_year("VN", year)

	return WorkingCalendar(public_holidays=working_days.HolidayTable(source.weekend, load))


def test_the_kept_holidays_give_the_same_calendar_every_day():
	kept, built = table_calendar(), fresh_calendar()
	day = date(YEARS[0], 1, 1)
	while day.year in YEARS:
		assert kept.is_working_day(day) == built.is_working_day(day), day
		assert kept.holiday_name(day) == built.holiday_name(day), day
		day += timedelta(days=1)


def test_the_kept_holidays_know_a_make_up_day_asked_about_first():
	# Sat 22 Aug 2026 is worked to make up for Mon 31 Aug: asked first, its year is loaded with it
	assert table_calendar().add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)


def test_each_year_is_read_once():
	loads = []
	calendar = table_calendar(loads)
	calendar.working_days_between(date(2026, 1, 1), date(2027, 12, 31))
	calendar.add_working_days(date(2026, 6, 1), 30)
	assert sorted(loads) == [2026, 2027]
