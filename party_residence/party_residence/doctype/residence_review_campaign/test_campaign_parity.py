# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

"""A review request sent by a campaign is the request the form would have sent: the same fields,
the same timeline and the same change history."""

from unittest.mock import patch

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase
from party_residence import reviews
from party_residence.party_residence.doctype.residence_introduction_batch import test_bulk_parity as parity
from party_residence.party_residence.doctype.residence_review_request.test_residence_review_request import (
	make_request,
	make_workplace_member,
)
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

REQUEST = "Residence Review Request"
# what differs between any two requests, however they were made
OWN = {
	"name",
	"party_member",
	"member_name",
	"verification_code",
	"dedupe_key",
	"requested_on",
	"due_date",
	"campaign",
	"creation",
	"modified",
}


class TestCampaignParity(PartyResidenceTestCase):
	changes = parity.TestBulkParity.changes
	timeline = parity.TestBulkParity.timeline

	def request(self, name):
		doc = frappe.get_doc(REQUEST, name).as_dict(no_default_fields=True)
		return {key: value for key, value in doc.items() if key not in OWN}

	def test_a_request_sent_by_a_campaign_is_the_request_the_form_sends(self):
		single_member, bulk_member = make_workplace_member(), make_workplace_member()
		with patch.object(Document, "save", parity.save_with_history):
			single = make_request(
				single_member, purpose="Party Admission", send=True, user=self.workplace
			).name
			created, _skipped = reviews.request_many(
				[bulk_member], 2026, "Party Admission", None, self.workplace
			)
		self.assertEqual(created, 1)
		bulk = frappe.db.get_value(REQUEST, {"party_member": bulk_member, "purpose": "Party Admission"})

		self.assertEqual(self.request(bulk), self.request(single))
		self.assertEqual(
			self.timeline(REQUEST, bulk, bulk_member, bulk),
			self.timeline(REQUEST, single, single_member, single),
		)
		self.assertTrue(self.changes(REQUEST, single))
		self.assertEqual(self.changes(REQUEST, bulk)[-1:], self.changes(REQUEST, single)[-1:])
