# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from party_residence.party_residence.report.introduction_register.introduction_register import execute
from party_residence.tests.fixtures import ensure_world


def register(side, organization, user, **filters):
	frappe.set_user(user)
	try:
		_columns, rows = execute({"side": side, "organization": organization, **filters})
		return {row.name for row in rows}
	finally:
		frappe.set_user("Administrator")


class TestIntroductionRegister(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.i = cls.world.introductions

	def test_workplace_register_lists_letters_it_issued(self):
		rows = register("Workplace", "T-WP-X", self.world.users["workplace"])
		self.assertIn(self.i["I1"], rows)  # M1, acknowledged
		self.assertNotIn(self.i["I2"], rows)  # a draft is not in the register
		self.assertNotIn(self.i["I3"], rows)  # M3 works elsewhere

	def test_residence_register_lists_letters_received_in_the_ward(self):
		rows = register("Residence", "T-WARD-A", self.world.users["committee"])
		self.assertEqual({self.i["I1"], self.i["I3"]} & rows, {self.i["I1"], self.i["I3"]})
		branch_rows = register("Residence", "T-WARD-A-B1", self.world.users["secretary"])
		self.assertIn(self.i["I1"], branch_rows)
		self.assertNotIn(self.i["I3"], branch_rows)

	def test_each_step_of_a_letter_has_its_date(self):
		frappe.set_user(self.world.users["committee"])
		try:
			_columns, rows = execute({"side": "Residence", "organization": "T-WARD-A"})
		finally:
			frappe.set_user("Administrator")
		acknowledged = next(row for row in rows if row.name == self.i["I1"])
		for field in ("sent_on", "received_on", "assigned_on", "acknowledged_on"):
			with self.subTest(field=field):
				self.assertIsNotNone(acknowledged[field])
		sent = next(row for row in rows if row.name == self.i["I3"])  # awaits receipt by its due date
		self.assertIsNotNone(sent.due_date)
		self.assertIsNone(sent.received_on)

	def test_register_never_shows_out_of_scope_letters(self):
		# the ward A officer asks for the whole city: still only ward A's letters
		rows = register("Residence", "T-CITY", self.world.users["committee"])
		self.assertNotIn(self.i["I2"], rows)
		for name in rows:
			self.assertIn(
				frappe.db.get_value("Residence Introduction", name, "residence_committee"), {"T-WARD-A"}
			)

	def test_period_filter(self):
		rows = register("Workplace", "T-WP-X", self.world.users["workplace"], from_date=add_days(today(), 1))
		self.assertEqual(rows, set())

	def test_the_period_must_be_in_order(self):
		self.assertRaises(
			frappe.ValidationError,
			register,
			"Workplace",
			"T-WP-X",
			"Administrator",
			from_date=today(),
			to_date=add_days(today(), -1),
		)
