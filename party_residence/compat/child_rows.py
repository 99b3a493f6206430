"""A row of a child table, loaded on its own, is checked against the document it belongs to.

Frappe 15 checks a child row's permission on its parent DocType, passing the parent document as
`getattr(row, "parent_doc", row.parent)`. A row loaded on its own (`frappe.get_doc(child, name)`,
as GET /api/resource/<child>/<name>, frappe.client.get and delete do) has the attribute, set to
None: the check becomes a check of the role alone, and a branch secretary could read, or delete,
the attendance and the review ratings of any branch by their row names. The app's child tables
answer `parent_doc` with their document, loaded when needed, so the scope rule decides.

They also answer Frappe's link check from the links their document looked up for all its rows at
once (compat/row_links.py), and are written only through their document.

A document's rows are its own. Frappe 15 saves a row that comes with a name by that name alone
(`UPDATE … WHERE name=…`, after setting its parent to the document saved): a row sent under the name
of another document's row would be moved into this one, out of a meeting the user may not touch.
`refuse_rows_of_other_documents` refuses such a save before anything is written.
"""

from __future__ import annotations

import frappe
from frappe.model.base_document import BaseDocument
from party_residence import IN_LIST_CHUNK
from party_residence.compat import row_links


class RowOfDocumentMixin:
	"""Put first in the bases of the controllers of the app's child tables."""

	@property
	def parent_doc(self):
		parent = BaseDocument.parent_doc.fget(self)
		if parent is None and self.get("parenttype") and self.get("parent"):
			if frappe.db.exists(self.parenttype, self.parent):
				parent = frappe.get_doc(self.parenttype, self.parent)
				self._parent_doc = parent
		return parent

	@parent_doc.setter
	def parent_doc(self, value):
		self._parent_doc = value

	@parent_doc.deleter
	def parent_doc(self):
		self._parent_doc = None

	def insert(self, *args, **kwargs):
		_written_with_document(self, kwargs.get("ignore_permissions"))
		return super().insert(*args, **kwargs)

	def save(self, *args, **kwargs):
		_written_with_document(self, kwargs.get("ignore_permissions"))
		return super().save(*args, **kwargs)

	def on_trash(self):
		_written_with_document(self, None)
		if hasattr(super(), "on_trash"):
			super().on_trash()

	def db_insert(self, *args, **kwargs):
		"""Nothing to write when the document wrote its rows together (bulk.insert_rows)."""
		if self.flags.pop("inserted_with_document", False):
			return None
		return super().db_insert(*args, **kwargs)

	def get_invalid_links(self, is_submittable=False):
		"""Answered from the links the document looked up for all its rows (compat/row_links.py)."""
		if getattr(self, "_linked_values", None) is None:
			return super().get_invalid_links(is_submittable)
		return row_links.invalid_links(self, is_submittable)


def _written_with_document(row, ignore_permissions) -> None:
	"""A row is added, changed or removed by saving its document, which checks it (the members of a
	meeting's branch, a review awaiting confirmation, a submitted document's rows): Frappe 15 lets a
	client write a row on its own (REST on the child DocType) with the document's permission alone.
	The server's own code may still, with permissions ignored."""
	if ignore_permissions or row.flags.ignore_permissions:
		return
	frappe.throw(
		frappe._("The rows of {0} are changed through the document.").format(frappe._(row.parenttype or "")),
		frappe.PermissionError,
	)


def refuse_rows_of_other_documents(doc) -> None:
	"""Every row of `doc` that comes with a name is new or already a row of `doc` in that table: one
	query per table (in IN lists), for the rows that carry a name."""
	for df in doc.meta.get_table_fields():
		rows = [row for row in doc.get(df.fieldname) or () if isinstance(row, BaseDocument) and row.name]
		names = sorted({str(row.name) for row in rows})
		own = (str(doc.name or ""), doc.doctype, df.fieldname)
		for start in range(0, len(names), IN_LIST_CHUNK):
			stored = frappe.get_all(
				df.options,
				filters={"name": ("in", names[start : start + IN_LIST_CHUNK])},
				fields=["name", "parent", "parenttype", "parentfield"],
			)
			foreign = {
				str(row.name).casefold()
				for row in stored
				if (str(row.parent or ""), row.parenttype, row.parentfield) != own
			}
			if foreign:
				idx = [str(row.idx) for row in rows if str(row.name).casefold() in foreign]
				frappe.throw(
					frappe._("Rows {0} of {1} belong to another document.").format(
						", ".join(idx), frappe._(df.label or df.fieldname)
					),
					frappe.PermissionError,
				)
