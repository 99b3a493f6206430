# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.website.doctype.web_form.web_form import accept
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

DOCTYPE = "Member Self Report"
WEB_FORM = "residence-duties-self-report"


class TestSelfReportNaming(PartyResidenceTestCase):
	"""A self-report is named after its member and year; the member is the one the login belongs
	to, taken before the name is made."""

	def file_on_the_portal(self, user, year, **duties):
		frappe.set_user(self.world.users[user])
		frappe.local.request_ip = "127.0.0.1"
		return accept(WEB_FORM, frappe.as_json({"doctype": DOCTYPE, "review_year": year, **duties}))

	def test_two_members_file_for_the_same_year_through_the_web_form(self):
		first = self.file_on_the_portal("member", 2019, duty_1="Gương mẫu nơi cư trú")
		second = self.file_on_the_portal("member3", 2019, duty_3="Dự đủ các buổi sinh hoạt")
		frappe.set_user("Administrator")
		self.assertEqual(first.name, f"BC-{self.world.members['M1']}-2019")
		self.assertEqual(second.name, f"BC-{self.world.members['M3']}-2019")
		self.assertEqual(frappe.db.get_value(DOCTYPE, second.name, "party_member"), self.world.members["M3"])

	def test_another_members_name_cannot_be_taken(self):
		frappe.set_user(self.world.users["member"])
		squatter = frappe.get_doc(
			{"doctype": DOCTYPE, "review_year": 2018, "party_member": self.world.members["M3"]}
		).insert()
		self.assertEqual(squatter.name, f"BC-{self.world.members['M1']}-2018")
		# the other member's own report for that year is still theirs to file
		mine = self.file_on_the_portal("member3", 2018, duty_2="Tuyên truyền chính sách")
		self.assertEqual(mine.name, f"BC-{self.world.members['M3']}-2018")

	def test_a_second_report_for_a_year_is_refused_with_a_message(self):
		self.file_on_the_portal("member", 2017)
		with self.assertRaises(frappe.DuplicateEntryError) as refused:
			self.file_on_the_portal("member", 2017)
		self.assertIn("2017", str(refused.exception))

	def test_a_closed_report_is_not_moved_to_another_year(self):
		review = self.world.reviews["RV1"]  # about M1, the portal member
		year = frappe.db.get_value("Residence Review", review, "review_year")
		frappe.db.set_value("Residence Review", review, "docstatus", 1)  # confirmed
		report = self.file_on_the_portal("member", 2011)
		frappe.db.set_value(DOCTYPE, report.name, "review_year", year)  # the confirmed year's report
		frappe.set_user(self.world.users["member"])
		moved = frappe.get_doc(DOCTYPE, report.name)
		moved.review_year, moved.duty_1 = 2012, "Viết lại"
		with self.assertRaises(frappe.ValidationError):
			moved.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(DOCTYPE, report.name, "review_year"), year)
