"""Closing a member's residence record when they leave the workplace organization (retired,
transferred out of the app's organizations): letters, requests and reviews in flight, drafts
included, are cancelled with the reason, nothing is deleted, and the history stays readable."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.workflow.doctype.workflow_action.workflow_action import process_workflow_actions
from party_residence import liaison
from party_residence.owned_fields import set_owned

INTRODUCTION = "Residence Introduction"
REQUEST = "Residence Review Request"
REVIEW = "Residence Review"


def close_record(member_name: str, reason: str) -> None:
	cancel_in_flight(member_name, reason)
	member = frappe.get_doc("Party Member", member_name)
	set_owned(member, {"liaison_status": liaison.status_after_residence_change(member.liaison_status)})
	member.residence_branch = None
	member.flags.ignore_permissions = True  # checked by the caller: a step of the procedure
	member.add_comment("Info", _("Residence record closed: {0}").format(frappe.utils.escape_html(reason)))
	member.save()


def cancel_in_flight(member_name: str, reason: str) -> None:
	"""Cancel, giving the reason, the member's introductions not yet acknowledged and review
	requests not yet answered, drafts included, and the reviews still being written or confirmed."""
	close_open_reviews(member_name, reason)
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
		for name in frappe.get_all(
			doctype, filters={"party_member": member_name, "docstatus": 0}, pluck="name"
		):
			cancel_draft(doctype, name, reason)


def close_open_reviews(member_name: str, reason: str) -> None:
	"""Reviews not confirmed yet (Draft, Pending Confirmation, Returned for Revision) can no longer
	be sent on or confirmed."""
	for name in frappe.get_all(REVIEW, filters={"party_member": member_name, "docstatus": 0}, pluck="name"):
		cancel_draft(REVIEW, name, reason)


def cancel_draft(doctype: str, name: str, reason: str) -> None:
	"""Frappe cancels only what was submitted (docstatus 0 to 2 is no transition), so an unsent
	document is marked cancelled in place: kept, read-only, with the reason on it and its timeline."""
	values = {"docstatus": 2, "workflow_state": "Cancelled", "cancel_reason": reason}
	if doctype == REQUEST:
		values["dedupe_key"] = None  # as when a sent request is cancelled: the slot is free again
	frappe.db.set_value(doctype, name, values)
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.set_value(table.options, {"parent": name, "parenttype": doctype}, "docstatus", 2)
	doc = frappe.get_doc(doctype, name)
	doc.add_comment("Workflow", _("Cancelled"))
	doc.add_comment("Info", _("Cancelled: {0}").format(frappe.utils.escape_html(reason)))
	process_workflow_actions(doc, "on_cancel")  # the open actions on it are closed
