"""What the Desk's form buttons send (a method of the document, through run_doc_method) is
answered without a stray message: the Desk shows every server message as a dialog."""

import json

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client
from party_residence.tests.base import PartyResidenceTestCase


class TestDeskRequests(PartyResidenceTestCase):
	def test_a_form_button_gets_its_answer_and_no_stray_message(self):
		# the shared world's batch (committed: the request runs in a connection of its own)
		batch = frappe.get_doc("Residence Introduction Batch", self.world.batches["B1"])
		response = make_request(
			target=get_test_client().post,
			args=("/api/method/run_doc_method",),
			kwargs={
				"headers": {"Authorization": f"token {self.world.tokens['workplace']}"},
				"data": {"docs": batch.as_json(), "method": "destinations"},
			},
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
		self.assertIn("committees", response.json["message"])
		# a refusal caught on the way (frappe.get_attr("run_doc_method")) showed one
		self.assertNotIn("_server_messages", response.json)
