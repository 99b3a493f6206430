# Copyright (c) 2026, Party Residence Developers and Contributors
# See license.txt

"""A letter sent by a batch is the letter the form would have sent: the same fields, the same
member record, the same timeline and the same change history."""

import json
from unittest.mock import patch

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase
from party_residence.party_residence.doctype.party_member.test_party_member import make_member
from party_residence.party_residence.doctype.residence_introduction.test_residence_introduction import (
	act,
	make_introduction,
)
from party_residence.party_residence.doctype.residence_introduction_batch.test_residence_introduction_batch import (
	make_batch,
)
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_outgoing_email_account, ensure_world

LETTER = "Residence Introduction"
MEMBER = "Party Member"
# what differs between any two letters, however they were made
OWN = {
	"name",
	"party_member",
	"member_name",
	"verification_code",
	"creation",
	"modified",
	"sent_on",
	"due_date",
	"introduction_date",
	"batch",
}


_save = Document.save


def save_with_history(self, *args, **kwargs):
	# Frappe keeps no Version during tests unless asked to
	kwargs.setdefault("ignore_version", False)
	return _save(self, *args, **kwargs)


class TestBulkParity(PartyResidenceTestCase):
	def member(self):
		return make_member(workplace_organization="T-WP-X-B1", residence_committee="T-WARD-A").name

	def sent_singly(self, member):
		frappe.set_user(self.workplace)
		letter = make_introduction(member)
		act(letter.name, "Send", self.workplace)
		return letter.name

	def sent_in_a_batch(self, member):
		batch = make_batch(members=[member], user=self.workplace)
		batch.start()
		frappe.set_user("Administrator")
		return frappe.db.get_value(
			"Residence Introduction Batch Member", {"parent": batch.name}, "residence_introduction"
		)

	def letter(self, name):
		doc = frappe.get_doc(LETTER, name).as_dict(no_default_fields=True)
		return {key: value for key, value in doc.items() if key not in OWN}

	def timeline(self, doctype, name, member, letter):
		rows = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": doctype,
				"reference_name": name,
				"comment_type": ("!=", "Attachment"),
			},
			fields=["comment_type", "content"],
			order_by="creation, name",
		)
		return [(row.comment_type, (row.content or "").replace(letter, "<letter>")) for row in rows]

	def changes(self, doctype, name, values=False):
		"""What each Version of the record changed (the fields, or the fields and their values),
		oldest first."""
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": doctype, "docname": name}, pluck="data", order_by="creation"
		)
		return [
			sorted(tuple(change) if values else change[0] for change in json.loads(data).get("changed", []))
			for data in versions
		]

	def test_a_letter_sent_in_a_batch_is_the_letter_the_form_sends(self):
		single_member, bulk_member = self.member(), self.member()
		with patch.object(Document, "save", save_with_history):
			single, bulk = self.sent_singly(single_member), self.sent_in_a_batch(bulk_member)
		self.assertTrue(single and bulk)

		self.assertEqual(self.letter(bulk), self.letter(single))
		fields = ["liaison_status", "residence_committee", "residence_branch"]
		self.assertEqual(
			frappe.db.get_value(MEMBER, bulk_member, fields),
			frappe.db.get_value(MEMBER, single_member, fields),
		)
		self.assertEqual(
			self.timeline(LETTER, bulk, bulk_member, bulk),
			self.timeline(LETTER, single, single_member, single),
		)
		self.assertEqual(
			self.timeline(MEMBER, bulk_member, bulk_member, bulk),
			self.timeline(MEMBER, single_member, single_member, single),
		)
		self.assertEqual(
			self.changes(MEMBER, bulk_member, values=True), self.changes(MEMBER, single_member, values=True)
		)
		self.assertTrue(self.changes(MEMBER, bulk_member))
		self.assertEqual(self.changes(LETTER, bulk)[-1:], self.changes(LETTER, single)[-1:])
