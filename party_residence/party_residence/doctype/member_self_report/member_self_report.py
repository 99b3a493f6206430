# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime
from party_residence import residence_changes
from party_residence.duties import DUTIES
from party_residence.members import copy_member_details
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class MemberSelfReport(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		content: DF.LongText | None
		duty_1: DF.SmallText | None
		duty_2: DF.SmallText | None
		duty_3: DF.SmallText | None
		duty_4: DF.SmallText | None
		duty_5: DF.SmallText | None
		duty_6: DF.SmallText | None
		duty_7: DF.SmallText | None
		member_name: DF.Data | None
		party_member: DF.Link
		residence_branch: DF.Link | None
		review_year: DF.Int
		submitted_on: DF.Datetime | None
		workplace_organization: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		# the name is made of the member and the year: take the member from the login first
		residence_changes.own_member_only(self)
		self.validate_one_per_year()

	def validate(self):
		residence_changes.own_member_only(self)
		self.set_member_details()
		self.validate_not_confirmed()
		self.content = "\n\n".join(
			f"{number}. {DUTIES[number]}\n{self.get(f'duty_{number}')}"
			for number in DUTIES
			if (self.get(f"duty_{number}") or "").strip()
		)
		self.submitted_on = now_datetime()

	def set_member_details(self):
		copy_member_details(self)

	def validate_one_per_year(self):
		if self.party_member and frappe.db.exists(
			self.doctype, {"party_member": self.party_member, "review_year": self.review_year}
		):
			frappe.throw(
				_("A self-report for {0} has already been filed: open it to change it.").format(
					self.review_year
				),
				frappe.DuplicateEntryError,
				title=_("Already filed"),
			)

	def validate_not_confirmed(self):
		"""Once the residence has confirmed the year's review, the report stays as it was: as it is
		stored, and as it would become (moving it to another year is a change too)."""
		before = self.get_doc_before_save()
		for member, year in {
			(self.party_member, self.review_year),
			*([(before.party_member, before.review_year)] if before else []),
		}:
			confirmed = frappe.db.exists(
				"Residence Review", {"party_member": member, "review_year": year, "docstatus": 1}
			)
			if confirmed:
				frappe.throw(
					_("The review for {0} is confirmed: the self-report can no longer change.").format(year),
					title=_("Self-report closed"),
				)
