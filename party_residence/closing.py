"""Closing a member's residence record when they leave the workplace organization (retired,
transferred out of the app's organizations): letters and requests in flight are cancelled with
the reason, nothing is deleted, and the history stays readable."""

from __future__ import annotations

import frappe
from frappe import _
from party_residence import liaison

INTRODUCTION = "Residence Introduction"
REQUEST = "Residence Review Request"


def close_record(member_name: str, reason: str) -> None:
	cancel_in_flight(member_name, reason)
	member = frappe.get_doc("Party Member", member_name)
	member.liaison_status = liaison.status_after_residence_change(member.liaison_status)
	member.residence_branch = None
	member.flags.liaison_status_by_procedure = True
	member.flags.ignore_permissions = True  # checked by the caller: a step of the procedure
	member.add_comment("Info", _("Residence record closed: {0}").format(frappe.utils.escape_html(reason)))
	member.save()


def cancel_in_flight(member_name: str, reason: str) -> None:
	"""Cancel the member's sent introductions and unanswered review requests, giving the reason."""
	for doctype, field, states in (
		(INTRODUCTION, "cancel_reason", ("Sent", "Received", "Assigned")),
		(REQUEST, "cancel_reason", ("Sent",)),
	):
		for name in frappe.get_all(
			doctype,
			filters={"party_member": member_name, "docstatus": 1, "workflow_state": ("in", states)},
			pluck="name",
		):
			doc = frappe.get_doc(doctype, name)
			doc.db_set(field, reason)
			doc.flags.ignore_permissions = True
			doc.workflow_state = "Cancelled"
			doc.cancel()
