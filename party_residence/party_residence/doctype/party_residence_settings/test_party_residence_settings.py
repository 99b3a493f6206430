# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from party_residence.working_days import add_working_days, get_calendar, working_days_between

SETTINGS = "Party Residence Settings"


def set_calendar_days(*rows):
	settings = frappe.get_single(SETTINGS)
	settings.set("calendar_days", [])
	for calendar_date, day_type in rows:
		settings.append("calendar_days", {"calendar_date": calendar_date, "day_type": day_type})
	settings.save()


class TestPartyResidenceSettings(FrappeTestCase):
	def tearDown(self):
		set_calendar_days()

	def test_install_sets_three_working_days_by_default(self):
		settings = frappe.get_single(SETTINGS)
		self.assertEqual(settings.introduction_receipt_days, 3)
		self.assertEqual(settings.introduction_acknowledge_days, 3)
		self.assertEqual(settings.review_response_days, 3)
		self.assertEqual(settings.holiday_country, "VN")

	def test_deadline_before_tet_skips_the_holiday(self):
		# Friday 13 Feb 2026: Tết Bính Ngọ runs Sat 14 - Sun 22 Feb
		self.assertEqual(add_working_days("2026-02-13", 3), datetime.date(2026, 2, 25))
		self.assertEqual(working_days_between("2026-02-13", "2026-02-25"), 3)

	def test_extra_day_off_from_settings_moves_the_deadline(self):
		set_calendar_days(("2026-02-23", "Day Off"))
		self.assertEqual(add_working_days("2026-02-13", 3), datetime.date(2026, 2, 26))

	def test_extra_working_day_from_settings_counts(self):
		# Saturday 14 Feb 2026 worked in exchange for another day
		set_calendar_days(("2026-02-14", "Working Day"))
		self.assertEqual(add_working_days("2026-02-13", 1), datetime.date(2026, 2, 14))

	def test_the_same_date_twice_is_refused(self):
		self.assertRaises(
			frappe.ValidationError,
			set_calendar_days,
			("2026-02-23", "Day Off"),
			("2026-02-23", "Working Day"),
		)

	def test_unknown_holiday_country_is_refused(self):
		settings = frappe.get_single(SETTINGS)
		settings.holiday_country = "XX"
		self.assertRaises(frappe.ValidationError, settings.save)

	def test_calendar_follows_a_settings_change_at_once(self):
		self.assertTrue(get_calendar().is_working_day("2026-03-10"))
		set_calendar_days(("2026-03-10", "Day Off"))
		self.assertFalse(get_calendar().is_working_day("2026-03-10"))
