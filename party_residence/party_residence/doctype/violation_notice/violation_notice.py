# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document
from party_residence import violations
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class ViolationNotice(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledged_on: DF.Datetime | None
		amended_from: DF.Link | None
		committee_contacts: DF.SmallText | None
		description: DF.SmallText
		member_name: DF.Data | None
		occurred_on: DF.Date
		party_member: DF.Link
		residence_branch: DF.Link | None
		residence_committee: DF.Link | None
		resolution: DF.SmallText | None
		resolved_on: DF.Datetime | None
		sent_on: DF.Datetime | None
		workflow_state: DF.Link | None
		workplace_contacts: DF.SmallText | None
		workplace_organization: DF.Link | None
	# end: auto-generated types

	def validate(self):
		if self.docstatus == 0:
			violations.set_member_details(self)
			violations.check_date(self)

	def before_submit(self):
		if self.workflow_state == "Draft":
			self.workflow_state = "Sent"
		violations.take_step(self)

	def before_update_after_submit(self):
		before = self.get_doc_before_save()
		if before and before.workflow_state != self.workflow_state:
			violations.take_step(self)
