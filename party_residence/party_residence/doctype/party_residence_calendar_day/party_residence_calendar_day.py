# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document
from party_residence.owned_fields import OwnedFieldsMixin


class PartyResidenceCalendarDay(OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		calendar_date: DF.Date
		day_type: DF.Literal["Day Off", "Working Day"]
		description: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
