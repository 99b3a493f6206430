# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today
from party_residence import exemptions, validators
from party_residence.exceptions import (
	DuplicateCitizenIdError,
	DuplicatePartyCardError,
	InvalidCitizenIdError,
	MemberDatesError,
	MemberOrganizationError,
)
from party_residence.liaison import initial_liaison_status, status_after_exemption
from party_residence.organizations import check_residence_placement
from party_residence.owned_fields import OwnedFieldsMixin
from party_residence.payloads import FieldValuesMixin
from party_residence.references import refuse_delete_if_referenced


class PartyMember(FieldValuesMixin, OwnedFieldsMixin, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		citizen_id: DF.Data | None
		date_joined: DF.Date
		date_of_birth: DF.Date
		date_official: DF.Date | None
		email: DF.Data | None
		exemption: DF.Literal["", "Exempt from Residence Activity", "Exempt from Introduction"]
		exemption_from: DF.Date | None
		exemption_reason: DF.SmallText | None
		exemption_until: DF.Date | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		job_title: DF.Data | None
		liaison_status: DF.Literal["Not Introduced", "Introduced", "Active", "Exempt", "Moved Away"]
		party_card_number: DF.Data | None
		phone: DF.Data | None
		residence_address: DF.SmallText
		residence_branch: DF.Link | None
		residence_committee: DF.Link | None
		residence_type: DF.Literal["Permanent", "Temporary"]
		sector: DF.Link | None
		user: DF.Link | None
		work_schedule: DF.Literal["Regular", "Shift Work", "Frequent Travel", "Mobile"]
		workplace_organization: DF.Link
	# end: auto-generated types

	def validate(self):
		self.normalize_identifiers()
		self.validate_citizen_id()
		self.validate_party_card_number()
		self.validate_dates()
		self.validate_workplace_organization()
		self.validate_residence()
		self.validate_exemption()
		self.set_liaison_status()

	def normalize_identifiers(self):
		self.full_name = " ".join((self.full_name or "").split())
		if self.citizen_id:
			self.citizen_id = validators.normalize_citizen_id(self.citizen_id)
		if self.party_card_number:
			self.party_card_number = validators.normalize_party_card_number(self.party_card_number)
		# an empty identifier is "not known yet", stored as NULL so it never collides
		self.citizen_id = self.citizen_id or None
		self.party_card_number = self.party_card_number or None

	def validate_citizen_id(self):
		if not self.citizen_id:
			return
		if not validators.is_valid_citizen_id(self.citizen_id):
			frappe.throw(
				_("The citizen ID (CCCD) must be exactly 12 digits; {0} is not.").format(
					frappe.bold(self.citizen_id)
				),
				InvalidCitizenIdError,
				title=_("Invalid citizen ID"),
			)
		if self._taken_by_another("citizen_id"):
			# never name the other member: the user may not be allowed to see them
			frappe.throw(
				_("Another party member already has citizen ID {0}.").format(frappe.bold(self.citizen_id)),
				DuplicateCitizenIdError,
				title=_("Duplicate citizen ID"),
			)

	def validate_party_card_number(self):
		if self.party_card_number and self._taken_by_another("party_card_number"):
			frappe.throw(
				_("Another party member already has party card number {0}.").format(
					frappe.bold(self.party_card_number)
				),
				DuplicatePartyCardError,
				title=_("Duplicate party card number"),
			)

	def _taken_by_another(self, fieldname: str) -> bool:
		return bool(
			frappe.db.exists(
				"Party Member", {fieldname: self.get(fieldname), "name": ("!=", self.name or "")}
			)
		)

	def validate_dates(self):
		problem = validators.member_dates_problem(
			getdate(self.date_of_birth) if self.date_of_birth else None,
			getdate(self.date_joined) if self.date_joined else None,
			getdate(self.date_official) if self.date_official else None,
			getdate(today()),
		)
		if problem:
			frappe.throw(date_message(problem), MemberDatesError, title=_("Dates out of order"))

	def validate_workplace_organization(self):
		if not self.workplace_organization:
			return
		side = frappe.get_cached_value("Party Organization", self.workplace_organization, "side")
		if side != "Workplace":
			frappe.throw(
				_("The workplace organization must be on the workplace side; {0} is not.").format(
					frappe.bold(self.workplace_organization)
				),
				MemberOrganizationError,
			)

	def validate_residence(self):
		self.residence_committee = check_residence_placement(self.residence_committee, self.residence_branch)

	def validate_exemption(self):
		self.exemption_reason = (self.exemption_reason or "").strip() or None
		if self.exemption and not self.exemption_reason:
			frappe.throw(
				_("Give the reason for the exemption ({0}).").format(_(self.exemption)),
				frappe.MandatoryError,
				title=_("Missing exemption reason"),
			)
		exemptions.check(self)

	def on_update(self):
		exemptions.record_change(self)

	def on_trash(self):
		refuse_delete_if_referenced(self)

	def set_liaison_status(self):
		"""The liaison status follows the procedure (introduction, moving house: set_owned()) and
		the exemption; nobody edits it by hand (owned_fields.py)."""
		if self.is_new():
			self.liaison_status = initial_liaison_status(self.exemption)
		else:
			self.liaison_status = status_after_exemption(self.liaison_status, self.exemption)


def date_message(problem: str) -> str:
	"""The message for a problem code of validators.member_dates_problem, in the user's language."""
	return {
		"birth_not_past": _("The date of birth must be in the past."),
		"joined_in_future": _("The date of joining the Party cannot be in the future."),
		"official_in_future": _("The date of becoming an official member cannot be in the future."),
		"joined_before_birth": _("The date of joining the Party must come after the date of birth."),
		"official_before_joined": _(
			"The date of becoming an official member cannot come before the date of joining the Party."
		),
		"official_without_joined": _("Enter the date of joining the Party before the official date."),
	}[problem]


def on_doctype_update():
	from party_residence.summary import add_covering_index

	add_covering_index("Party Member")
