# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import datetime
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.party_residence.doctype.residence_introduction.test_residence_introduction import (
	act,
	make_introduction,
)
from party_residence.party_residence.report.overdue.overdue import execute
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world, make_scoped_user


class TestOverdue(PartyResidenceTestCase):
	def test_late_letter_with_working_days_late_in_scope_only(self):
		member = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		frappe.set_user(self.world.users["workplace"])
		letter = make_introduction(member)
		frappe.set_user("Administrator")
		with patch(
			"party_residence.introductions.now_datetime", return_value=datetime.datetime(2026, 3, 2, 9)
		):
			act(letter.name, "Send", self.world.users["workplace"])  # due Thursday 5 March

		frappe.set_user(self.world.users["committee"])
		rows = {row["document"]: row for row in execute({"on_date": "2026-03-10"})[1]}
		self.assertEqual(rows[letter.name]["days_late"], 3)  # 6, 9 and 10 March
		self.assertEqual(rows[letter.name]["organization_name"], "Đảng ủy phường An Thịnh")

		frappe.set_user(self.world.users["secretary"])  # branch A1 sees no letter of the ward yet
		self.assertNotIn(letter.name, {row["document"] for row in execute({"on_date": "2026-03-10"})[1]})

		frappe.set_user(self.world.users["committee"])
		inside_other = execute({"on_date": "2026-03-10", "organization": "T-WARD-B"})[1]
		self.assertNotIn(letter.name, {row["document"] for row in inside_other})

	def test_the_workplace_finds_its_late_letters_and_requests_by_its_own_organization(self):
		from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
			make_active_member,
		)
		from party_residence.party_residence.doctype.residence_review_request.test_residence_review_request import (
			make_request,
		)

		member = make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name
		frappe.set_user(self.world.users["workplace"])
		letter = make_introduction(member)
		frappe.set_user("Administrator")
		with patch(
			"party_residence.introductions.now_datetime", return_value=datetime.datetime(2026, 3, 2, 9)
		):
			act(letter.name, "Send", self.world.users["workplace"])
		reviewed = make_active_member("T-WARD-A-B1")
		frappe.db.set_value("Party Member", reviewed, "workplace_organization", "T-WP-X-B1")
		with patch("party_residence.reviews.now_datetime", return_value=datetime.datetime(2026, 3, 2, 9)):
			request = make_request(reviewed, purpose="Cadre Work", send=True)

		frappe.set_user(self.world.users["workplace"])
		for organization in ("T-WP-X", "T-WP-X-B1"):
			rows = {
				row["document"]: row
				for row in execute({"on_date": "2026-03-10", "organization": organization})[1]
			}
			self.assertIn(letter.name, rows)
			self.assertIn(request.name, rows)
			# still named by who has to act: the ward receives the letter, the branch writes the review
			self.assertEqual(rows[letter.name]["organization_name"], "Đảng ủy phường An Thịnh")
			self.assertEqual(rows[request.name]["organization_name"], "Chi bộ tổ dân phố số 1")
		elsewhere = execute({"on_date": "2026-03-10", "organization": "T-WP-Y"})[1]
		self.assertFalse({letter.name, request.name} & {row["document"] for row in elsewhere})

		# the scope rule still applies: a filter on the workplace shows a ward officer of another
		# ward nothing of it
		other_ward = make_scoped_user(
			f"pr.ward-b.{frappe.generate_hash(length=6)}@example.com",
			"Residence Committee Officer",
			"T-WARD-B",
		)
		frappe.set_user(other_ward)
		seen = {row["document"] for row in execute({"on_date": "2026-03-10", "organization": "T-WP-X"})[1]}
		self.assertFalse({letter.name, request.name} & seen)
