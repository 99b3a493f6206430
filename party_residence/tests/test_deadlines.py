import datetime
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from party_residence import deadlines, tasks
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
	make_active_member,
)
from party_residence.party_residence.doctype.residence_introduction.test_residence_introduction import (
	act,
	make_introduction,
)
from party_residence.party_residence.doctype.residence_review.test_residence_review import act as review_act
from party_residence.party_residence.doctype.residence_review.test_residence_review import rate_all
from party_residence.party_residence.doctype.residence_review_request.test_residence_review_request import (
	make_request,
)
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world, make_scoped_user

SENT_ON = datetime.datetime(2026, 3, 2, 9)  # a Monday: due Thursday 5 March (3 working days)


class DeadlineTestCase(PartyResidenceTestCase):
	"""The ward, its branch secretary and the city above them, with a reminder one day ahead."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.city = make_scoped_user(
			f"pr.city.{frappe.generate_hash(length=6)}@example.com", "Residence Committee Officer", "T-CITY"
		)
		frappe.db.set_single_value("Party Residence Settings", "reminder_lead_days", 1)


class TestDeadlines(DeadlineTestCase):
	def sent_letter(self):
		member = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		frappe.set_user(self.world.users["workplace"])
		letter = make_introduction(member)
		frappe.set_user("Administrator")
		with patch("party_residence.introductions.now_datetime", return_value=SENT_ON):
			return act(letter.name, "Send", self.world.users["workplace"])

	def items(self, digest, kind):
		return {item.name for item in getattr(digest, kind)}

	def test_reminder_the_working_day_before(self):
		letter = self.sent_letter()
		self.assertEqual(letter.due_date, datetime.date(2026, 3, 5))
		digests = deadlines.collect("2026-03-04")
		self.assertIn(letter.name, self.items(digests[self.committee], "due_soon"))
		# the city committee is not bothered while the ward is on time
		self.assertNotIn(letter.name, self.items(digests.get(self.city, deadlines.Digest()), "escalated"))
		self.assertNotIn(
			letter.name,
			self.items(deadlines.collect("2026-03-02").get(self.committee, deadlines.Digest()), "due_soon"),
		)

	def test_overdue_warns_the_officer_and_the_committee_above(self):
		letter = self.sent_letter()
		digests = deadlines.collect("2026-03-06")
		self.assertIn(letter.name, self.items(digests[self.committee], "overdue"))
		self.assertIn(letter.name, self.items(digests[self.city], "escalated"))
		# the closest officers act; the city officer is not the one to receive the letter
		self.assertNotIn(letter.name, self.items(digests[self.city], "overdue"))

	def test_an_assigned_letter_waits_for_the_branch(self):
		letter = self.sent_letter()
		act(letter.name, "Receive", self.committee)
		frappe.set_user(self.committee)
		doc = frappe.get_doc("Residence Introduction", letter.name)
		doc.residence_branch = "T-WARD-A-B1"
		doc.save()
		with patch("party_residence.introductions.now_datetime", return_value=SENT_ON):
			act(letter.name, "Assign to Branch", self.committee)
		digests = deadlines.collect("2026-03-06")
		self.assertIn(letter.name, self.items(digests[self.secretary], "overdue"))
		# a late branch is reported to its ward
		self.assertIn(letter.name, self.items(digests[self.committee], "escalated"))

	def test_finished_letters_are_left_alone(self):
		letter = self.sent_letter()
		frappe.set_user(self.committee)
		frappe.get_doc("Residence Introduction", letter.name).db_set("return_reason", "Sai địa chỉ")
		act(letter.name, "Return", self.committee)
		for digest in deadlines.collect("2026-03-20").values():
			self.assertNotIn(letter.name, self.items(digest, "overdue") | self.items(digest, "escalated"))

	def test_one_message_per_recipient(self):
		first, second = self.sent_letter(), self.sent_letter()
		before = frappe.db.count("Email Queue Recipient", {"recipient": self.committee})
		deadlines.send_reminders("2026-03-06")
		self.assertEqual(frappe.db.count("Email Queue Recipient", {"recipient": self.committee}), before + 1)
		log = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.committee},
			fields=["subject"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertIn("overdue", log.subject)
		self.assertTrue(first.name and second.name)


class TestReviewDeadlines(DeadlineTestCase):
	"""A review request is reminded and warned about like a letter: the branch while it writes the
	review, the ward once the review waits for its confirmation."""

	def sent_request(self, purpose="Cadre Work"):
		"""A request to branch T-WARD-A-B1, sent on Monday 2 March: due Thursday 5 March."""
		member = make_active_member("T-WARD-A-B1")
		with patch("party_residence.reviews.now_datetime", return_value=SENT_ON):
			return make_request(member, purpose=purpose, send=True)

	def review(self, request, *actions):
		frappe.set_user(self.secretary)
		review = frappe.get_doc({"doctype": "Residence Review", "review_request": request.name}).insert()
		rate_all(review).save()
		for action, user in actions:
			review_act(review.name, action, user)
		return review

	def items(self, digest, kind):
		return {item.name for item in getattr(digest or deadlines.Digest(), kind)}

	def test_the_branch_is_reminded_then_warned_and_its_ward_told(self):
		request = self.sent_request()
		self.assertEqual(request.due_date, datetime.date(2026, 3, 5))
		self.assertIn(
			request.name, self.items(deadlines.collect("2026-03-04").get(self.secretary), "due_soon")
		)
		self.assertNotIn(
			request.name, self.items(deadlines.collect("2026-03-02").get(self.secretary), "due_soon")
		)
		late = deadlines.collect("2026-03-06")
		self.assertIn(request.name, self.items(late.get(self.secretary), "overdue"))
		self.assertIn(request.name, self.items(late.get(self.committee), "escalated"))
		self.assertNotIn(request.name, self.items(late.get(self.committee), "overdue"))

	def test_a_review_waiting_for_confirmation_is_the_ward_s_to_finish(self):
		request = self.sent_request()
		self.review(request, ("Send for Confirmation", self.secretary))
		late = deadlines.collect("2026-03-06")
		self.assertIn(request.name, self.items(late.get(self.committee), "overdue"))
		self.assertIn(request.name, self.items(late.get(self.city), "escalated"))
		self.assertNotIn(request.name, self.items(late.get(self.secretary), "overdue"))

	def test_answered_and_cancelled_requests_are_left_alone(self):
		answered = self.sent_request()
		self.review(answered, ("Send for Confirmation", self.secretary), ("Confirm", self.committee))
		cancelled = self.sent_request(purpose="Other")
		cancelled.db_set("cancel_reason", "Lập nhầm")
		apply_workflow(frappe.get_doc("Residence Review Request", cancelled.name), "Cancel")
		for digest in deadlines.collect("2026-03-20").values():
			told = (
				self.items(digest, "overdue")
				| self.items(digest, "escalated")
				| self.items(digest, "due_soon")
			)
			self.assertFalse({answered.name, cancelled.name} & told)

	def test_the_daily_job_tells_the_branch_secretary(self):
		request = self.sent_request()
		before = frappe.db.count("Email Queue Recipient", {"recipient": self.secretary})
		with patch("party_residence.deadlines.today", return_value="2026-03-06"):
			tasks.daily()
		self.assertEqual(frappe.db.count("Email Queue Recipient", {"recipient": self.secretary}), before + 1)
		log = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.secretary},
			fields=["subject", "email_content"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertIn("overdue", log.subject)
		self.assertIn(request.name, log.email_content)


class TestDeadlineSettings(FrappeTestCase):
	def test_a_deadline_left_empty_in_settings_falls_back_to_its_default(self):
		from party_residence import introductions, reviews

		fields = ("review_response_days", "introduction_receipt_days")
		saved = {field: frappe.db.get_single_value("Party Residence Settings", field) for field in fields}
		try:
			frappe.db.set_single_value("Party Residence Settings", "review_response_days", 5)
			self.assertEqual(str(reviews.due_date_after(SENT_ON.date())), "2026-03-09")
			for field in fields:
				frappe.db.set_single_value("Party Residence Settings", field, None)
			# the field's default, 3 working days: Monday to Thursday
			self.assertEqual(str(reviews.due_date_after(SENT_ON.date())), "2026-03-05")
			self.assertEqual(str(introductions.due_date_for("Sent", SENT_ON.date())), "2026-03-05")
		finally:
			frappe.db.set_single_value("Party Residence Settings", saved)
