# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import datetime
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from party_residence.exceptions import ReviewRequestRefusedError
from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
	make_active_member,
)
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

REQUEST = "Residence Review Request"


def make_request(member, purpose="Annual Review", year=2026, send=False, user=None):
	if user:
		frappe.set_user(user)
	try:
		doc = frappe.get_doc(
			{"doctype": REQUEST, "party_member": member, "purpose": purpose, "review_year": year}
		).insert()
		return apply_workflow(doc, "Send") if send else doc
	finally:
		frappe.set_user("Administrator")


def make_workplace_member(**kwargs):
	"""A member of workplace committee T-WP-X, active in residential branch T-WARD-A-B2."""
	name = make_active_member("T-WARD-A-B2", **kwargs)
	frappe.db.set_value("Party Member", name, "workplace_organization", "T-WP-X-B1")
	return name


class TestResidenceReviewRequest(PartyResidenceTestCase):
	def test_request_takes_both_sides_from_the_member(self):
		member = make_workplace_member()
		request = make_request(member, user=self.workplace)
		self.assertEqual(
			(
				request.workplace_organization,
				request.issuing_committee,
				request.residence_committee,
				request.residence_branch,
			),
			("T-WP-X-B1", "T-WP-X", "T-WARD-A", "T-WARD-A-B2"),
		)

	def test_only_members_active_at_a_residence(self):
		not_active = make_active_member("T-WARD-A-B2", status="Introduced")
		self.assertRaises(ReviewRequestRefusedError, make_request, not_active)

	def test_exempt_from_activity_gets_reviews_on_demand_only(self):
		member = make_workplace_member(exemption="Exempt from Residence Activity", exemption_reason="Đi biển")
		self.assertRaises(ReviewRequestRefusedError, make_request, member, "Annual Review")
		self.assertEqual(make_request(member, "Cadre Work").purpose, "Cadre Work")

	def test_never_two_for_one_member_year_and_purpose(self):
		member = make_workplace_member()
		first = make_request(member, send=True)
		self.assertRaises(frappe.DuplicateEntryError, make_request, member)
		make_request(member, year=2025)  # another year
		make_request(member, purpose="Party Admission")  # another purpose

		first.db_set("cancel_reason", "Lập nhầm")
		apply_workflow(first, "Cancel")
		make_request(member)  # a cancelled request frees the slot

	def test_due_date_in_working_days(self):
		member = make_workplace_member()
		with patch("party_residence.reviews.now_datetime", return_value=datetime.datetime(2027, 2, 3, 9)):
			# Wednesday 3 Feb 2027: Tết Đinh Mùi closes 4-10 Feb
			request = make_request(member, send=True)
		self.assertEqual(request.due_date, datetime.date(2027, 2, 15))

	def test_residence_side_sees_it_once_sent(self):
		member = make_workplace_member()
		request = make_request(member, user=self.workplace)
		frappe.set_user(self.world.users["committee"])
		self.assertNotIn(request.name, frappe.get_list(REQUEST, pluck="name"))
		frappe.set_user("Administrator")
		apply_workflow(request, "Send")
		frappe.set_user(self.world.users["committee"])
		self.assertIn(request.name, frappe.get_list(REQUEST, pluck="name"))

	def test_branch_is_told(self):
		member = make_workplace_member()
		request = make_request(member, send=True)
		branch_secretary = frappe.get_doc(REQUEST, request.name).branch_contacts
		self.assertEqual(branch_secretary, None)  # branch A2 has no secretary and no e-mail
		request = make_request(self.world.members["M1"], purpose="Other", send=True)
		self.assertIn(self.world.users["secretary"], request.branch_contacts)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": self.world.users["secretary"],
					"document_type": REQUEST,
					"document_name": request.name,
				},
			)
		)


class TestSelfReportYear(PartyResidenceTestCase):
	def test_a_new_self_report_is_for_the_year_a_review_is_asked_for(self):
		from frappe.utils import getdate
		from party_residence import roles
		from party_residence.api.portal import self_report_year

		member = make_workplace_member()
		email = f"pr.selfreport.{frappe.generate_hash(length=6)}@example.com"
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Đảng viên",
				"send_welcome_email": 0,
				"user_type": "Website User",
				"roles": [{"role": roles.MEMBER}],
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Party Member", member, "user", email)
		this_year = getdate().year
		self.set_user(email)
		self.assertIn(self_report_year(), (this_year, this_year - 1))  # nothing asked yet

		asked = this_year - 2
		self.set_user("Administrator")
		make_request(member, year=asked, send=True, user=self.workplace)
		self.set_user(email)
		self.assertEqual(self_report_year(), asked)
