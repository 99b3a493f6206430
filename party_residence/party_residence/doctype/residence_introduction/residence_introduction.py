# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from party_residence import introductions, roles, signatures, verification
from party_residence.exceptions import IntroductionStepError
from party_residence.organizations import check_residence_placement
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin
from party_residence.permissions import is_unrestricted

# fields changed after sending, and the roles of the side that may change them
SIDE_FIELDS = {
	"residence_branch": {roles.COMMITTEE_OFFICER},
	"return_reason": {roles.COMMITTEE_OFFICER},
	"cancel_reason": {roles.WORKPLACE_OFFICER},
}


class ResidenceIntroduction(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledged_on: DF.Datetime | None
		amended_from: DF.Link | None
		assigned_on: DF.Datetime | None
		branch_contacts: DF.SmallText | None
		cancel_reason: DF.SmallText | None
		due_date: DF.Date | None
		exempt_from_activity: DF.Check
		introduction_date: DF.Date
		issuing_committee: DF.Link | None
		member_name: DF.Data | None
		party_member: DF.Link
		received_on: DF.Datetime | None
		residence_address: DF.SmallText | None
		residence_branch: DF.Link | None
		residence_committee: DF.Link
		residence_contacts: DF.SmallText | None
		return_reason: DF.SmallText | None
		sector: DF.Link | None
		sent_on: DF.Datetime | None
		verification_code: DF.Data | None
		workflow_state: DF.Link | None
		workplace_contacts: DF.SmallText | None
		workplace_organization: DF.Link | None
	# end: auto-generated types

	# a residence change that drafted this letter keeps pointing at it once it is cancelled
	ignore_linked_doctypes = ("Residence Change",)

	def onload(self):
		self.set_onload("can_assign", introductions.can_assign(self))

	def validate(self):
		verification.ensure_code(self)
		self.set_member_details()
		self.validate_member()
		self.validate_residence()

	def before_submit(self):
		self.take_step()

	def on_submit(self):
		introductions.move_member(self, self.workflow_state)
		signatures.on_step(self)

	def before_update_after_submit(self):
		self.validate_side_fields()
		self.validate_branch_choice()
		self.take_step()

	def on_update_after_submit(self):
		if self.state_changed:
			introductions.move_member(self, self.workflow_state)
			signatures.on_step(self)

	def before_cancel(self):
		self.workflow_state = "Cancelled"
		self.take_step()

	def on_cancel(self):
		introductions.move_member(self, "Cancelled")

	# checks ------------------------------------------------------------------------------------

	def set_member_details(self):
		member = introductions.get_member(self.party_member)
		if not member:
			return
		self.update(introductions.member_details(member))
		if not self.residence_committee:
			self.residence_committee = member.residence_committee

	def validate_member(self):
		member = introductions.get_member(self.party_member)
		if not member:
			return  # no such member: Frappe's link check refuses the letter and names the field
		introductions.check_can_introduce(member)
		introductions.check_one_open(self)

	def validate_residence(self):
		check_residence_placement(self.residence_committee, self.residence_branch)

	def validate_side_fields(self):
		"""After sending, each side changes only its own fields."""
		before = self.get_doc_before_save()
		if not before or is_unrestricted():
			return
		roles = set(frappe.get_roles())
		for field, allowed in SIDE_FIELDS.items():
			if self.get(field) != before.get(field) and not allowed & roles:
				frappe.throw(
					_("{0} is filled in by the other side of the introduction.").format(
						_(self.meta.get_label(field))
					),
					IntroductionStepError,
				)

	def validate_branch_choice(self):
		"""The branch is chosen once the committee has received the introduction, under itself."""
		before = self.get_doc_before_save()
		if not before or before.residence_branch == self.residence_branch:
			return
		if before.workflow_state not in ("Received", "Assigned"):
			frappe.throw(
				_("The branch is chosen after the committee has received the introduction."),
				IntroductionStepError,
			)
		check_residence_placement(self.residence_committee, self.residence_branch)
		introductions.warn_if_elsewhere(self)

	@property
	def state_changed(self) -> bool:
		before = self.get_doc_before_save()
		return bool(before) and before.workflow_state != self.workflow_state

	def take_step(self):
		"""Check what the new state needs, then stamp its date, due date and contacts."""
		state = self.workflow_state
		if not self.is_new() and not self.state_changed and self.docstatus.is_submitted():
			return
		if state == "Assigned" and not self.residence_branch:
			frappe.throw(_("Choose the residence branch before assigning."), IntroductionStepError)
		if state == "Returned" and not (self.return_reason or "").strip():
			frappe.throw(_("Give the reason for returning the introduction."), IntroductionStepError)
		if state == "Cancelled" and not (self.cancel_reason or "").strip():
			frappe.throw(_("Give the reason for cancelling the introduction."), IntroductionStepError)
		introductions.stamp(self, state)
		introductions.refresh_contacts(self)


def on_doctype_update():
	from party_residence.summary import add_covering_index

	add_covering_index("Residence Introduction")
