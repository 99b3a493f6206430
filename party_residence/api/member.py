"""Whitelisted actions on Party Members."""

import frappe
from frappe import _
from party_residence import closing, roles
from party_residence.arguments import Text, typed


@frappe.whitelist(methods=["POST"])
@typed
def close_record(member: str, reason: Text) -> None:
	"""The workplace closes the residence record of a member who leaves it (retired, transferred)."""
	if not reason:
		frappe.throw(_("Give the reason."), frappe.MandatoryError)
	doc = frappe.get_doc("Party Member", member)
	doc.check_permission("write")
	if not roles.CLOSING & set(frappe.get_roles()):
		frappe.throw(
			_("Only the workplace party officer closes a member's residence record."), frappe.PermissionError
		)
	closing.close_record(doc.name, reason)
