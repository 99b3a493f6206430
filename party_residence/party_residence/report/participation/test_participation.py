# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from party_residence.party_residence.doctype.residence_activity.test_residence_activity import make_activity
from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
	make_active_member,
	make_meeting,
)
from party_residence.tests.fixtures import ensure_world


def run(user, **filters):
	"""The report as the Desk runs it for the user (report permission included)."""
	frappe.set_user(user)
	try:
		result = run_report("Participation", filters={"year": 2026, **filters}, ignore_prepared_report=True)
		data = [frappe._dict(row) for row in result["result"] if isinstance(row, dict)]
		return (
			result["columns"],
			{row.get("party_member") or row.get("residence_branch"): row for row in data},
			result["chart"],
		)
	finally:
		frappe.set_user("Administrator")


class TestParticipation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.member = make_active_member("T-WARD-A-B2")
		for day, mark in (
			("2026-03-10", "Present"),
			("2026-04-10", "Excused"),
			("2026-05-10", "Absent"),
			("2026-06-10", "Present"),
		):
			meeting = make_meeting("T-WARD-A-B2", meeting_date=day)
			for row in meeting.attendance:
				row.attendance = mark
			meeting.save()
			meeting.submit()
		make_meeting("T-WARD-A-B2", meeting_date="2025-12-10")  # last year, and never held
		for duty in ("3", "3", "6"):
			make_activity(cls.member, duty=duty, activity_date="2026-05-01")

	def test_member_figures(self):
		_columns, rows, chart = run("Administrator")
		row = rows[self.member]
		self.assertEqual(
			(row["meetings"], row["present"], row["excused"], row["absent"], row["rate"]), (4, 2, 1, 1, 50.0)
		)
		self.assertEqual((row["duty_3"], row["duty_6"], row["activities"]), (2, 1, 3))
		self.assertEqual(chart["type"], "donut")

	def test_branch_figures(self):
		_columns, rows, chart = run("Administrator", group_by="Branch")
		branch = rows["T-WARD-A-B2"]
		self.assertEqual(branch["held"], 4)
		self.assertEqual(branch["present"] + branch["excused"] + branch["absent"], branch["invited"])
		self.assertEqual(branch["branch_name"], "Chi bộ tổ dân phố số 2")
		self.assertIn("Chi bộ tổ dân phố số 2", chart["data"]["labels"])
		# contributions per duty: this member's two for duty 3 and one for duty 6, and any other's
		for duty, at_least in (("3", 2), ("6", 1)):
			recorded = frappe.db.count(
				"Residence Activity",
				{
					"residence_branch": "T-WARD-A-B2",
					"duty": duty,
					"activity_date": ("between", ("2026-01-01", "2026-12-31")),
				},
			)
			self.assertGreaterEqual(recorded, at_least)
			self.assertEqual(branch[f"duty_{duty}"], recorded)
		self.assertEqual(branch["activities"], sum(branch[f"duty_{n}"] for n in range(1, 8)))

	def test_each_user_sees_their_scope(self):
		_columns, rows, _chart = run(self.world.users["committee"])
		self.assertIn(self.member, rows)
		_columns, rows, _chart = run(self.world.users["secretary"])  # branch A1 only
		self.assertNotIn(self.member, rows)
		self.assertIn(self.world.members["M1"], rows)
		_columns, rows, _chart = run(self.world.users["noscope"])
		self.assertEqual(rows, {})

	def test_workplace_sees_its_members_figures(self):
		# the member works in T-WP-Y-B1: the workplace officer of T-WP-X does not see them
		_columns, rows, _chart = run(self.world.users["workplace"])
		self.assertNotIn(self.member, rows)
		self.assertIn(self.world.members["M1"], rows)
