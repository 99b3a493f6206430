# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document
from party_residence import residence_changes
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class ResidenceChange(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		effective_date: DF.Date
		member_contacts: DF.SmallText | None
		member_name: DF.Data | None
		new_introduction: DF.Link | None
		new_residence_address: DF.SmallText | None
		new_residence_committee: DF.Link | None
		new_workplace_organization: DF.Link | None
		note: DF.SmallText | None
		old_residence_branch: DF.Link | None
		old_residence_committee: DF.Link | None
		party_member: DF.Link
		reason: DF.Literal["Moved", "Changed Workplace", "Retired", "Other"]
		workflow_state: DF.Link | None
		workplace_contacts: DF.SmallText | None
		workplace_organization: DF.Link | None
	# end: auto-generated types

	def validate(self):
		residence_changes.own_member_only(self)
		residence_changes.set_member_details(self)
		residence_changes.check(self)

	def before_submit(self):
		# only an approval applies the change; a rejection is kept on record as it was
		if self.workflow_state not in ("Approved", "Rejected"):
			self.workflow_state = "Approved"
		if self.workflow_state == "Approved":
			residence_changes.check_approval(self)

	def on_submit(self):
		if self.workflow_state == "Approved":
			residence_changes.apply(self)
