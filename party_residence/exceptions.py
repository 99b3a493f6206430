"""Business errors of the procedure, one class per rule, so callers and tests can tell them apart."""

import frappe


class OrganizationTreeError(frappe.ValidationError):
	"""An organization placed where the tree of committees and branches does not allow it."""


class OrganizationSideError(frappe.ValidationError):
	"""A workplace/residence side or sector that does not fit the organization's place."""


class OutOfScopeError(frappe.PermissionError):
	"""A change that would reach an organization outside the user's scope."""


class InvalidCitizenIdError(frappe.ValidationError):
	"""A citizen ID (CCCD) that is not exactly 12 digits."""


class DuplicateCitizenIdError(frappe.ValidationError):
	"""A citizen ID already recorded for another member."""


class DuplicatePartyCardError(frappe.ValidationError):
	"""A party card number already recorded for another member."""


class MemberDatesError(frappe.ValidationError):
	"""Dates of birth, joining and becoming official out of order or in the future."""


class MemberOrganizationError(frappe.ValidationError):
	"""A member linked to an organization of the wrong side or type, or a branch outside its committee."""


class IntroductionRefusedError(frappe.ValidationError):
	"""A member who may not be introduced (exempt from introduction)."""


class OpenIntroductionExistsError(frappe.ValidationError):
	"""A second open introduction for the same member."""


class IntroductionStepError(frappe.ValidationError):
	"""A step of the introduction taken without what it needs (a branch, a reason) or by the wrong side."""


class MeetingError(frappe.ValidationError):
	"""A branch meeting that is not on a residential branch, lists a member twice, or is submitted
	before everyone's attendance is marked."""


class ReviewRequestRefusedError(frappe.ValidationError):
	"""A review request for a member who may not be reviewed for that purpose now."""


class ReviewError(frappe.ValidationError):
	"""A residence review that is incomplete, rated outside a criterion's levels, or changed out of turn."""


class ResidenceChangeError(frappe.ValidationError):
	"""A residence change without what it needs (a new address, a new workplace organization)."""


class ExemptionError(frappe.ValidationError):
	"""An exemption without a start date, ending before it starts, or contradicting the record."""


class ViolationError(frappe.ValidationError):
	"""A violation notice taken a step without what the step needs."""


class ReferencedRecordError(frappe.ValidationError):
	"""A record other records refer to, which is closed or cancelled rather than deleted."""


class LiaisonReportError(frappe.ValidationError):
	"""A yearly liaison report for something that is not a committee, or for an impossible year."""


class InvalidValueError(frappe.ValidationError):
	"""A field sent with a value of the wrong type, shape or length (payloads.py)."""


class InvalidArgumentError(frappe.ValidationError):
	"""An argument of a whitelisted method or a list query of the wrong kind (arguments.py)."""


class SigningError(frappe.ValidationError):
	"""A document that cannot be signed as configured (the key store, certificate or font)."""


class SigningNotAllowedError(frappe.PermissionError):
	"""A user who takes a signing step without the role or the scope to sign for the organization."""


class SigningIdentityError(frappe.ValidationError):
	"""A signing identity whose key store, certificate or settings cannot be used."""
