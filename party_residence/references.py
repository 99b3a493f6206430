"""Members and organizations are referred to by the procedure's records: they are closed or
moved, never deleted, once anything refers to them."""

from __future__ import annotations

import frappe
from frappe import _
from party_residence.exceptions import ReferencedRecordError


def refuse_delete_if_referenced(doc) -> None:
	uses = _references(doc.doctype, doc.name)
	if not uses:
		return
	listing = ", ".join(f"{count} × {_(doctype)}" for doctype, count in uses)
	frappe.throw(
		_("{0} cannot be deleted: {1} refer to it. Cancel or close records instead of deleting them.").format(
			frappe.bold(doc.get_title() or doc.name), listing
		),
		ReferencedRecordError,
		title=_("Still referred to"),
	)


def _references(doctype: str, name: str) -> list[tuple[str, int]]:
	"""(DocType, how many records) of the app that link to this record, child rows counted by parent."""
	found = []
	for link in frappe.get_all(
		"DocField",
		filters={"fieldtype": "Link", "options": doctype, "parent": ("in", _app_doctypes())},
		fields=["parent", "fieldname"],
	):
		if link.parent == doctype and link.fieldname in ("old_parent",):
			continue
		count = frappe.db.count(link.parent, {link.fieldname: name, "name": ("!=", name)})
		if count:
			found.append((link.parent, count))
	merged: dict[str, int] = {}
	for dt, count in found:
		merged[dt] = merged.get(dt, 0) + count
	return sorted(merged.items())


def _app_doctypes() -> list[str]:
	return frappe.get_all("DocType", filters={"module": "Party Residence"}, pluck="name")
