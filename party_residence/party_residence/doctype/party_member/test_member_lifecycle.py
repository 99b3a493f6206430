# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

"""Exemptions, closing a record, and deleting what others refer to (Regulation 213 steps 5-7)."""

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.test_api import make_request as api_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_test_client, today
from party_residence.exceptions import ExemptionError, ReferencedRecordError
from party_residence.exemptions import lapse_expired
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
	make_active_member,
	make_meeting,
)
from party_residence.party_residence.doctype.residence_review_request.test_residence_review_request import (
	make_request,
	make_workplace_member,
)
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world


class TestExemptions(PartyResidenceTestCase):
	def test_setting_and_lifting_are_on_the_timeline(self):
		member = frappe.get_doc("Party Member", make_active_member("T-WARD-A-B2"))
		member.update(
			{
				"exemption": "Exempt from Residence Activity",
				"exemption_reason": "Thuyền viên đi biển dài ngày",
				"exemption_from": "2026-01-01",
				"exemption_until": "2026-12-31",
			}
		)
		member.save()
		member.exemption = ""
		self.assertRaises(ExemptionError, member.save)  # lifting needs its own reason
		member.reload()
		member.exemption = ""
		member.exemption_reason = "Đã về làm việc trên bờ"
		member.save()
		comments = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Party Member",
				"reference_name": member.name,
				"comment_type": "Info",
			},
			pluck="content",
			order_by="creation",
		)
		self.assertTrue(any("Thuyền viên đi biển dài ngày" in text for text in comments))
		self.assertTrue(any("lifted" in text and "Đã về làm việc trên bờ" in text for text in comments))

	def test_an_exemption_starting_later_is_refused(self):
		self.assertRaises(
			ExemptionError,
			make_member,
			exemption="Exempt from Residence Activity",
			exemption_reason="Đi biển",
			exemption_from=add_days(today(), 10),
		)

	def test_end_before_start_is_refused(self):
		self.assertRaises(
			ExemptionError,
			make_member,
			exemption="Exempt from Residence Activity",
			exemption_reason="Ốm",
			exemption_from="2026-05-01",
			exemption_until="2026-04-01",
		)

	def test_an_introduced_member_is_not_exempted_from_introduction(self):
		member = frappe.get_doc("Party Member", make_active_member("T-WARD-A-B2"))
		member.exemption = "Exempt from Introduction"
		member.exemption_reason = "Ốm"
		self.assertRaises(ExemptionError, member.save)

	def test_scheduler_lapses_a_dated_exemption(self):
		member = make_member(
			exemption="Exempt from Introduction",
			exemption_reason="Điều trị dài ngày",
			exemption_from="2025-01-01",
			exemption_until="2026-03-31",
		)
		self.assertEqual(member.liaison_status, "Exempt")
		self.assertNotIn(member.name, lapse_expired("2026-03-31"))
		self.assertIn(member.name, lapse_expired("2026-04-01"))
		member.reload()
		self.assertEqual((member.exemption, member.liaison_status), ("", "Not Introduced"))

	def test_exempt_members_get_no_invitations_and_no_annual_request(self):
		exempt = make_active_member(
			"T-WARD-A-B2", exemption="Exempt from Residence Activity", exemption_reason="Đi biển"
		)
		self.assertNotIn(exempt, {row.party_member for row in make_meeting("T-WARD-A-B2").attendance})
		frappe.db.set_value("Party Member", exempt, "workplace_organization", "T-WP-X-B1")
		from party_residence.exceptions import ReviewRequestRefusedError

		self.assertRaises(ReviewRequestRefusedError, make_request, exempt, "Annual Review")
		self.assertEqual(make_request(exempt, "Cadre Work").purpose, "Cadre Work")


class TestClosingARecord(PartyResidenceTestCase):
	def test_closing_cancels_what_is_in_flight_and_keeps_history(self):
		from party_residence.api.member import close_record

		member = make_workplace_member()
		request = make_request(member, "Annual Review", send=True)
		frappe.set_user(self.world.users["secretary"])
		self.assertRaises(frappe.PermissionError, close_record, member, "Nghỉ hưu")
		frappe.set_user(self.world.users["workplace"])
		close_record(member, "Nghỉ hưu từ 01/12/2026")

		request.reload()
		self.assertEqual((request.docstatus, request.workflow_state), (2, "Cancelled"))
		self.assertIn("Nghỉ hưu", request.cancel_reason)
		self.assertEqual(frappe.db.get_value("Party Member", member, "liaison_status"), "Moved Away")
		self.assertTrue(frappe.db.exists("Party Member", member))

	def test_closing_cancels_drafts_and_reviews_in_progress(self):
		from party_residence.api.member import close_record
		from party_residence.party_residence.doctype.residence_introduction.test_residence_introduction import (
			make_introduction,
		)
		from party_residence.party_residence.doctype.residence_review.test_residence_review import (
			act,
			rate_all,
		)
		from party_residence.workflow_reasons import keep as keep_reason

		secretary, committee = self.world.users["secretary"], self.world.users["committee"]
		workplace = self.world.users["workplace"]
		reason = "Chuyển công tác ra ngoài tỉnh"

		# a member not introduced yet, whose letter is still a draft
		newcomer = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		frappe.set_user(workplace)
		letter = make_introduction(newcomer)
		close_record(newcomer, reason)
		frappe.set_user("Administrator")
		letter.reload()
		self.assertEqual(
			(letter.docstatus, letter.workflow_state, letter.cancel_reason), (2, "Cancelled", reason)
		)

		# an active member with a request not sent yet and three reviews on their way
		member = make_active_member("T-WARD-A-B1")
		frappe.db.set_value("Party Member", member, "workplace_organization", "T-WP-X-B1")
		unsent = make_request(member, "Party Admission")
		reviews = {}
		for purpose, state in (
			("Annual Review", "Draft"),
			("Cadre Work", "Pending Confirmation"),
			("Other", "Returned for Revision"),
		):
			request = make_request(member, purpose, send=True)
			frappe.set_user(secretary)
			review = frappe.get_doc({"doctype": "Residence Review", "review_request": request.name}).insert()
			rate_all(review).save()
			frappe.set_user("Administrator")
			if state != "Draft":
				act(review.name, "Send for Confirmation", secretary)
			if state == "Returned for Revision":
				frappe.set_user(committee)
				keep_reason("Residence Review", review.name, "Return for Revision", "Bổ sung nhận xét")
				act(review.name, "Return for Revision", committee)
			reviews[state] = review.name

		frappe.set_user(workplace)
		close_record(member, reason)
		frappe.set_user("Administrator")

		unsent.reload()
		self.assertEqual(
			(unsent.docstatus, unsent.workflow_state, unsent.cancel_reason), (2, "Cancelled", reason)
		)
		for name in reviews.values():
			review = frappe.get_doc("Residence Review", name)
			self.assertEqual(
				(review.docstatus, review.workflow_state, review.cancel_reason), (2, "Cancelled", reason)
			)
			self.assertEqual(len(review.ratings), 5)  # kept as written
		self.assertRaises(WorkflowTransitionError, act, reviews["Pending Confirmation"], "Confirm", committee)
		self.assertRaises(
			WorkflowTransitionError, act, reviews["Returned for Revision"], "Send for Confirmation", secretary
		)
		self.assertRaises(WorkflowTransitionError, act, reviews["Draft"], "Send for Confirmation", secretary)
		# the slot of the unsent request is free again, as for a cancelled one
		self.assertFalse(frappe.db.get_value("Residence Review Request", unsent.name, "dedupe_key"))


class TestNoDeleteOfReferencedRecords(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = ensure_world()
		cls.client = get_test_client()

	def test_member_with_history_is_not_deleted(self):
		self.assertRaises(ReferencedRecordError, frappe.delete_doc, "Party Member", self.world.members["M1"])
		self.assertTrue(frappe.db.exists("Party Member", self.world.members["M1"]))

	def test_organization_in_use_is_not_deleted(self):
		self.assertRaises(ReferencedRecordError, frappe.delete_doc, "Party Organization", "T-WARD-A-B1")

	def test_unused_records_can_go(self):
		member = make_member()
		frappe.delete_doc("Party Member", member.name)
		self.assertFalse(frappe.db.exists("Party Member", member.name))

	def test_submitted_documents_are_cancelled_not_deleted(self):
		self.assertRaises(
			frappe.ValidationError,
			frappe.delete_doc,
			"Residence Introduction",
			self.world.introductions["I1"],
		)


class TestRestDelete(PartyResidenceTestCase):
	"""Alone in its class: an earlier delete attempt in the same transaction would hold the row."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.client = get_test_client()

	def test_rest_delete_of_a_referenced_member_is_refused(self):
		headers = {"Authorization": f"token {self.world.tokens['manager']}"}
		response = api_request(
			target=self.client.delete,
			args=(f"/api/resource/Party Member/{self.world.members['M1']}",),
			kwargs={"headers": headers},
		)
		self.assertEqual(response.status_code, 417)
		self.assertTrue(frappe.db.exists("Party Member", self.world.members["M1"]))
