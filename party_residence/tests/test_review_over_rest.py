"""A whole annual review campaign walked over REST by the three people who take part in it:
the workplace officer, the branch secretary and the ward officer; the member sees the review only
once the ward has confirmed it.

Each request runs in its own connection and commits, as a real client's would; what the walk
creates is removed at the end.
"""

import json

import frappe
from frappe.tests.test_api import make_request
from party_residence.tests.base import RestTestCase

YEAR = 2024
CAMPAIGN = "Residence Review Campaign"
REQUEST = "Residence Review Request"
REVIEW = "Residence Review"


class TestReviewOverRest(RestTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.created = []

	@classmethod
	def tearDownClass(cls):
		# the walk committed through the API: take its records away again
		frappe.db.rollback()
		for doctype, name in reversed(cls.created):
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
			frappe.db.delete("Residence Review Rating", {"parent": name})
			frappe.db.delete("Residence Review Campaign Summary", {"parent": name})
			frappe.db.delete(doctype, {"name": name})
		frappe.db.commit()
		super().tearDownClass()

	def call(self, role, method, path, **kwargs):
		headers = {"Authorization": f"token {self.world.tokens[role]}"}
		response = make_request(
			target=getattr(self.client, method), args=(path,), kwargs={"headers": headers, **kwargs}
		)
		return response

	def ok(self, role, method, path, **kwargs):
		response = self.call(role, method, path, **kwargs)
		self.assertEqual(
			response.status_code, 200, f"{role} {method} {path}: {response.get_data(as_text=True)[:600]}"
		)
		body = response.json
		return body.get("data", body.get("message"))

	def act(self, role, doctype, name, action):
		doc = self.ok(role, "get", f"/api/resource/{doctype}/{name}")
		return self.ok(
			role,
			"post",
			"/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": json.dumps(doc, default=str), "action": action},
		)

	def test_campaign_to_received(self):
		m1 = self.world.members["M1"]

		# the workplace officer starts an annual campaign for the branch where M1 works
		campaign = self.ok(
			"workplace",
			"post",
			f"/api/resource/{CAMPAIGN}",
			json={"workplace_organization": "T-WP-X-B1", "review_year": YEAR, "purpose": "Annual Review"},
		)
		self.created.append((CAMPAIGN, campaign["name"]))
		self.ok(
			"workplace",
			"post",
			"/api/method/run_doc_method",
			json={"dt": CAMPAIGN, "dn": campaign["name"], "method": "start"},
		)
		self._run_queued_campaign(campaign["name"])

		requests = self.ok(
			"workplace",
			"get",
			f"/api/resource/{REQUEST}",
			query_string={
				"filters": json.dumps([["campaign", "=", campaign["name"]]]),
				"fields": json.dumps(["name", "party_member", "workflow_state"]),
			},
		)
		mine = [r for r in requests if r["party_member"] == m1]
		self.assertEqual(len(mine), 1)
		self.assertEqual(mine[0]["workflow_state"], "Sent")
		request = mine[0]["name"]
		self.created += [(REQUEST, r["name"]) for r in requests]

		# the branch secretary writes the review from the request
		review = self.ok("secretary", "post", f"/api/resource/{REVIEW}", json={"review_request": request})
		self.created.append((REVIEW, review["name"]))
		self.assertEqual(len(review["ratings"]), 5)
		for row in review["ratings"]:
			row["rating"] = row["rating_options"].split("\n")[0]
		review = self.ok(
			"secretary",
			"put",
			f"/api/resource/{REVIEW}/{review['name']}",
			json={"ratings": review["ratings"], "proposal": "Commend", "met_with_front_committee": 1},
		)
		self.assertEqual(
			self.act("secretary", REVIEW, review["name"], "Send for Confirmation")["workflow_state"],
			"Pending Confirmation",
		)

		# the member sees nothing yet; the secretary cannot confirm
		self.assertEqual(
			self.call("member", "get", f"/api/resource/{REVIEW}/{review['name']}").status_code, 403
		)
		self.assertNotEqual(
			self.call(
				"secretary",
				"post",
				"/api/method/frappe.model.workflow.apply_workflow",
				json={"doc": json.dumps(review, default=str), "action": "Confirm"},
			).status_code,
			200,
		)

		# the ward officer confirms: the request is answered
		confirmed = self.act("committee", REVIEW, review["name"], "Confirm")
		self.assertEqual((confirmed["docstatus"], confirmed["workflow_state"]), (1, "Confirmed"))
		answered = self.ok("workplace", "get", f"/api/resource/{REQUEST}/{request}")
		self.assertEqual(
			(answered["workflow_state"], answered["residence_review"]), ("Answered", review["name"])
		)

		# the workplace receives it; the member now sees it
		received = self.act("workplace", REVIEW, review["name"], "Acknowledge Receipt")
		self.assertEqual(received["workflow_state"], "Received")
		seen = self.ok("member", "get", f"/api/resource/{REVIEW}/{review['name']}")
		self.assertEqual(seen["proposal"], "Commend")

	def _run_queued_campaign(self, name):
		"""Do what a background worker does with the queued job (no worker runs in the tests)."""
		from frappe.utils.background_jobs import get_job
		from party_residence.party_residence.doctype.residence_review_campaign.residence_review_campaign import (
			run,
		)

		frappe.db.rollback()  # see what the API committed
		frappe.set_user(self.world.users["workplace"])
		try:
			run(name)
		finally:
			frappe.set_user("Administrator")
		job = get_job(f"{frappe.local.site}::residence-review-campaign::{name}")
		if job:
			job.delete()
