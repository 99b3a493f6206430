# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from party_residence.tests.fixtures import ensure_world


def make_activity(member, duty="6", activity_date="2026-02-01", **kwargs):
	return frappe.get_doc(
		{
			"doctype": "Residence Activity",
			"party_member": member,
			"duty": duty,
			"activity_date": activity_date,
			"description": "Cùng gia đình tham gia ngày chủ nhật xanh",
			**kwargs,
		}
	).insert()


class TestResidenceActivity(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.m1 = cls.world.members["M1"]

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_activity_takes_the_member_branch_and_names_the_duty(self):
		activity = make_activity(self.m1, duty="6")
		self.assertEqual(activity.residence_branch, "T-WARD-A-B1")
		self.assertEqual(activity.workplace_organization, "T-WP-X-B1")
		self.assertEqual(activity.duty_title, "Local campaigns and movements, with the family")

	def test_editing_an_old_activity_keeps_its_branch(self):
		activity = make_activity(self.m1, duty="6")
		# the member moves to another branch of the ward afterwards
		frappe.db.set_value("Party Member", self.m1, "residence_branch", "T-WARD-A-B2")
		self.addCleanup(frappe.db.set_value, "Party Member", self.m1, "residence_branch", "T-WARD-A-B1")
		activity.description = "Cùng gia đình tham gia ngày chủ nhật xanh, dọn vệ sinh ngõ 12"
		activity.save()
		self.assertEqual(activity.residence_branch, "T-WARD-A-B1")

	def test_duty_is_one_of_the_seven(self):
		self.assertRaises(frappe.ValidationError, make_activity, self.m1, duty="8")

	def test_not_in_the_future(self):
		self.assertRaises(frappe.ValidationError, make_activity, self.m1, activity_date=add_days(today(), 1))

	def test_the_member_timeline_lists_it(self):
		activity = make_activity(self.m1)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Party Member",
					"reference_name": self.m1,
					"content": ("like", f"%{activity.name}%"),
				},
			)
		)

	def test_secretary_records_for_own_branch_only(self):
		frappe.set_user(self.world.users["secretary"])
		make_activity(self.m1)
		self.assertRaises(frappe.PermissionError, make_activity, self.world.members["M3"])
