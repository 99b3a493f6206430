# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from party_residence.tests import fixtures
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

NOTICE = "Violation Notice"


class TestViolationNotice(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.m1 = cls.world.members["M1"]  # lives in branch T-WARD-A-B1, works in T-WP-X

	def act(self, name, action, user):
		return fixtures.act(NOTICE, name, action, user)

	def draft(self):
		frappe.set_user(self.world.users["secretary"])
		try:
			return frappe.get_doc(
				{
					"doctype": NOTICE,
					"party_member": self.m1,
					"occurred_on": "2026-05-10",
					"description": "Không chấp hành quy định về trật tự xây dựng tại khu dân cư",
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def seen_by(self, role, name):
		frappe.set_user(self.world.users[role])
		try:
			return name in frappe.get_list(NOTICE, pluck="name")
		finally:
			frappe.set_user("Administrator")

	def test_a_violation_cannot_happen_in_the_future(self):
		from frappe.utils import add_days, today
		from party_residence.exceptions import ViolationError

		frappe.set_user(self.world.users["secretary"])
		notice = frappe.get_doc(
			{
				"doctype": NOTICE,
				"party_member": self.m1,
				"occurred_on": add_days(today(), 1),
				"description": "Ngày ghi nhầm",
			}
		)
		self.assertRaises(ViolationError, notice.insert)

	def test_branch_drafts_committee_sends_workplace_resolves(self):
		notice = self.draft()
		self.assertEqual(
			(notice.residence_committee, notice.workplace_organization), ("T-WARD-A", "T-WP-X-B1")
		)
		self.assertFalse(self.seen_by("workplace", notice.name))  # not sent yet
		self.assertRaises(
			WorkflowTransitionError, self.act, notice.name, "Send", self.world.users["secretary"]
		)

		sent = self.act(notice.name, "Send", self.world.users["committee"])
		self.assertTrue(sent.sent_on)
		self.assertIn(self.world.users["workplace"], sent.workplace_contacts)
		self.assertTrue(self.seen_by("workplace", notice.name))
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": self.world.users["workplace"], "document_name": notice.name}
			)
		)
		self.assertFalse(self.seen_by("member", notice.name))  # the member waits for the outcome

		self.act(notice.name, "Acknowledge", self.world.users["workplace"])
		# resolving needs the resolution first
		self.assertRaises(
			WorkflowTransitionError, self.act, notice.name, "Resolve", self.world.users["workplace"]
		)
		frappe.set_user(self.world.users["workplace"])
		doc = frappe.get_doc(NOTICE, notice.name)
		doc.resolution = "Chi bộ đã kiểm điểm, nhắc nhở đảng viên"
		doc.save()
		resolved = self.act(notice.name, "Resolve", self.world.users["workplace"])
		self.assertTrue(resolved.resolved_on)
		self.assertTrue(self.seen_by("member", notice.name))
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": self.world.users["committee"], "document_name": notice.name}
			)
		)
