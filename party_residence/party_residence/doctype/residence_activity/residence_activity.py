# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, getdate, today
from party_residence.duties import duty_title
from party_residence.members import copy_member_details
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class ResidenceActivity(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_date: DF.Date
		description: DF.SmallText
		duty: DF.Literal["1", "2", "3", "4", "5", "6", "7"]
		duty_title: DF.Data | None
		member_name: DF.Data | None
		party_member: DF.Link
		residence_branch: DF.Link | None
		workplace_organization: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_member_details()
		self.validate_date()
		self.duty_title = duty_title(self.duty)

	def after_insert(self):
		# the member's timeline lists what they did at the residence
		frappe.get_doc("Party Member", self.party_member).add_comment(
			"Info",
			_("Residence activity {0} (duty {1}): {2}").format(
				frappe.get_desk_link(self.doctype, self.name), self.duty, escape_html(self.description)
			),
		)

	def set_member_details(self):
		# the branch and workplace the member had when the activity was recorded; a later move
		# does not carry old activities to the new branch
		if not self.is_new() and not self.has_value_changed("party_member"):
			return
		copy_member_details(self)

	def validate_date(self):
		if self.activity_date and getdate(self.activity_date) > getdate(today()):
			frappe.throw(
				_("An activity is recorded once it has taken place; the date cannot be in the future.")
			)
