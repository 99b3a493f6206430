# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin
from party_residence.reviews import levels


class ReviewCriterion(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		criterion: DF.SmallText
		is_active: DF.Check
		position: DF.Int
		rating_options: DF.SmallText
		variant: DF.Literal["Standard", "Exempt"]
	# end: auto-generated types

	def validate(self):
		self.criterion = " ".join((self.criterion or "").split())
		self.validate_levels()
		self.idx = self.position or 0

	def validate_levels(self):
		given = levels(self.rating_options)
		if len(given) != 3 or len(set(given)) != 3:
			frappe.throw(
				_("Give exactly three different rating levels, best first, one per line."),
				title=_("Rating levels"),
			)
		self.rating_options = "\n".join(given)
