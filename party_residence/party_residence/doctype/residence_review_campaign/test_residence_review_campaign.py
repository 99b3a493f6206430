# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from party_residence import reviews
from party_residence.party_residence.doctype.residence_branch_meeting.test_residence_branch_meeting import (
	make_active_member,
)
from party_residence.party_residence.doctype.residence_review_request.test_residence_review_request import (
	make_workplace_member,
)
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

CAMPAIGN = "Residence Review Campaign"
REQUEST = "Residence Review Request"


def run_campaign(organization="T-WP-X", year=2026, purpose="Annual Review", user=None):
	frappe.set_user(user or "Administrator")
	try:
		campaign = frappe.get_doc(
			{
				"doctype": CAMPAIGN,
				"workplace_organization": organization,
				"review_year": year,
				"purpose": purpose,
			}
		).insert()
		campaign.start()
		return frappe.get_doc(CAMPAIGN, campaign.name)
	finally:
		frappe.set_user("Administrator")


class TestResidenceReviewCampaign(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.active = [make_workplace_member() for _ in range(3)]
		cls.exempt = make_workplace_member(
			exemption="Exempt from Residence Activity", exemption_reason="Đi biển"
		)

	def requests_for(self, member, year=2026, purpose="Annual Review"):
		return frappe.get_all(
			REQUEST,
			filters={"party_member": member, "review_year": year, "purpose": purpose, "docstatus": 1},
			pluck="name",
		)

	# the tests share one transaction: each runs its campaigns for its own year

	def test_one_request_per_eligible_member_with_a_summary(self):
		campaign = run_campaign(year=2021, user=self.workplace)
		self.assertEqual(campaign.status, "Completed")
		for member in [*self.active, self.world.members["M1"]]:
			self.assertEqual(len(self.requests_for(member, 2021)), 1, member)
			request = frappe.get_doc(REQUEST, self.requests_for(member, 2021)[0])
			self.assertEqual((request.workflow_state, request.campaign), ("Sent", campaign.name))
			self.assertTrue(request.due_date)
		self.assertEqual(self.requests_for(self.exempt, 2021), [])
		reasons = {row.reason: row.member_count for row in campaign.summary}
		self.assertEqual(reasons.get("Exempt from residence activity (no annual review)"), 1)
		self.assertGreaterEqual(reasons.get("Not active at a residence", 0), 1)  # M2 of the shared world
		self.assertEqual(campaign.created_count + campaign.skipped_count, len(self.members_of("T-WP-X")))

	def members_of(self, organization):
		return frappe.get_all(
			"Party Member",
			filters={"workplace_organization": ("descendants of (inclusive)", organization)},
			pluck="name",
		)

	def test_running_twice_or_overlapping_creates_nothing_twice(self):
		first = run_campaign(year=2022, user=self.workplace)
		again = run_campaign(year=2022, user=self.workplace)
		self.assertEqual(again.created_count, 0)
		overlapping = run_campaign("T-WP-X-B1", year=2022, user=self.workplace)  # a subtree of the first
		self.assertEqual(overlapping.created_count, 0)
		self.assertGreater(first.created_count, 0)
		for member in self.active:
			self.assertEqual(len(self.requests_for(member, 2022)), 1)
		# another purpose is another request
		self.assertGreater(
			run_campaign(year=2022, purpose="Cadre Work", user=self.workplace).created_count, 0
		)

	def test_a_race_between_two_runs_still_gives_one_request(self):
		member = make_workplace_member()
		names = [member]
		first, _skipped = reviews.request_many(names, 2026, "Party Admission", None, "Administrator")
		# the second run checked before the first wrote: its insert is ignored by the unique key
		row_key = reviews.dedupe_key(member, 2026, "Party Admission")
		created = reviews._write_requests(
			[
				{
					"name": f"XYK-RACE-{frappe.generate_hash(length=5)}",
					"party_member": member,
					"purpose": "Party Admission",
					"review_year": 2026,
					"workflow_state": "Sent",
					"docstatus": 1,
					"dedupe_key": row_key,
				}
			],
			frappe.utils.now_datetime(),
			"Administrator",
		)
		self.assertEqual((first, created), (1, 0))
		self.assertEqual(len(self.requests_for(member, purpose="Party Admission")), 1)

	def test_a_campaign_is_titled_by_its_purpose_year_and_organization(self):
		campaign = run_campaign(year=2019, user=self.workplace)
		name = frappe.db.get_value("Party Organization", "T-WP-X", "organization_name")
		self.assertEqual(campaign.campaign_title, f"Annual Review 2019 - {name}")
		self.assertEqual(frappe.get_meta(CAMPAIGN).title_field, "campaign_title")

	def test_campaign_only_in_own_scope(self):
		self.assertRaises(frappe.PermissionError, run_campaign, "T-WP-Y", user=self.workplace)

	def test_active_members_elsewhere_are_not_reached(self):
		other = make_active_member("T-WARD-A-B2")  # works in T-WP-Y
		run_campaign(year=2020, user=self.workplace)
		self.assertEqual(self.requests_for(other, 2020), [])
