"""Working days: every time limit of the procedure is counted here.

The public holidays come from the `holidays` package (Vietnam: New Year, the lunar Tết days,
Hùng Kings' day, 30/4, 1/5, 2/9 and the make-up days the Government announces). Each year the
Government also moves days: Party Residence Settings keeps a table of extra days off and extra
working days, which win over the package.

`WorkingCalendar` is plain Python; `get_calendar()` builds the site's calendar from Settings and
caches it until Settings change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
	import holidays

DEFAULT_COUNTRY = "VN"
SETTINGS = "Party Residence Settings"
CACHE_KEY = "party_residence:calendar"
HOLIDAYS_KEY = "party_residence:public_holidays"


def _as_date(value: date | datetime | str) -> date:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	return date.fromisoformat(str(value)[:10])


@lru_cache(maxsize=8)
def _country_holidays(country: str) -> holidays.HolidayBase:
	# imported when first needed: the package loads every country it knows (about 0.1 s)
	import holidays

	return holidays.country_holidays(country)


def holidays_of_year(country: str, year: int) -> tuple[dict[date, str], set[date]]:
	"""The public holidays of `year` with their names, and its make-up working days (a holiday
	near the turn of a year may be made up in the next one, so the years around it are read too)."""
	source = _country_holidays(country)
	for near in (year - 1, year, year + 1):
		source.get(date(near, 1, 1))  # a look-up in a year loads the year
	names = {day: name for day, name in source.items() if day.year == year}
	workdays = {day for day in source.weekend_workdays if day.year == year}
	return names, workdays


class HolidayTable:
	"""What WorkingCalendar asks of a `holidays` object (is a day a holiday, its name, the weekend
	and the make-up working days), from the holidays of each year as `load(year)` gives them: the
	site keeps them, so a new process need not build the country's calendar again."""

	def __init__(self, weekend: Iterable[int], load: Callable[[int], tuple[dict[date, str], set[date]]]):
		self.weekend = frozenset(weekend)
		self.weekend_workdays: set[date] = set()
		self._load = load
		self._names: dict[date, str] = {}
		self._years: set[int] = set()

	def _ensure_year(self, day: date) -> None:
		if day.year not in self._years:
			self._years.add(day.year)
			names, workdays = self._load(day.year)
			self._names.update(names)
			self.weekend_workdays.update(workdays)

	def __contains__(self, day: date) -> bool:
		self._ensure_year(day)
		return day in self._names

	def get(self, day: date, default=None):
		self._ensure_year(day)
		return self._names.get(day, default)


class WorkingCalendar:
	"""Answers "is this a working day", "date + N working days" and "working days between"."""

	def __init__(
		self,
		country: str = DEFAULT_COUNTRY,
		extra_days_off: Iterable[date | str] = (),
		extra_working_days: Iterable[date | str] = (),
		public_holidays: holidays.HolidayBase | HolidayTable | None = None,
	):
		self.country = (country or DEFAULT_COUNTRY).upper()
		self.public_holidays = public_holidays or _country_holidays(self.country)
		self.extra_days_off = frozenset(_as_date(d) for d in extra_days_off)
		self.extra_working_days = frozenset(_as_date(d) for d in extra_working_days)

	def is_working_day(self, day: date | datetime | str) -> bool:
		day = _as_date(day)
		if day in self.extra_working_days:
			return True
		if day in self.extra_days_off:
			return False
		# the membership test loads the day's year, and with it that year's make-up working days,
		# which weekend_workdays only holds once the year is loaded
		is_holiday = day in self.public_holidays
		if day in self.public_holidays.weekend_workdays:
			return True
		return day.weekday() not in self.public_holidays.weekend and not is_holiday

	def holiday_name(self, day: date | datetime | str) -> str | None:
		day = _as_date(day)
		return self.public_holidays.get(day)

	def add_working_days(self, start: date | datetime | str, days: int) -> date:
		"""The `days`-th working day after `start` (start itself not counted).

		With days == 0: `start` if it is a working day, else the next working day.
		Negative `days` count backwards (used for "remind N working days before").
		"""
		day = _as_date(start)
		if days == 0:
			while not self.is_working_day(day):
				day += timedelta(days=1)
			return day
		step = timedelta(days=1 if days > 0 else -1)
		remaining = abs(days)
		while remaining:
			day += step
			if self.is_working_day(day):
				remaining -= 1
		return day

	def working_days_between(self, start: date | datetime | str, end: date | datetime | str) -> int:
		"""Working days d with start < d <= end; negative when end is before start."""
		start, end = _as_date(start), _as_date(end)
		if end < start:
			return -self.working_days_between(end, start)
		count = 0
		day = start
		while day < end:
			day += timedelta(days=1)
			if self.is_working_day(day):
				count += 1
		return count


# Site adapter ---------------------------------------------------------------------------------


def get_calendar() -> WorkingCalendar:
	"""The calendar of the current site, from Party Residence Settings (cached)."""
	import frappe

	config = frappe.cache.get_value(CACHE_KEY)
	if config is None:
		settings = frappe.get_cached_doc(SETTINGS)
		country = (settings.holiday_country or DEFAULT_COUNTRY).upper()
		config = {
			"country": country,
			"weekend": sorted(_country_holidays(country).weekend),
			"off": [str(row.calendar_date) for row in settings.calendar_days if row.day_type == "Day Off"],
			"work": [
				str(row.calendar_date) for row in settings.calendar_days if row.day_type == "Working Day"
			],
		}
		frappe.cache.set_value(CACHE_KEY, config)
	country = config["country"]
	# one calendar a request or job for these settings: a report asks for it once a row
	key = (country, tuple(config["weekend"]), tuple(config["off"]), tuple(config["work"]))
	return frappe.local_cache(
		"party_residence:calendars",
		key,
		lambda: WorkingCalendar(
			country,
			config["off"],
			config["work"],
			HolidayTable(config["weekend"], lambda year: _site_holidays_of_year(country, year)),
		),
	)


@lru_cache(maxsize=1)
def _holidays_version() -> str:
	from importlib.metadata import version

	return version("holidays")


def _site_holidays_of_year(country: str, year: int) -> tuple[dict[date, str], set[date]]:
	"""holidays_of_year(), kept by the site: they change only with the `holidays` package."""
	import frappe

	# a new release of the package may know more make-up days: what it gave is kept under its version
	key = f"{HOLIDAYS_KEY}:{_holidays_version()}:{country}:{year}"
	kept = frappe.cache.get_value(key)
	if kept is None:
		names, workdays = holidays_of_year(country, year)
		kept = {
			"names": {str(day): name for day, name in names.items()},
			"workdays": sorted(map(str, workdays)),
		}
		frappe.cache.set_value(key, kept)
	return (
		{date.fromisoformat(day): name for day, name in kept["names"].items()},
		{date.fromisoformat(day) for day in kept["workdays"]},
	)


def clear_calendar_cache() -> None:
	import frappe

	frappe.cache.delete_value(CACHE_KEY)
	frappe.db.after_rollback.add(lambda: frappe.cache.delete_value(CACHE_KEY))


def add_working_days(start: date | datetime | str, days: int) -> date:
	return get_calendar().add_working_days(start, days)


def working_days_between(start: date | datetime | str, end: date | datetime | str) -> int:
	return get_calendar().working_days_between(start, end)
