"""A row of a child table, loaded on its own, is checked against the document it belongs to.

Frappe 15 checks a child row's permission on its parent DocType, passing the parent document as
`getattr(row, "parent_doc", row.parent)`. A row loaded on its own (`frappe.get_doc(child, name)`,
as GET /api/resource/<child>/<name>, frappe.client.get and delete do) has the attribute, set to
None: the check becomes a check of the role alone, and a branch secretary could read, or delete,
the attendance and the review ratings of any branch by their row names. The app's child tables
answer `parent_doc` with their document, loaded when needed, so the scope rule decides.
"""

from __future__ import annotations

import frappe
from frappe.model.base_document import BaseDocument


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
