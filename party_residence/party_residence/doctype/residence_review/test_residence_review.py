# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from party_residence.exceptions import ReviewError
from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
	make_active_member,
	make_meeting,
)
from party_residence.party_residence.doctype.residence_review_request.test_residence_review_request import (
	make_request,
)
from party_residence.tests import fixtures
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

REVIEW = "Residence Review"


def act(name, action, user):
	return fixtures.act(REVIEW, name, action, user)


def rate_all(review, pick=0):
	"""Choose level `pick` (0 = best) for every criterion, and a proposal."""
	for row in review.ratings:
		row.rating = row.rating_options.split("\n")[pick]
	review.proposal = review.proposal or "No Proposal"
	review.met_with_front_committee = 1
	return review


class ReviewTestCase(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.m1 = cls.world.members["M1"]  # active in branch T-WARD-A-B1, works in T-WP-X

	_years = iter(range(2001, 2026))

	def fresh_review(self, purpose="Other"):
		"""A new review for a new member of branch T-WARD-A-B1 who works in T-WP-X-B1."""
		member = make_active_member("T-WARD-A-B1")
		frappe.db.set_value("Party Member", member, "workplace_organization", "T-WP-X-B1")
		request = make_request(member, purpose=purpose, send=True)
		frappe.set_user(self.secretary)
		try:
			return frappe.get_doc({"doctype": REVIEW, "review_request": request.name}).insert()
		finally:
			frappe.set_user("Administrator")

	def client_saves(self, name, values, user=None):
		"""What a REST client's PUT does: the stored review, updated with what it sent, saved."""
		frappe.set_user(user or self.secretary)
		try:
			doc = frappe.get_doc(REVIEW, name)
			doc.update(values)
			doc.save()
			return doc
		finally:
			frappe.set_user("Administrator")

	def new_review(self, purpose="Other", year=None):
		# one request per member, year and purpose: each test asks about another year
		request = make_request(self.m1, purpose=purpose, year=year or next(self._years), send=True)
		frappe.set_user(self.secretary)
		try:
			return frappe.get_doc({"doctype": REVIEW, "review_request": request.name}).insert()
		finally:
			frappe.set_user("Administrator")


class TestResidenceReview(ReviewTestCase):
	def test_form_starts_from_the_request_with_criteria_and_figures(self):
		make_meeting("T-WARD-A-B1", meeting_date="2026-04-01")  # not held: not counted
		review = self.new_review(year=2026)
		self.assertEqual(
			(review.party_member, review.residence_branch, review.variant),
			(self.m1, "T-WARD-A-B1", "Standard"),
		)
		self.assertEqual(len(review.ratings), 5)
		self.assertEqual(
			review.ratings[0].criterion_text, "Nêu gương về phẩm chất chính trị, đạo đức, lối sống"
		)
		self.assertEqual(
			review.ratings[0].rating_options.split("\n"), ["Nêu gương tốt", "Nêu gương", "Chưa nêu gương"]
		)
		# the shared world's meeting of January 2026, where M1 was present
		self.assertEqual((review.meetings_attended, review.meetings_total), (1, 1))

	def test_exempt_member_gets_the_short_form(self):
		member = make_active_member(
			"T-WARD-A-B1", exemption="Exempt from Residence Activity", exemption_reason="Đi biển"
		)
		request = make_request(member, purpose="Cadre Work", send=True)
		frappe.set_user(self.secretary)
		review = frappe.get_doc({"doctype": REVIEW, "review_request": request.name}).insert()
		self.assertEqual(review.variant, "Exempt")
		self.assertEqual(len(review.ratings), 3)
		self.assertEqual(
			review.ratings[1].rating_options.split("\n"), ["Thực hiện tốt", "Thực hiện", "Chưa thực hiện"]
		)

	def test_rating_only_among_the_criterion_levels(self):
		review = self.new_review()
		review.ratings[0].rating = "Gương mẫu"  # a level of another criterion
		frappe.set_user(self.secretary)
		self.assertRaises(ReviewError, review.save)

	def test_kept_wording_when_the_criterion_changes(self):
		review = self.new_review()
		criterion = frappe.get_doc("Review Criterion", review.ratings[0].criterion)
		criterion.criterion = "Nêu gương (đã sửa)"
		criterion.save()
		review.reload()
		self.assertEqual(
			review.ratings[0].criterion_text, "Nêu gương về phẩm chất chính trị, đạo đức, lối sống"
		)

	def test_front_committee_before_it_leaves_the_branch(self):
		review = rate_all(self.new_review())
		review.met_with_front_committee = 0
		frappe.set_user(self.secretary)
		review.save()
		self.assertRaises(ReviewError, act, review.name, "Send for Confirmation", self.secretary)
		review.reload()
		review.met_with_front_committee = 1
		frappe.set_user(self.secretary)
		review.save()
		act(review.name, "Send for Confirmation", self.secretary)

	def test_incomplete_review_does_not_leave_the_branch(self):
		review = self.new_review()
		review.met_with_front_committee = 1
		frappe.set_user(self.secretary)
		review.save()
		self.assertRaises(ReviewError, act, review.name, "Send for Confirmation", self.secretary)

	def test_confirm_answers_the_request_and_locks_the_review(self):
		review = rate_all(self.new_review(), pick=1)
		frappe.set_user(self.secretary)
		review.save()
		act(review.name, "Send for Confirmation", self.secretary)
		self.assertRaises(WorkflowTransitionError, act, review.name, "Confirm", self.secretary)
		confirmed = act(review.name, "Confirm", self.committee)
		self.assertEqual((confirmed.docstatus, confirmed.workflow_state), (1, "Confirmed"))
		request = frappe.get_doc("Residence Review Request", review.review_request)
		self.assertEqual((request.workflow_state, request.residence_review), ("Answered", review.name))

		confirmed.reload()
		confirmed.ratings[0].rating = confirmed.ratings[0].rating_options.split("\n")[0]
		frappe.set_user(self.committee)
		self.assertRaises(frappe.UpdateAfterSubmitError, confirmed.save)

		received = act(review.name, "Acknowledge Receipt", self.workplace)
		self.assertEqual(received.workflow_state, "Received")
		self.assertTrue(received.received_on)

	def test_return_for_revision_with_a_reason(self):
		from party_residence.workflow_reasons import keep as keep_reason

		review = rate_all(self.new_review())
		frappe.set_user(self.secretary)
		review.save()
		act(review.name, "Send for Confirmation", self.secretary)
		# the branch cannot change it while the committee has it
		review.reload()
		review.other_comments = "Sửa khi đang chờ"
		frappe.set_user(self.secretary)
		self.assertRaises(ReviewError, review.save)

		self.assertRaises(ReviewError, act, review.name, "Return for Revision", self.committee)
		frappe.set_user(self.committee)
		keep_reason(
			"Residence Review", review.name, "Return for Revision", "Bổ sung nhận xét về tham gia họp"
		)
		returned = act(review.name, "Return for Revision", self.committee)
		self.assertEqual(returned.workflow_state, "Returned for Revision")
		again = act(review.name, "Send for Confirmation", self.secretary)
		self.assertEqual(again.workflow_state, "Pending Confirmation")

	def test_one_review_per_request(self):
		review = self.new_review()
		frappe.set_user(self.secretary)
		self.assertRaises(
			ReviewError, frappe.get_doc({"doctype": REVIEW, "review_request": review.review_request}).insert
		)

	def test_out_of_scope_secretary_cannot_write_it(self):
		from party_residence.tests.fixtures import make_scoped_user

		other = make_scoped_user(
			f"pr.sec-b.{frappe.generate_hash(length=6)}@example.com",
			"Residence Branch Secretary",
			"T-WARD-B-B1",
		)
		request = make_request(self.m1, purpose="Other", year=next(self._years), send=True)
		frappe.set_user(other)
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc({"doctype": REVIEW, "review_request": request.name}).insert
		)

	def test_member_sees_it_only_once_confirmed(self):
		member_user = self.world.users["member"]
		review = rate_all(self.new_review())
		frappe.set_user(self.secretary)
		review.save()
		frappe.set_user(member_user)
		self.assertNotIn(review.name, frappe.get_list(REVIEW, pluck="name"))
		act(review.name, "Send for Confirmation", self.secretary)
		act(review.name, "Confirm", self.committee)
		frappe.set_user(member_user)
		self.assertIn(review.name, frappe.get_list(REVIEW, pluck="name"))


FIRST_CRITERION = "Nêu gương về phẩm chất chính trị, đạo đức, lối sống"
FIRST_LEVELS = ["Nêu gương tốt", "Nêu gương", "Chưa nêu gương"]
INVENTED = {"criterion_text": "Bịa ra", "rating_options": "A\nB\nC", "rating": "A"}


class TestRatingsFollowTheForm(ReviewTestCase):
	"""The criteria of a review, their wording and their levels are those of the form it was made
	with, whatever a client sends back; only the levels chosen and the comments are the branch's."""

	def rows(self, review):
		return [row.as_dict() for row in review.ratings]

	def test_who_and_what_a_review_is_about_cannot_be_changed(self):
		review = self.fresh_review()
		other = make_active_member("T-WARD-A-B1")
		for values, user in (
			({"party_member": other}, self.secretary),
			({"review_year": review.review_year - 1}, self.secretary),
			({"residence_branch": "T-WARD-A-B2"}, self.committee),  # both branches in the ward's scope
		):
			with self.subTest(values=values):
				# the server keeps what the review answers, whatever the client sends
				self.client_saves(review.name, values, user)
				stored = frappe.db.get_value(REVIEW, review.name, list(values), as_dict=True)
				self.assertEqual(stored, {field: review.get(field) for field in values})

	def test_an_invented_criterion_is_refused(self):
		review = self.fresh_review()
		self.assertRaises(
			ReviewError, self.client_saves, review.name, {"ratings": [*self.rows(review), INVENTED]}
		)
		self.assertEqual(len(frappe.get_doc(REVIEW, review.name).ratings), 5)

	def test_an_invented_criterion_is_refused_when_the_review_is_made(self):
		request = make_request(make_active_member("T-WARD-A-B1"), purpose="Other", send=True)
		frappe.set_user(self.secretary)
		review = frappe.get_doc({"doctype": REVIEW, "review_request": request.name, "ratings": [INVENTED]})
		self.assertRaises(ReviewError, review.insert)

	def test_a_criterion_of_the_other_form_is_refused(self):
		review = self.fresh_review()  # the standard form
		exempt = frappe.get_all(
			"Review Criterion",
			filters={"variant": "Exempt", "is_active": 1},
			fields=["name", "criterion", "rating_options"],
			limit=1,
		)[0]
		row = {
			"criterion": exempt.name,
			"criterion_text": exempt.criterion,
			"rating_options": exempt.rating_options,
			"rating": exempt.rating_options.split("\n")[0],
		}
		self.assertRaises(ReviewError, self.client_saves, review.name, {"ratings": [*self.rows(review), row]})

	def test_a_criterion_rated_twice_is_refused(self):
		review = self.fresh_review()
		rows = self.rows(review)
		again = {**rows[0], "name": None, "idx": 6, "rating": FIRST_LEVELS[2]}
		self.assertRaises(ReviewError, self.client_saves, review.name, {"ratings": [*rows, again]})

	def test_wording_and_levels_sent_back_are_not_taken(self):
		review = self.fresh_review()
		rows = self.rows(review)
		rows[0].update(INVENTED)
		# "A" is not a level of the criterion the review was made with
		self.assertRaises(ReviewError, self.client_saves, review.name, {"ratings": rows})
		rows[0]["rating"] = FIRST_LEVELS[1]
		self.client_saves(review.name, {"ratings": rows})
		saved = frappe.get_doc(REVIEW, review.name)
		self.assertEqual(saved.ratings[0].criterion_text, FIRST_CRITERION)
		self.assertEqual(saved.ratings[0].rating_options.split("\n"), FIRST_LEVELS)
		self.assertEqual(saved.ratings[0].rating, FIRST_LEVELS[1])

	def test_a_review_stripped_of_its_ratings_does_not_leave_the_branch(self):
		review = rate_all(self.fresh_review())
		frappe.set_user(self.secretary)
		review.save()
		stripped = self.client_saves(review.name, {"ratings": []})
		# the criteria come back, unrated
		self.assertEqual(
			[row.criterion_text for row in stripped.ratings], [row.criterion_text for row in review.ratings]
		)
		self.assertFalse(any(row.rating for row in stripped.ratings))
		self.assertRaises(ReviewError, act, review.name, "Send for Confirmation", self.secretary)
		self.assertEqual(frappe.db.get_value(REVIEW, review.name, "workflow_state"), "Draft")

	def test_the_wording_stays_when_the_criterion_changes_later(self):
		review = self.fresh_review()
		criterion = frappe.get_doc("Review Criterion", review.ratings[0].criterion)
		wording = (criterion.criterion, criterion.rating_options)
		self.addCleanup(
			frappe.db.set_value,
			"Review Criterion",
			criterion.name,
			{"criterion": wording[0], "rating_options": wording[1]},
		)
		criterion.criterion = "Nêu gương (đã sửa)"
		criterion.rating_options = "Tốt\nKhá\nKém"
		criterion.save()

		rate_all(review)  # the best level of the form it was made with
		frappe.set_user(self.secretary)
		review.save()
		act(review.name, "Send for Confirmation", self.secretary)
		confirmed = act(review.name, "Confirm", self.committee)
		self.assertEqual(
			(confirmed.ratings[0].criterion_text, confirmed.ratings[0].rating),
			(FIRST_CRITERION, FIRST_LEVELS[0]),
		)
		# a review made from now on is written on the new wording
		self.assertEqual(self.fresh_review().ratings[0].criterion_text, "Nêu gương (đã sửa)")

	def test_a_review_made_before_snapshots_keeps_its_wording(self):
		from party_residence.patches.v1_0.snapshot_review_criteria import execute

		review = self.fresh_review()
		frappe.db.set_value(REVIEW, review.name, "criteria_snapshot", None)
		frappe.db.set_value("Residence Review Rating", review.ratings[0].name, "criterion_text", "Lời cũ")
		execute()
		saved = self.client_saves(review.name, {"ratings": self.rows(frappe.get_doc(REVIEW, review.name))})
		self.assertEqual(
			[row.criterion_text for row in saved.ratings][:2], ["Lời cũ", review.ratings[1].criterion_text]
		)


class TestCancelledRequest(ReviewTestCase):
	"""A review answers a request still waiting for it: once the workplace cancelled the request,
	the review goes no further and the request stays cancelled."""

	def cancel_request(self, review):
		from party_residence.workflow_reasons import keep as keep_reason

		frappe.set_user(self.workplace)
		try:
			keep_reason(
				"Residence Review Request", review.review_request, "Cancel", "Đảng viên chuyển công tác"
			)
			apply_workflow(frappe.get_doc("Residence Review Request", review.review_request), "Cancel")
		finally:
			frappe.set_user("Administrator")

	def test_it_is_not_sent_for_confirmation(self):
		review = rate_all(self.fresh_review())
		frappe.set_user(self.secretary)
		review.save()
		self.cancel_request(review)
		self.assertRaises(ReviewError, act, review.name, "Send for Confirmation", self.secretary)
		self.assertEqual(frappe.db.get_value(REVIEW, review.name, "workflow_state"), "Draft")

	def test_it_is_not_confirmed_and_the_request_stays_cancelled(self):
		review = rate_all(self.fresh_review())
		frappe.set_user(self.secretary)
		review.save()
		act(review.name, "Send for Confirmation", self.secretary)
		self.cancel_request(review)
		self.assertRaises(ReviewError, act, review.name, "Confirm", self.committee)
		self.assertEqual(
			frappe.db.get_value(REVIEW, review.name, ["docstatus", "workflow_state"]),
			(0, "Pending Confirmation"),
		)
		request = frappe.get_doc("Residence Review Request", review.review_request)
		self.assertEqual(
			(request.docstatus, request.workflow_state, request.residence_review), (2, "Cancelled", None)
		)

	def test_the_reason_of_a_cancelled_request_cannot_be_rewritten(self):
		from party_residence.workflow_reasons import keep as keep_reason

		review = rate_all(self.fresh_review())
		self.cancel_request(review)
		frappe.set_user(self.workplace)
		try:
			self.assertRaises(
				frappe.PermissionError,
				keep_reason,
				"Residence Review Request",
				review.review_request,
				"Cancel",
				"Lý do khác",
			)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Residence Review Request", review.review_request, "cancel_reason"),
			"Đảng viên chuyển công tác",
		)


class TestReviewPrints(ReviewTestCase):
	def confirmed(self, member=None):
		if member:
			request = make_request(member, purpose="Cadre Work", year=next(self._years), send=True)
			frappe.set_user(self.secretary)
			review = frappe.get_doc({"doctype": REVIEW, "review_request": request.name}).insert()
		else:
			review = self.new_review()
		rate_all(review, pick=1)
		frappe.set_user(self.secretary)
		review.save()
		act(review.name, "Send for Confirmation", self.secretary)
		return act(review.name, "Confirm", self.committee)

	def html(self, doctype, name, print_format, user):
		frappe.set_user(user)
		try:
			return frappe.get_print(doctype, name, print_format)
		finally:
			frappe.set_user("Administrator")

	def test_review_form_standard_variant(self):
		review = self.confirmed()
		html = self.html(REVIEW, review.name, "Phiếu nhận xét", self.workplace)
		for text in (
			"Phiếu nhận xét",
			"sau khi họp với ban công tác mặt trận",
			"☒ Nêu gương",  # the middle level chosen for the first criterion
			"☐ Nêu gương tốt",
			"☒ Không đề nghị",
			"T/M Chi bộ",
			"Xác nhận của đảng ủy xã, phường",
			"PNX/CB",
		):
			self.assertIn(text, html)
		self.assertNotIn("001090000001", html)

	def test_review_form_exempt_variant(self):
		member = make_active_member(
			"T-WARD-A-B1", exemption="Exempt from Residence Activity", exemption_reason="Đi biển"
		)
		review = self.confirmed(member)
		html = self.html(REVIEW, review.name, "Phiếu nhận xét", self.committee)
		self.assertIn("☒ Thực hiện", html)
		self.assertIn("miễn sinh hoạt nơi cư trú", html)
		self.assertNotIn("Tham gia sinh hoạt chi bộ năm", html)

	def test_request_form(self):
		request = make_request(self.m1, purpose="Party Admission", year=next(self._years), send=True)
		html = self.html("Residence Review Request", request.name, "Phiếu xin ý kiến", self.workplace)
		for text in (
			"Phiếu xin ý kiến nhận xét",
			"Chi ủy chi bộ tổ dân phố số 1",
			"công tác kết nạp đảng viên",
			"PXYK/ĐU",
		):
			self.assertIn(text, html)


class TestReviewStatistics(ReviewTestCase):
	def test_counts_per_level_and_proposal_within_scope(self):
		from party_residence.party_residence.report.review_statistics.review_statistics import execute

		year = 2019
		for pick, proposal, purpose in ((0, "Commend", "Annual Review"), (1, "No Proposal", "Cadre Work")):
			review = self.new_review(purpose=purpose, year=year)
			review.proposal = proposal
			rate_all(review, pick=pick)
			frappe.set_user(self.secretary)
			review.save()
			act(review.name, "Send for Confirmation", self.secretary)
			act(review.name, "Confirm", self.committee)

		frappe.set_user(self.committee)
		_columns, data, _message, chart, summary = execute({"year": year})
		self.assertEqual(summary[0]["value"], 2)
		first = data.index(next(row for row in data if row.get("item", "").startswith("Nêu gương")))
		levels = {row["level"]: row["count"] for row in data[first + 1 : first + 4]}
		self.assertEqual(levels, {"Nêu gương tốt": 1, "Nêu gương": 1, "Chưa nêu gương": 0})
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 1, 0])

		frappe.set_user(self.world.users["noscope"])
		self.assertEqual(execute({"year": year})[4][0]["value"], 0)
