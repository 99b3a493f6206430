# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import holidays

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin
from party_residence.working_days import clear_calendar_cache


class PartyResidenceSettings(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from party_residence.party_residence.doctype.party_residence_calendar_day.party_residence_calendar_day import (
			PartyResidenceCalendarDay,
		)

		calendar_days: DF.Table[PartyResidenceCalendarDay]
		fetch_revocation_info: DF.Check
		holiday_country: DF.Data
		introduction_acknowledge_days: DF.Int
		introduction_receipt_days: DF.Int
		reminder_lead_days: DF.Int
		review_response_days: DF.Int
		revocation_lists: DF.LongText | None
		stamp_font: DF.Data | None
		timestamp_authority_url: DF.Data | None
		trusted_roots: DF.LongText | None
	# end: auto-generated types

	def validate(self):
		self.validate_holiday_country()
		self.validate_calendar_days()
		self.validate_signing()

	def validate_signing(self):
		"""The trust roots and revocation lists must parse: the verification page relies on them."""
		from party_residence import pdf_signing
		from party_residence.signatures import setup_reason

		for field, load in (
			("trusted_roots", pdf_signing.load_certificates),
			("revocation_lists", pdf_signing.load_crls),
		):
			try:
				load(self.get(field))
			except pdf_signing.SigningSetupError as error:
				frappe.throw(
					_("{0}: {1}").format(_(self.meta.get_label(field)), setup_reason(error)),
					title=_("Digital Signatures"),
				)
		url = (self.timestamp_authority_url or "").strip()
		if url and not url.startswith(("https://", "http://")):
			frappe.throw(_("The timestamp authority URL must start with https:// or http://."))

	def on_update(self):
		clear_calendar_cache()

	def validate_holiday_country(self):
		self.holiday_country = (self.holiday_country or "VN").strip().upper()
		if self.holiday_country not in holidays.list_supported_countries():
			frappe.throw(
				_("{0} is not a country code the holiday calendar knows. Use VN for Vietnam.").format(
					frappe.bold(self.holiday_country)
				)
			)

	def validate_calendar_days(self):
		seen = {}
		for row in self.calendar_days:
			day = getdate(row.calendar_date)
			if day in seen:
				frappe.throw(
					_("Row {0}: {1} is already listed in row {2}.").format(
						row.idx, frappe.format(day, "Date"), seen[day]
					)
				)
			seen[day] = row.idx
