# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime
from party_residence import reviews, roles, signatures, verification
from party_residence.exceptions import ReviewError
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin
from party_residence.permissions import is_unrestricted


class ResidenceReview(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.residence_review_rating.residence_review_rating import (
			ResidenceReviewRating,
		)

		amended_from: DF.Link | None
		cancel_reason: DF.SmallText | None
		committee_contacts: DF.SmallText | None
		confirmed_on: DF.Datetime | None
		criteria_snapshot: DF.JSON | None
		meetings_attended: DF.Int
		meetings_total: DF.Int
		member_name: DF.Data | None
		met_with_front_committee: DF.Check
		other_comments: DF.SmallText | None
		party_member: DF.Link | None
		proposal: DF.Literal["", "Commend", "No Proposal", "Consider Discipline"]
		purpose: DF.Literal["Annual Review", "Cadre Work", "Party Admission", "Probationary Member", "Other"]
		ratings: DF.Table[ResidenceReviewRating]
		received_on: DF.Datetime | None
		residence_branch: DF.Link | None
		residence_committee: DF.Link | None
		return_reason: DF.SmallText | None
		review_request: DF.Link
		review_year: DF.Int
		sector: DF.Link | None
		variant: DF.Literal["Standard", "Exempt"]
		verification_code: DF.Data | None
		workflow_state: DF.Link | None
		workplace_contacts: DF.SmallText | None
		workplace_organization: DF.Link | None
	# end: auto-generated types

	def _validate_links(self):
		# a review of a cancelled request is refused in the procedure's words, before Frappe's
		# generic "cannot link cancelled document" (which runs ahead of validate); a new review is
		# checked by fill_from_request once the user's permission to create it is known
		before = self.get_doc_before_save()
		if before and before.docstatus == 0 and self._action in ("save", "submit"):
			reviews.check_request_waiting(self)
		super()._validate_links()

	def validate(self):
		verification.ensure_code(self)
		if self.is_new():
			reviews.fill_from_request(self)
			reviews.contacts(self)
		reviews.one_review_per_request(self)
		reviews.set_meeting_figures(self)
		reviews.rebuild_ratings(self)
		reviews.check_ratings(self, complete=False)
		self.validate_step()

	def validate_step(self):
		before = self.get_doc_before_save()
		old = before.workflow_state if before else "Draft"
		new = self.workflow_state or "Draft"
		if new == "Pending Confirmation" and old != new:
			reviews.check_leaves_branch(self)
			self.return_reason = None
		elif new == "Pending Confirmation" and not self.is_new() and not self.committee_may_edit():
			frappe.throw(
				_("The review is with the committee for confirmation; it can be changed once returned."),
				ReviewError,
			)
		if new == "Returned for Revision" and old != new and not (self.return_reason or "").strip():
			frappe.throw(_("Give the reason for returning the review."), ReviewError)

	@staticmethod
	def committee_may_edit() -> bool:
		return is_unrestricted() or roles.COMMITTEE_OFFICER in frappe.get_roles()

	def before_submit(self):
		self.workflow_state = "Confirmed"
		reviews.check_leaves_branch(self)
		self.confirmed_on = now_datetime()
		reviews.contacts(self)

	def on_update(self):
		before = self.get_doc_before_save()
		if not before or before.workflow_state == self.workflow_state:
			return
		if self.workflow_state == "Pending Confirmation":
			signatures.on_step(self)  # the branch signs the form it sends
		elif self.workflow_state == "Returned for Revision":
			signatures.supersede(self)  # signed again when it is sent again

	def on_submit(self):
		reviews.on_confirmed(self)
		signatures.on_step(self, "Confirmed")  # the ward's signature, added to the branch's

	def before_update_after_submit(self):
		before = self.get_doc_before_save()
		if before and before.workflow_state != self.workflow_state and self.workflow_state == "Received":
			self.received_on = now_datetime()


def on_doctype_update():
	from party_residence.summary import add_covering_index

	add_covering_index("Residence Review")
