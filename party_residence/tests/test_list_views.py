"""The Desk's list views open for the officers: Frappe's list asks for each linked organization's
name (`link.organization_name as link_organization_name`), which the app's check of query columns
lets through for organizations only."""

import json

from frappe.tests.test_api import make_request
from frappe.utils import get_test_client
from party_residence.tests.base import PartyResidenceTestCase


class TestListViews(PartyResidenceTestCase):
	def list_rows(self, doctype: str, fields: list[str]):
		response = make_request(
			target=get_test_client().post,
			args=("/api/method/frappe.desk.reportview.get",),
			kwargs={
				"headers": {"Authorization": f"token {self.world.tokens['workplace']}"},
				"data": {"doctype": doctype, "fields": json.dumps(fields), "page_length": 5},
			},
		)
		return response.status_code, response.json

	def test_the_member_list_shows_organizations_by_name(self):
		status, body = self.list_rows(
			"Party Member",
			[
				"`tabParty Member`.`name`",
				"`tabParty Member`.`workplace_organization`",
				"`tabParty Member`.`residence_committee`",
				"workplace_organization.organization_name as workplace_organization_organization_name",
				"residence_committee.organization_name as residence_committee_organization_name",
			],
		)
		self.assertEqual(status, 200, body)
		keys = body["message"]["keys"]
		self.assertIn("workplace_organization_organization_name", keys)
		self.assertIn("residence_committee_organization_name", keys)

	def test_no_other_joined_column_is_taken(self):
		for field in (
			# another column of the organization, a member's data through a link, a made-up alias
			"workplace_organization.lft as workplace_organization_lft",
			"workplace_organization.organization_name as anything",
		):
			status, _body = self.list_rows("Party Member", ["name", field])
			self.assertEqual(status, 417, field)
		# a member's data other than the name the list shows
		status, _body = self.list_rows(
			"Residence Introduction", ["name", "party_member.citizen_id as party_member_citizen_id"]
		)
		self.assertEqual(status, 417)

	def test_lists_that_name_a_member_show_the_name(self):
		# Frappe's list asks for the linked member's title where the member is a list column
		status, body = self.list_rows(
			"Residence Introduction", ["name", "party_member.full_name as party_member_full_name"]
		)
		self.assertEqual(status, 200, body)
		self.assertIn("party_member_full_name", body["message"]["keys"])
