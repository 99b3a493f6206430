# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.query_builder.functions import Max
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin


class PartySector(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		position: DF.Int
		report_phrase: DF.Data | None
		sector_name: DF.Data
	# end: auto-generated types

	def before_insert(self):
		self.place_last_unless_ordered()

	def place_last_unless_ordered(self):
		if not self.position:
			sector = frappe.qb.DocType("Party Sector")
			last = frappe.qb.from_(sector).select(Max(sector.position)).run()[0][0]
			self.position = (last or 0) + 1
