# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import datetime
from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from party_residence import introductions, roles
from party_residence.exceptions import (
	IntroductionRefusedError,
	IntroductionStepError,
	OpenIntroductionExistsError,
)
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.tests import fixtures
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world, make_scoped_user
from party_residence.workflow_reasons import keep as keep_reason

DOCTYPE = "Residence Introduction"


def make_introduction(member, residence_committee="T-WARD-A", user=None, **kwargs):
	"""A draft introduction of `member`, created as `user` (the workplace officer by default)."""
	doc = frappe.get_doc(
		{"doctype": DOCTYPE, "party_member": member, "residence_committee": residence_committee, **kwargs}
	)
	return doc.insert()


def act(name, action, user):
	return fixtures.act(DOCTYPE, name, action, user)


class IntroductionTestCase(PartyResidenceTestCase):
	def new_member(self, **kwargs):
		"""A member of the workplace officer's committee who lives in ward A."""
		return make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A", **kwargs).name

	def draft(self, member=None, **kwargs):
		member = member or self.new_member()
		frappe.set_user(self.workplace)
		try:
			return make_introduction(member, **kwargs)
		finally:
			frappe.set_user("Administrator")

	def member_state(self, member):
		return frappe.db.get_value(
			"Party Member", member, ["liaison_status", "residence_committee", "residence_branch"]
		)


class TestIntroductionSteps(IntroductionTestCase):
	def test_the_whole_way_from_draft_to_acknowledged(self):
		draft = self.draft()
		member = draft.party_member
		self.assertEqual(draft.workflow_state, "Draft")
		self.assertEqual(draft.issuing_committee, "T-WP-X")
		self.assertEqual(draft.workplace_organization, "T-WP-X-B1")

		sent = act(draft.name, "Send", self.workplace)
		self.assertEqual(sent.docstatus, 1)
		self.assertTrue(sent.sent_on)
		self.assertEqual(self.member_state(member), ("Introduced", "T-WARD-A", None))

		received = act(draft.name, "Receive", self.committee)
		self.assertTrue(received.received_on)

		frappe.set_user(self.committee)
		received.residence_branch = "T-WARD-A-B1"
		received.save()
		assigned = act(draft.name, "Assign to Branch", self.committee)
		self.assertTrue(assigned.assigned_on)
		self.assertEqual(self.member_state(member), ("Introduced", "T-WARD-A", "T-WARD-A-B1"))

		done = act(draft.name, "Acknowledge", self.secretary)
		self.assertTrue(done.acknowledged_on)
		self.assertIsNone(done.due_date)
		self.assertEqual(self.member_state(member), ("Active", "T-WARD-A", "T-WARD-A-B1"))

		# the timeline says who took each step
		steps = frappe.get_all(
			"Comment",
			filters={"reference_doctype": DOCTYPE, "reference_name": draft.name, "comment_type": "Workflow"},
			fields=["content", "owner"],
			order_by="creation",
		)
		self.assertEqual(
			[(step.content, step.owner) for step in steps],
			[
				("Sent", self.workplace),
				("Received", self.committee),
				("Assigned", self.committee),
				("Acknowledged", self.secretary),
			],
		)
		# and the member's timeline records the steps too
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Party Member",
					"reference_name": member,
					"content": ("like", f"%{draft.name}%"),
				},
			)
		)

	def test_each_step_is_taken_only_by_its_role(self):
		draft = self.draft()
		# a draft is not even visible to the residence side
		self.assertRaises(frappe.PermissionError, act, draft.name, "Send", self.committee)
		act(draft.name, "Send", self.workplace)
		self.assertRaises(WorkflowTransitionError, act, draft.name, "Receive", self.workplace)
		# the branch sees the letter only once it is assigned to it
		self.assertRaises(frappe.PermissionError, act, draft.name, "Receive", self.secretary)
		act(draft.name, "Receive", self.committee)
		frappe.set_user(self.committee)
		doc = frappe.get_doc(DOCTYPE, draft.name)
		doc.residence_branch = "T-WARD-A-B1"
		doc.save()
		self.assertRaises(WorkflowTransitionError, act, draft.name, "Assign to Branch", self.workplace)
		act(draft.name, "Assign to Branch", self.committee)
		self.assertRaises(WorkflowTransitionError, act, draft.name, "Acknowledge", self.committee)
		self.assertRaises(WorkflowTransitionError, act, draft.name, "Acknowledge", self.workplace)
		act(draft.name, "Acknowledge", self.secretary)

	def test_out_of_scope_officer_cannot_take_a_step(self):
		other_ward = make_scoped_user(
			f"pr.ward-b.{frappe.generate_hash(length=6)}@example.com",
			"Residence Committee Officer",
			"T-WARD-B",
		)
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		self.assertRaises(frappe.PermissionError, act, draft.name, "Receive", other_ward)

	def test_only_the_right_side_returns_or_cancels(self):
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		frappe.db.set_value(DOCTYPE, draft.name, "return_reason", "Sai địa chỉ")
		frappe.db.set_value(DOCTYPE, draft.name, "cancel_reason", "Nhập nhầm")
		# the residence side returns a letter; the workplace, which sent it, cannot
		self.assertRaises(WorkflowTransitionError, act, draft.name, "Return", self.workplace)
		self.assertRaises(
			(WorkflowTransitionError, frappe.PermissionError), act, draft.name, "Return", self.secretary
		)
		# the workplace cancels its own letter; the residence side cannot
		self.assertRaises(WorkflowTransitionError, act, draft.name, "Cancel", self.committee)
		self.assertEqual(act(draft.name, "Cancel", self.workplace).workflow_state, "Cancelled")

	def test_residence_side_sees_nothing_until_sent(self):
		draft = self.draft()
		frappe.set_user(self.committee)
		self.assertNotIn(draft.name, frappe.get_list(DOCTYPE, pluck="name"))
		frappe.set_user("Administrator")
		act(draft.name, "Send", self.workplace)
		frappe.set_user(self.committee)
		self.assertIn(draft.name, frappe.get_list(DOCTYPE, pluck="name"))

	def test_branch_is_assigned_only_by_the_committee_under_itself(self):
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		act(draft.name, "Receive", self.committee)

		frappe.set_user(self.committee)
		doc = frappe.get_doc(DOCTYPE, draft.name)
		doc.residence_branch = "T-WARD-B-B1"  # a branch of another ward
		self.assertRaises(frappe.ValidationError, doc.save)

		frappe.set_user(self.workplace)
		doc = frappe.get_doc(DOCTYPE, draft.name)
		doc.residence_branch = "T-WARD-A-B1"
		self.assertRaises(IntroductionStepError, doc.save)

	def test_assign_needs_a_branch(self):
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		act(draft.name, "Receive", self.committee)
		# the workflow offers the action only once a branch is chosen
		self.assertRaises(WorkflowTransitionError, act, draft.name, "Assign to Branch", self.committee)


class TestReturnAndCancel(IntroductionTestCase):
	def test_return_needs_a_reason_and_undoes_the_introduction(self):
		draft = self.draft()
		member = draft.party_member
		act(draft.name, "Send", self.workplace)
		self.assertRaises(IntroductionStepError, act, draft.name, "Return", self.committee)

		frappe.set_user(self.committee)
		keep_reason("Residence Introduction", draft.name, "Return", "Địa chỉ không thuộc địa bàn phường")
		returned = act(draft.name, "Return", self.committee)
		self.assertEqual(returned.workflow_state, "Returned")
		self.assertEqual(self.member_state(member), ("Not Introduced", None, None))

		# a returned letter is closed: a new one may be drafted
		self.draft(member, residence_committee="T-WARD-B")

	def test_reasons_are_not_written_by_saving_the_letter(self):
		# only workflow_reasons.keep() keeps a reason, after checking the action is the user's to take
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		for user, field in ((self.workplace, "return_reason"), (self.committee, "return_reason")):
			frappe.set_user(user)
			doc = frappe.get_doc(DOCTYPE, draft.name)
			doc.set(field, "Tự trả lại")
			doc.save()
			self.assertFalse(frappe.db.get_value(DOCTYPE, draft.name, field))
		self.assertRaises(IntroductionStepError, act, draft.name, "Return", self.committee)

	def test_reason_is_kept_only_by_the_side_that_may_act(self):
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		frappe.set_user(self.workplace)
		self.assertRaises(
			frappe.PermissionError,
			keep_reason,
			"Residence Introduction",
			draft.name,
			"Return",
			"Không đúng địa chỉ",
		)
		frappe.set_user(self.committee)
		keep_reason("Residence Introduction", draft.name, "Return", "  Không đúng địa chỉ  ")
		self.assertEqual(frappe.db.get_value(DOCTYPE, draft.name, "return_reason"), "Không đúng địa chỉ")
		self.assertRaises(
			frappe.MandatoryError, keep_reason, "Residence Introduction", draft.name, "Return", "   "
		)
		act(draft.name, "Return", self.committee)

	def test_cancel_needs_a_reason(self):
		draft = self.draft()
		member = draft.party_member
		act(draft.name, "Send", self.workplace)
		self.assertRaises(IntroductionStepError, act, draft.name, "Cancel", self.workplace)

		frappe.set_user(self.workplace)
		keep_reason("Residence Introduction", draft.name, "Cancel", "Đảng viên chuyển công tác")
		cancelled = act(draft.name, "Cancel", self.workplace)
		self.assertEqual((cancelled.docstatus, cancelled.workflow_state), (2, "Cancelled"))
		self.assertEqual(self.member_state(member)[0], "Not Introduced")

	def test_one_call_keeps_the_reason_and_takes_the_action(self):
		from party_residence.api.workflow import apply_with_reason

		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		self.set_user(self.committee)
		returned = apply_with_reason(DOCTYPE, draft.name, "Return", "  Sai địa bàn phường  ")
		self.assertEqual(
			(returned["workflow_state"], returned["return_reason"]), ("Returned", "Sai địa bàn phường")
		)
		timeline = frappe.get_all(
			"Comment",
			filters={"reference_doctype": DOCTYPE, "reference_name": draft.name, "comment_type": "Info"},
			pluck="content",
		)
		self.assertTrue(any("Sai địa bàn phường" in line for line in timeline), timeline)

	def test_a_refused_action_keeps_no_reason(self):
		from party_residence.api.workflow import apply_with_reason

		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		# the workplace may not return its own letter; the reason of an action that needs none is refused
		self.set_user(self.workplace)
		self.assertRaises(frappe.PermissionError, apply_with_reason, DOCTYPE, draft.name, "Return", "Tự trả")
		self.set_user(self.committee)
		self.assertRaises(frappe.ValidationError, apply_with_reason, DOCTYPE, draft.name, "Receive", "Lý do")
		self.assertRaises(
			frappe.ValidationError, apply_with_reason, "Party Member", draft.party_member, "Return", "x"
		)
		self.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value(DOCTYPE, draft.name, ["workflow_state", "return_reason"]), ("Sent", None)
		)


class TestIntroductionRules(IntroductionTestCase):
	def test_one_open_introduction_per_member(self):
		draft = self.draft()
		self.assertRaises(OpenIntroductionExistsError, self.draft, draft.party_member)
		act(draft.name, "Send", self.workplace)
		self.assertRaises(OpenIntroductionExistsError, self.draft, draft.party_member)

	def test_exempt_from_introduction_is_refused(self):
		member = self.new_member(
			exemption="Exempt from Introduction", exemption_reason="Đang điều trị dài ngày"
		)
		self.assertRaises(IntroductionRefusedError, self.draft, member)

	def test_exempt_from_activity_is_introduced_and_says_so(self):
		member = self.new_member(
			exemption="Exempt from Residence Activity", exemption_reason="Thường xuyên đi biển"
		)
		draft = self.draft(member)
		self.assertEqual(draft.exempt_from_activity, 1)

	def test_introduction_goes_to_a_residence_committee(self):
		self.assertRaises(frappe.ValidationError, self.draft, residence_committee="T-WP-Y")


class TestDeadlines(IntroductionTestCase):
	def test_due_dates_in_working_days_across_tet(self):
		draft = self.draft()
		# sent on Friday 13 Feb 2026, the last working day before Tết Bính Ngọ
		with patch(
			"party_residence.introductions.now_datetime", return_value=datetime.datetime(2026, 2, 13, 9)
		):
			sent = act(draft.name, "Send", self.workplace)
		self.assertEqual(sent.due_date, datetime.date(2026, 2, 25))

		with patch(
			"party_residence.introductions.now_datetime", return_value=datetime.datetime(2026, 2, 24, 9)
		):
			received = act(draft.name, "Receive", self.committee)
		self.assertEqual(received.due_date, datetime.date(2026, 2, 27))

	def test_time_limit_comes_from_settings(self):
		frappe.db.set_single_value("Party Residence Settings", "introduction_receipt_days", 5)
		draft = self.draft()
		with patch(
			"party_residence.introductions.now_datetime", return_value=datetime.datetime(2026, 3, 2, 9)
		):
			sent = act(draft.name, "Send", self.workplace)
		self.assertEqual(sent.due_date, datetime.date(2026, 3, 9))


class TestIntroductionNotifications(IntroductionTestCase):
	def recipients(self, name):
		queue = frappe.qb.DocType("Email Queue")
		recipient = frappe.qb.DocType("Email Queue Recipient")
		return set(
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(recipient.recipient)
			.where((queue.reference_doctype == DOCTYPE) & (queue.reference_name == name))
			.run(pluck=True)
		)

	def bell(self, user, name):
		return frappe.db.exists(
			"Notification Log", {"for_user": user, "document_type": DOCTYPE, "document_name": name}
		)

	def test_each_side_is_told_in_vietnamese(self):
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		self.assertIn(self.committee, self.recipients(draft.name))
		self.assertTrue(self.bell(self.committee, draft.name))
		self.assertNotIn(self.secretary, self.recipients(draft.name))

		act(draft.name, "Receive", self.committee)
		frappe.set_user(self.committee)
		doc = frappe.get_doc(DOCTYPE, draft.name)
		doc.residence_branch = "T-WARD-A-B1"
		doc.save()
		act(draft.name, "Assign to Branch", self.committee)
		self.assertIn(self.secretary, self.recipients(draft.name))

		act(draft.name, "Acknowledge", self.secretary)
		self.assertIn(self.workplace, self.recipients(draft.name))
		subjects = frappe.get_all(
			"Communication",
			filters={"reference_doctype": DOCTYPE, "reference_name": draft.name},
			pluck="subject",
		)
		self.assertIn(f"Nơi cư trú đã tiếp nhận đảng viên {draft.member_name} ({draft.name})", subjects)

	def test_the_workplace_is_told_of_a_returned_letter(self):
		draft = self.draft()
		act(draft.name, "Send", self.workplace)
		frappe.db.set_value(DOCTYPE, draft.name, "return_reason", "Sai địa chỉ: không có số nhà này")
		act(draft.name, "Return", self.committee)
		self.assertIn(self.workplace, self.recipients(draft.name))
		self.assertTrue(self.bell(self.workplace, draft.name))


class TestIntroductionLetter(IntroductionTestCase):
	def letter_html(self, name, user):
		frappe.set_user(user)
		try:
			return frappe.get_print(DOCTYPE, name, "Giấy giới thiệu")
		finally:
			frappe.set_user("Administrator")

	def test_letter_in_the_party_document_layout(self):
		html = self.letter_html(self.world.introductions["I1"], self.workplace)
		for text in (
			"Đảng Cộng sản Việt Nam",
			"Giấy giới thiệu",
			"Đảng ủy Công ty Xây dựng số 1",  # the issuing committee
			"Thành ủy Thử Nghiệm",  # the organization above it
			"GGT/ĐU",
			"Quy định số 213-QĐ/TW",
			"Nguyễn Văn An",
			"Đảng ủy phường An Thịnh",
			"T/M Đảng ủy",
			"Nơi nhận:",
			"Phần tiếp nhận",
			"data:image/svg+xml;base64,",  # the QR code
		):
			self.assertIn(text, html)
		self.assertNotIn("001090000001", html)  # never a CCCD
		self.assertNotIn("miễn sinh hoạt", html)

	def test_letter_of_an_exempt_member_says_so(self):
		member = self.new_member(
			exemption="Exempt from Residence Activity", exemption_reason="Thường xuyên đi biển"
		)
		draft = self.draft(member)
		self.assertIn("miễn sinh hoạt", self.letter_html(draft.name, self.workplace))

	def test_typed_text_stays_text(self):
		member = self.new_member(residence_address="Số 5 <b>phố</b> Mới {{ 7*7 }}")
		html = self.letter_html(self.draft(member).name, self.workplace)
		self.assertIn("&lt;b&gt;phố&lt;/b&gt;", html)
		self.assertIn("{{ 7*7 }}", html)

	def test_only_those_in_scope_print_it(self):
		self.assertRaises(
			frappe.PermissionError, self.letter_html, self.world.introductions["I3"], self.secretary
		)


class TestAssignInOneStep(IntroductionTestCase):
	def received(self, **member_fields):
		draft = self.draft(self.new_member(**member_fields))
		act(draft.name, "Send", self.workplace)
		act(draft.name, "Receive", self.committee)
		return draft.name

	def assign(self, name, branch, user=None):
		from party_residence.api.introduction import assign_to_branch

		frappe.set_user(user or self.committee)
		try:
			return assign_to_branch(name, branch)
		finally:
			frappe.set_user("Administrator")

	def test_the_ward_officer_chooses_the_branch_and_assigns_at_once(self):
		name = self.received()
		frappe.set_user(self.committee)
		self.assertTrue(introductions.can_assign(frappe.get_doc(DOCTYPE, name)))
		frappe.set_user("Administrator")

		self.assertEqual(self.assign(name, "T-WARD-A-B1"), "Assigned")
		letter = frappe.get_doc(DOCTYPE, name)
		self.assertEqual((letter.workflow_state, letter.residence_branch), ("Assigned", "T-WARD-A-B1"))
		self.assertEqual(self.member_state(letter.party_member)[2], "T-WARD-A-B1")

	def test_only_the_receiving_committee_assigns_and_only_under_itself(self):
		name = self.received()
		# the workplace side may not, nor may anyone before the letter is received
		self.assertRaises(frappe.PermissionError, self.assign, name, "T-WARD-A-B1", self.workplace)
		sent = self.draft()
		act(sent.name, "Send", self.workplace)
		self.assertRaises(frappe.PermissionError, self.assign, sent.name, "T-WARD-A-B1")
		# a branch of another ward
		self.assertRaises(frappe.ValidationError, self.assign, name, "T-WARD-B-B1")
		self.assertEqual(frappe.db.get_value(DOCTYPE, name, "workflow_state"), "Received")

	def test_a_branch_the_address_does_not_name_is_warned_not_refused(self):
		frappe.db.set_value("Party Organization", "T-WARD-A-B1", "residential_area", "Tổ dân phố số 1")
		frappe.db.set_value("Party Organization", "T-WARD-A-B2", "residential_area", "Tổ dân phố số 2")
		address = "Số 12 ngõ 5, TDP 1, phường Thử Nghiệm"

		frappe.clear_messages()
		self.assign(self.received(residence_address=address), "T-WARD-A-B1")
		self.assertFalse([m for m in frappe.message_log if "Tổ dân phố số 1" in str(m)])

		name = self.received(residence_address=address)
		frappe.clear_messages()
		self.assertEqual(self.assign(name, "T-WARD-A-B2"), "Assigned")
		warnings = [str(m) for m in frappe.message_log if "Tổ dân phố số 2" in str(m)]
		self.assertEqual(len(warnings), 1)
		self.assertIn("TDP 1", warnings[0])

	def test_the_dialog_warns_before_and_the_assignment_does_not_repeat_it(self):
		from party_residence.api.introduction import assign_to_branch, branch_warning

		frappe.db.set_value("Party Organization", "T-WARD-A-B2", "residential_area", "Tổ dân phố số 2")
		name = self.received(residence_address="Số 12 ngõ 5, tổ dân phố số 1")
		frappe.set_user(self.committee)
		self.assertIn("Tổ dân phố số 2", branch_warning(name, "T-WARD-A-B2"))
		frappe.clear_messages()
		self.assertEqual(assign_to_branch(name, "T-WARD-A-B2", warned=True), "Assigned")
		self.assertFalse([m for m in frappe.message_log if "Tổ dân phố số 2" in str(m)])
		# the address is the member's: only those who may read the letter are told anything
		other_ward = f"pr.ward-b.{frappe.generate_hash(length=6)}@example.com"
		frappe.set_user(make_scoped_user(other_ward, roles.COMMITTEE_OFFICER, "T-WARD-B"))
		self.assertRaises(frappe.PermissionError, branch_warning, name, "T-WARD-A-B2")

	def test_areas_are_compared_without_accents_abbreviations_or_the_word_so(self):
		frappe.db.set_value("Party Organization", "T-WARD-A-B1", "residential_area", "Tổ dân phố số 1")
		frappe.db.set_value("Party Organization", "T-WARD-A-B2", "residential_area", "")
		for address, warned in (
			("Số 3, tổ dân phố số 1, phường Hải Dương", False),
			("so 3 to dan pho 1", False),
			("Số 3, TDP 1", False),
			("Số 3, tổ dân phố số 12, phường Hải Dương", True),
			("Số 1 phố Trần Hưng Đạo, tổ dân phố số 2", True),
		):
			self.assertEqual(
				bool(introductions.branch_address_mismatch("T-WARD-A-B1", address)), warned, address
			)
		# nothing to compare: no warning
		self.assertIsNone(introductions.branch_address_mismatch("T-WARD-A-B1", ""))
		self.assertIsNone(introductions.branch_address_mismatch("T-WARD-A-B2", "Số 3, tổ dân phố số 7"))
