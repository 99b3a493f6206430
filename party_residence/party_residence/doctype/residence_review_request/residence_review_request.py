# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from party_residence import reviews, signatures, verification
from party_residence.exceptions import ReviewError
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class ResidenceReviewRequest(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		branch_contacts: DF.SmallText | None
		campaign: DF.Link | None
		cancel_reason: DF.SmallText | None
		dedupe_key: DF.Data | None
		due_date: DF.Date | None
		issuing_committee: DF.Link | None
		member_name: DF.Data | None
		note: DF.SmallText | None
		party_member: DF.Link
		purpose: DF.Literal["Annual Review", "Cadre Work", "Party Admission", "Probationary Member", "Other"]
		requested_on: DF.Date | None
		residence_branch: DF.Link | None
		residence_committee: DF.Link | None
		residence_review: DF.Link | None
		review_year: DF.Int
		sector: DF.Link | None
		verification_code: DF.Data | None
		workflow_state: DF.Link | None
		workplace_contacts: DF.SmallText | None
		workplace_organization: DF.Link | None
	# end: auto-generated types

	def validate(self):
		verification.ensure_code(self)
		member = reviews.get_member(self.party_member)
		if not member:
			return  # no such member: Frappe's link check refuses the request and names the field
		if self.docstatus == 0:
			self.update(reviews.request_details(member))
		reviews.check_request(self)
		self.dedupe_key = reviews.dedupe_key(self.party_member, self.review_year, self.purpose)

	def before_submit(self):
		self.workflow_state = "Sent"
		reviews.send(self)

	def on_submit(self):
		signatures.on_step(self)

	def before_cancel(self):
		if not (self.cancel_reason or "").strip():
			frappe.throw(_("Give the reason for cancelling the request."), ReviewError)
		if self.workflow_state == "Answered":
			frappe.throw(_("An answered request stays on record; it cannot be cancelled."), ReviewError)
		self.workflow_state = "Cancelled"
		# a cancelled request no longer blocks a new one for the same member, year and purpose
		self.dedupe_key = None


def on_doctype_update():
	from party_residence.summary import add_covering_index

	add_covering_index("Residence Review Request")
