"""Workflow actions that need a written reason (workflow_reasons.py)."""

import frappe
from party_residence import workflow_reasons
from party_residence.arguments import Text, typed


@frappe.whitelist(methods=["POST"])
@typed
def apply_with_reason(doctype: str, name: str, action: str, reason: Text) -> dict:
	"""Check that the user may take the action now, keep the reason and take the action; the form's
	reason dialog calls this instead of Frappe's own `apply_workflow`."""
	doc = workflow_reasons.apply(doctype, name, action, reason)
	# what the form shows next: the fields the user may read, as frappe.client.get gives them
	doc.apply_fieldlevel_read_permissions()
	return doc.as_dict()
