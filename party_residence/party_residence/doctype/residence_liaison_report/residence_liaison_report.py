# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime
from party_residence import liaison_report, signatures, verification
from party_residence.exceptions import LiaisonReportError, OutOfScopeError
from party_residence.owned_fields import OwnedFieldsMixin, set_owned
from party_residence.payloads import FieldValuesMixin
from party_residence.permissions import can_reach_organization


class ResidenceLiaisonReport(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_number: DF.Int
		figures: DF.JSON | None
		figures_regenerated_on: DF.Datetime | None
		issued_on: DF.Datetime | None
		report_date: DF.Date
		report_title: DF.Data | None
		report_year: DF.Int
		residence_committee: DF.Link
		section_1: DF.TextEditor | None
		section_2: DF.TextEditor | None
		section_2_notes: DF.TextEditor | None
		section_3: DF.TextEditor | None
		section_4: DF.TextEditor | None
		verification_code: DF.Data | None
	# end: auto-generated types

	def validate(self):
		verification.ensure_code(self)
		self.validate_not_issued()
		self.validate_committee()
		self.validate_year()
		liaison_report.fill(self, regenerate=bool(self.flags.regenerate_figures))

	def validate_committee(self):
		organization_type = frappe.db.get_value(
			"Party Organization", self.residence_committee, "organization_type"
		)
		if organization_type != "Committee":
			frappe.throw(
				_(
					"{0} is not a party committee: the report is made by a commune, ward or city committee."
				).format(frappe.bold(self.residence_committee)),
				LiaisonReportError,
				title=_("Wrong organization"),
			)
		if not can_reach_organization(self.residence_committee):
			frappe.throw(
				_("{0} is outside the organizations you work for.").format(
					frappe.bold(self.residence_committee)
				),
				OutOfScopeError,
				title=_("Not permitted"),
			)

	def validate_year(self):
		if not 2000 <= int(self.report_year or 0) <= 2100:
			frappe.throw(
				_("Enter the report year as four digits, e.g. 2025."),
				LiaisonReportError,
				title=_("Wrong year"),
			)

	def validate_not_issued(self):
		"""An issued report is on record as it was issued (and signed): it is no longer edited."""
		before = self.get_doc_before_save()
		if before and before.issued_on:
			frappe.throw(
				_("The report was issued on {0} and can no longer be changed.").format(
					frappe.bold(frappe.format(before.issued_on, "Datetime"))
				),
				LiaisonReportError,
				title=_("Already issued"),
			)

	@frappe.whitelist(methods=["POST"])
	def issue(self):
		"""Issue the report: it is on record from now on, signed where the committee signs."""
		self.check_permission("write")
		# as stored: a document sent by the client may say it was never issued
		if issued_on := frappe.db.get_value(self.doctype, self.name, "issued_on"):
			return issued_on
		self.flags.issuing = True
		set_owned(self, {"issued_on": now_datetime()})
		self.save()
		signatures.on_step(self, "Issued")
		return self.issued_on

	@frappe.whitelist(methods=["POST"])
	def regenerate_figures(self):
		"""Recompute the figures and section II from the records; the narrative stays as written."""
		self.check_permission("write")
		self.flags.regenerate_figures = True  # validate() fills them in
		self.save()
		return self.figures_regenerated_on
