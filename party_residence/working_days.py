"""Working days: every time limit of the procedure is counted here.

The public holidays come from the `holidays` package (Vietnam: New Year, the lunar Tết days,
Hùng Kings' day, 30/4, 1/5, 2/9 and the make-up days the Government announces). Each year the
Government also moves days: Party Residence Settings keeps a table of extra days off and extra
working days, which win over the package.

`WorkingCalendar` is plain Python; `get_calendar()` builds the site's calendar from Settings and
caches it until Settings change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

DEFAULT_COUNTRY = "VN"
SETTINGS = "Party Residence Settings"
CACHE_KEY = "party_residence:working_calendar"


def _as_date(value: date | datetime | str) -> date:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	return date.fromisoformat(str(value)[:10])


@lru_cache(maxsize=8)
def _country_holidays(country: str) -> holidays.HolidayBase:
	return holidays.country_holidays(country)


class WorkingCalendar:
	"""Answers "is this a working day", "date + N working days" and "working days between"."""

	def __init__(
		self,
		country: str = DEFAULT_COUNTRY,
		extra_days_off: Iterable[date | str] = (),
		extra_working_days: Iterable[date | str] = (),
	):
		self.country = (country or DEFAULT_COUNTRY).upper()
		self.public_holidays = _country_holidays(self.country)
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
		config = {
			"country": settings.holiday_country or DEFAULT_COUNTRY,
			"off": [str(row.calendar_date) for row in settings.calendar_days if row.day_type == "Day Off"],
			"work": [
				str(row.calendar_date) for row in settings.calendar_days if row.day_type == "Working Day"
			],
		}
		frappe.cache.set_value(CACHE_KEY, config)
	return WorkingCalendar(config["country"], config["off"], config["work"])


def clear_calendar_cache() -> None:
	import frappe

	frappe.cache.delete_value(CACHE_KEY)
	frappe.db.after_rollback.add(lambda: frappe.cache.delete_value(CACHE_KEY))


def add_working_days(start: date | datetime | str, days: int) -> date:
	return get_calendar().add_working_days(start, days)


def working_days_between(start: date | datetime | str, end: date | datetime | str) -> int:
	return get_calendar().working_days_between(start, end)
