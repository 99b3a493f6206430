# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from party_residence.exceptions import ResidenceChangeError
from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
	make_active_member,
	make_meeting,
)
from party_residence.tests import fixtures
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world, make_scoped_user

CHANGE = "Residence Change"


class TestResidenceChange(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.second_officer = make_scoped_user(
			f"pr.workplace2.{frappe.generate_hash(length=6)}@example.com", "Workplace Party Officer", "T-WP-X"
		)

	def setUp(self):
		# each test moves its own member: one active in branch T-WARD-A-B1, working in T-WP-X, with a login
		self.member = make_active_member("T-WARD-A-B1")
		frappe.db.set_value("Party Member", self.member, "workplace_organization", "T-WP-X-B1")
		self.member_user = make_scoped_user(
			f"pr.moving.{frappe.generate_hash(length=6)}@example.com", "Party Member"
		)
		frappe.db.set_value("Party Member", self.member, "user", self.member_user)

	def report_move(self, **kwargs):
		"""The member reports it on the portal (the web form inserts as the member)."""
		frappe.set_user(self.member_user)
		try:
			return frappe.get_doc(
				{
					"doctype": CHANGE,
					"reason": "Moved",
					"effective_date": today(),
					"new_residence_address": "Số 8 đường Lê Lợi, phường Bình Minh",
					"new_residence_committee": "T-WARD-B",
					**kwargs,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def act(self, name, action, user):
		return fixtures.act(CHANGE, name, action, user)

	def test_approval_closes_the_old_record_and_drafts_a_new_introduction(self):
		coming = make_meeting("T-WARD-A-B1", meeting_date=add_days(today(), 10))
		self.assertIn(self.member, {row.party_member for row in coming.attendance})

		change = self.report_move(party_member=self.world.members["M3"])  # someone else's: ignored
		self.assertEqual((change.party_member, change.workflow_state), (self.member, "Pending Approval"))
		self.assertEqual(
			(change.old_residence_committee, change.old_residence_branch), ("T-WARD-A", "T-WARD-A-B1")
		)

		approved = self.act(change.name, "Approve", self.workplace)
		member = frappe.get_doc("Party Member", self.member)
		self.assertEqual(
			(member.liaison_status, member.residence_committee, member.residence_branch),
			("Moved Away", "T-WARD-B", None),
		)
		self.assertEqual(member.residence_address, "Số 8 đường Lê Lợi, phường Bình Minh")
		self.assertNotIn(
			self.member, {row.party_member for row in frappe.get_doc(coming.doctype, coming.name).attendance}
		)

		letter = frappe.get_doc("Residence Introduction", approved.new_introduction)
		self.assertEqual((letter.workflow_state, letter.residence_committee), ("Draft", "T-WARD-B"))

		# the officer sends the new letter: the member is on their way to the new ward
		sent = apply_workflow(letter, "Send")
		self.assertEqual(sent.workflow_state, "Sent")
		self.assertEqual(frappe.db.get_value("Party Member", self.member, "liaison_status"), "Introduced")

	def test_an_open_letter_is_cancelled_with_the_reason(self):
		m3 = self.world.members["M3"]  # letter I3 sent to ward A, not received yet
		frappe.set_user(self.world.users["member3"])
		change = frappe.get_doc(
			{
				"doctype": CHANGE,
				"reason": "Moved",
				"effective_date": today(),
				"new_residence_address": "Thôn Đông, xã Hòa Bình",
				"new_residence_committee": "T-WARD-C",
			}
		).insert()
		frappe.set_user("Administrator")
		workplace_y = make_scoped_user(
			f"pr.workplace-y.{frappe.generate_hash(length=6)}@example.com",
			"Workplace Party Officer",
			"T-WP-Y",
		)
		self.act(change.name, "Approve", workplace_y)
		old = frappe.get_doc("Residence Introduction", self.world.introductions["I3"])
		self.assertEqual((old.docstatus, old.workflow_state), (2, "Cancelled"))
		self.assertIn(change.name, old.cancel_reason)
		self.assertEqual(frappe.db.get_value("Party Member", m3, "residence_committee"), "T-WARD-C")

	def test_changed_workplace_and_moved(self):
		change = self.report_move(reason="Changed Workplace", new_workplace_organization="T-WP-Y-B1")
		approved = self.act(change.name, "Approve", self.workplace)
		member = frappe.db.get_value(
			"Party Member",
			self.member,
			["workplace_organization", "liaison_status", "residence_committee", "residence_branch"],
			as_dict=True,
		)
		self.assertEqual(
			(
				member.workplace_organization,
				member.liaison_status,
				member.residence_committee,
				member.residence_branch,
			),
			("T-WP-Y-B1", "Moved Away", "T-WARD-B", None),
		)
		letter = frappe.get_doc("Residence Introduction", approved.new_introduction)
		self.assertEqual(
			(letter.workflow_state, letter.residence_committee, letter.workplace_organization),
			("Draft", "T-WARD-B", "T-WP-Y-B1"),
		)

	def test_changed_workplace_alone_keeps_the_residence_record(self):
		coming = make_meeting("T-WARD-A-B1", meeting_date=add_days(today(), 10))
		# the member may not know the new branch: the officer completes it before approving
		change = self.report_move(
			reason="Changed Workplace",
			new_residence_address="",
			new_residence_committee=None,
			note="Chuyển về Bệnh viện Đa khoa, khoa Nội",
		)
		self.assertEqual(change.workflow_state, "Pending Approval")
		self.assertRaises(ResidenceChangeError, self.act, change.name, "Approve", self.workplace)
		frappe.set_user(self.workplace)
		doc = frappe.get_doc(CHANGE, change.name)
		doc.new_workplace_organization = "T-WP-Y-B1"
		doc.save()
		approved = self.act(change.name, "Approve", self.workplace)

		member = frappe.db.get_value(
			"Party Member",
			self.member,
			["workplace_organization", "liaison_status", "residence_committee", "residence_branch"],
			as_dict=True,
		)
		self.assertEqual(
			(
				member.workplace_organization,
				member.liaison_status,
				member.residence_committee,
				member.residence_branch,
			),
			("T-WP-Y-B1", "Active", "T-WARD-A", "T-WARD-A-B1"),
		)
		self.assertFalse(approved.new_introduction)
		self.assertIn(
			self.member, {row.party_member for row in frappe.get_doc(coming.doctype, coming.name).attendance}
		)

	def test_the_members_proposal_is_checked(self):
		for kwargs in (
			{"new_workplace_organization": "T-WARD-B-B1"},  # a residence branch
			{"new_workplace_organization": "T-WP-X-B1"},  # where they already work
			{"new_workplace_organization": "T-WP-Y-B1", "new_residence_committee": "T-WARD-A-B1"},
			{"new_workplace_organization": "T-WP-Y-B1", "new_residence_committee": "T-WP-Y"},
		):
			with self.subTest(**kwargs):
				self.assertRaises(
					frappe.ValidationError, self.report_move, reason="Changed Workplace", **kwargs
				)
		# a workplace named with another reason is not taken
		change = self.report_move(new_workplace_organization="T-WP-Y-B1")
		self.assertIsNone(change.new_workplace_organization)
		self.act(change.name, "Approve", self.workplace)
		self.assertEqual(
			frappe.db.get_value("Party Member", self.member, "workplace_organization"), "T-WP-X-B1"
		)

	def test_retiring_keeps_the_committee(self):
		change = self.report_move(reason="Retired", new_residence_address="", new_residence_committee=None)
		self.act(change.name, "Approve", self.workplace)
		member = frappe.db.get_value(
			"Party Member", self.member, ["liaison_status", "residence_committee"], as_dict=True
		)
		self.assertEqual((member.liaison_status, member.residence_committee), ("Moved Away", "T-WARD-A"))

	def test_the_workplace_is_told_and_the_member_hears_back(self):
		change = self.report_move()
		self.assertIn(self.workplace, change.workplace_contacts)
		self.assertIn(self.workplace, self.recipients(change.name))
		self.assertNotIn(self.member_user, self.recipients(change.name))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.workplace, "document_name": change.name})
		)
		self.assertTrue(self.queued_for(change.name, self.workplace, "báo chuyển nơi cư trú"))
		self.assertTrue(self.queued_for(change.name, self.workplace, "Số 8 đường Lê Lợi"))

		self.act(change.name, "Approve", self.workplace)
		self.assertIn(self.member_user, self.recipients(change.name))
		self.assertTrue(self.queued_for(change.name, self.member_user, "đã đồng ý"))

		rejected = self.report_move(reason="Retired", new_residence_address="", new_residence_committee=None)
		self.act(rejected.name, "Reject", self.workplace)
		self.assertTrue(self.queued_for(rejected.name, self.member_user, "chưa đồng ý"))
		self.assertFalse(self.queued_for(rejected.name, self.member_user, "đã đồng ý"))

	def recipients(self, name):
		queue = frappe.qb.DocType("Email Queue")
		recipient = frappe.qb.DocType("Email Queue Recipient")
		return set(
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(recipient.recipient)
			.where((queue.reference_doctype == CHANGE) & (queue.reference_name == name))
			.run(pluck=True)
		)

	def queued_for(self, name, user, text):
		queue = frappe.qb.DocType("Email Queue")
		recipient = frappe.qb.DocType("Email Queue Recipient")
		messages = (
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(queue.message)
			.where(
				(queue.reference_doctype == CHANGE)
				& (queue.reference_name == name)
				& (recipient.recipient == user)
			)
			.run(pluck=True)
		)
		return any(text in _html_body(message) for message in messages)

	def test_rejected_change_changes_nothing(self):
		change = self.report_move()
		self.act(change.name, "Reject", self.workplace)
		member = frappe.db.get_value(
			"Party Member", self.member, ["liaison_status", "residence_branch"], as_dict=True
		)
		self.assertEqual((member.liaison_status, member.residence_branch), ("Active", "T-WARD-A-B1"))

	def test_members_do_not_approve_and_officers_do_not_approve_their_own(self):
		change = self.report_move()
		self.assertRaises(
			frappe.PermissionError, self.act, change.name, "Approve", self.world.users["member"]
		)

		frappe.set_user(self.workplace)
		own = frappe.get_doc(
			{
				"doctype": CHANGE,
				"party_member": self.member,
				"reason": "Retired",
				"effective_date": today(),
			}
		).insert()
		self.assertRaises(frappe.ValidationError, self.act, own.name, "Approve", self.workplace)
		self.act(own.name, "Approve", self.second_officer)
		self.assertEqual(frappe.db.get_value("Party Member", self.member, "liaison_status"), "Moved Away")

	def test_new_ward_sees_it_once_approved(self):
		ward_b = make_scoped_user(
			f"pr.ward-b.{frappe.generate_hash(length=6)}@example.com",
			"Residence Committee Officer",
			"T-WARD-B",
		)
		change = self.report_move()
		frappe.set_user(ward_b)
		self.assertNotIn(change.name, frappe.get_list(CHANGE, pluck="name"))
		self.act(change.name, "Approve", self.workplace)
		frappe.set_user(ward_b)
		self.assertIn(change.name, frappe.get_list(CHANGE, pluck="name"))


def _html_body(message: str | None) -> str:
	"""The text of a queued e-mail as the recipient reads it (the queue holds it MIME-encoded)."""
	from email import message_from_string

	for part in message_from_string(message or "").walk():
		if part.get_content_type() == "text/html":
			return part.get_payload(decode=True).decode()
	return ""
