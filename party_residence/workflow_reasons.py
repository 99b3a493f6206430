"""The workflow actions that need a written reason, and the one way a reason is kept and applied.

The table below is the only list of them: the Desk forms read it from the boot (one dialog in the
shared bundle), the whitelisted method `api.workflow.apply_with_reason` and the controllers'
checks ("a returned letter has its reason") all rely on the field it names."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import apply_workflow, get_transitions, get_workflow

# DocType: {workflow action: the field that keeps its reason}
REASON_FIELDS: dict[str, dict[str, str]] = {
	"Residence Introduction": {"Return": "return_reason", "Cancel": "cancel_reason"},
	"Residence Review": {"Return for Revision": "return_reason"},
	"Residence Review Request": {"Cancel": "cancel_reason"},
}


def field_for(doctype: str, action: str) -> str:
	field = REASON_FIELDS.get(doctype, {}).get(action)
	if not field:
		frappe.throw(_("{0} needs no reason.").format(frappe.bold(_(action))))
	return field


def keep(doctype: str, name: str, action: str, reason: str | None) -> Document:
	"""Check that the user may take `action` on the document now, then keep its reason (with a
	timeline line). The action itself is left to the caller (see `apply`)."""
	field = field_for(doctype, action)
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Give the reason."), frappe.MandatoryError)
	doc = frappe.get_doc(doctype, name)
	transition = next((t for t in get_transitions(doc) if t.action == action), None)
	doc.check_permission("cancel" if transition and _cancels(doc, transition) else "write")
	if not transition:
		frappe.throw(
			_("You cannot {0} this {1} now.").format(_(action).lower(), _(doctype).lower()),
			frappe.PermissionError,
		)
	doc.db_set(field, reason)
	doc.add_comment("Info", _("{0}, reason: {1}").format(_(action), frappe.utils.escape_html(reason)))
	return doc


def apply(doctype: str, name: str, action: str, reason: str | None) -> Document:
	"""Keep the reason and take the action, in one transaction: a refused action keeps nothing."""
	doc = keep(doctype, name, action, reason)
	applied = apply_workflow(doc.as_dict(), action)
	return applied or frappe.get_doc(doctype, name)


def _cancels(doc: Document, transition) -> bool:
	workflow = get_workflow(doc.doctype)
	state = next((s for s in workflow.states if s.state == transition.next_state), None)
	return bool(state and int(state.doc_status or 0) == 2)


def boot_session(bootinfo) -> None:
	"""The table, for the reason dialog of the Desk forms."""
	if frappe.session.user != "Guest":
		bootinfo.party_residence_reason_fields = REASON_FIELDS
