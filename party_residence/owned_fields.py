"""Fields the procedure owns: no client sets them, whatever path the write takes.

A field that the DocType shows read-only or hides (the tree bounds of an organization, the dates
each step stamps, statuses, counters, the links a controller derives) is set by the server alone.
Hidden and read-only are properties of the form only: REST, `frappe.client.set_value`, the
desk's save, Data Import and web forms would store what a client sends. So on every save, before
any controller method runs, these fields are put back to what is stored (or, on a new document,
to their defaults); the controllers then derive them again. The same holds for the rows of the
document's child tables.

Code of the procedure that sets such a field before saving says so with `set_owned()`; only the
fields it names pass.
"""

from __future__ import annotations

import frappe
from frappe.model import no_value_fields, table_fields
from party_residence.metas import per_meta

# Read-only fields that a client legitimately sends and Frappe itself checks: the document an
# amendment replaces (it must be cancelled), and the workflow state (only a transition the
# user's roles allow is accepted).
CLIENT_SET = frozenset({"amended_from", "workflow_state"})


def owned_fields(doctype: str) -> tuple[str, ...]:
	"""Value fields of `doctype` that the form shows read-only or hides (those Frappe fetches from a
	link excepted: see fetched_fields())."""
	return per_meta(
		"owned_fields",
		doctype,
		lambda meta: tuple(
			df.fieldname for df in _read_only_fields(meta) if not (df.fetch_from and not df.fetch_if_empty)
		),
	)


def fetched_fields(doctype: str) -> tuple[tuple[str, str], ...]:
	"""(field, link field) of the read-only fields Frappe copies from the document a link names, on
	every save of a draft; when the link is empty, nothing overwrites what a client sent."""
	return per_meta(
		"fetched_fields",
		doctype,
		lambda meta: tuple(
			(df.fieldname, df.fetch_from.split(".")[0])
			for df in _read_only_fields(meta)
			if df.fetch_from and not df.fetch_if_empty
		),
	)


def _read_only_fields(meta):
	return [
		df
		for df in meta.fields
		if (df.read_only or df.hidden)
		and df.fieldname not in CLIENT_SET
		and (df.fieldtype not in no_value_fields or df.fieldtype in table_fields)
	]


def set_owned(doc, values: dict) -> None:
	"""Set fields the procedure owns; the next save of `doc` keeps them."""
	doc.update(values)
	doc.flags.owned_fields_set = set(doc.flags.owned_fields_set or ()) | set(values)


class OwnedFieldsMixin:
	"""Put first in the bases of every controller of the app.

	Frappe resets the fields of a field level the user may not write in
	`validate_higher_perm_levels`, on insert and on every save, before `validate`; the fields the
	procedure owns are reset at the same moment."""

	def validate_higher_perm_levels(self):
		super().validate_higher_perm_levels()
		keep_owned_fields(self)

	def before_rename(self, old: str, new: str, merge: bool = False):
		"""A record's name is its tracking code, printed and registered: only a manager renames."""
		from party_residence.permissions import is_unrestricted

		if not is_unrestricted():
			frappe.throw(frappe._("Only a manager may rename a record."), frappe.PermissionError)


def keep_owned_fields(doc) -> None:
	trusted = set(doc.flags.owned_fields_set or ())
	doc.flags.owned_fields_set = None  # it is for one save
	stored = None if doc.is_new() else _stored(doc)
	if stored is None and not doc.is_new():
		return  # nothing stored under that name: Frappe refuses the save itself
	_reset(doc, stored, trusted)
	for df in doc.meta.get_table_fields():
		if df.fieldname in trusted or df.fieldname in owned_fields(doc.doctype):
			continue
		stored_rows = {row.name: row for row in stored.get(df.fieldname)} if stored else {}
		for row in doc.get(df.fieldname):
			_reset(row, stored_rows.get(row.name), set())


def _stored(doc):
	if doc.get("parenttype") and doc.get("parent") and doc.meta.istable:
		parent = frappe.get_doc(doc.parenttype, doc.parent)
		return next((row for row in parent.get(doc.parentfield) if row.name == doc.name), None)
	if not frappe.db.exists(doc.doctype, doc.name):
		return None
	return frappe.get_doc(doc.doctype, doc.name)


def _reset(doc, stored, trusted: set[str]) -> None:
	fields = [field for field in owned_fields(doc.doctype) if field not in trusted]
	fields += [field for field, link in fetched_fields(doc.doctype) if not doc.get(link)]
	if not fields:
		return
	reference = stored if stored is not None else _defaults(doc.doctype)
	for field in fields:
		if doc.meta.get_field(field).fieldtype in table_fields:
			doc.set(field, [row.as_dict() for row in reference.get(field)] if stored is not None else [])
		elif doc.get(field) != reference.get(field):
			doc.set(field, reference.get(field))


def _defaults(doctype: str):
	"""A new document of `doctype`, as Frappe fills it: the values of a field nobody set."""
	if not hasattr(frappe.local, "party_residence_new_docs"):
		frappe.local.party_residence_new_docs = {}
	cache = frappe.local.party_residence_new_docs
	if doctype not in cache:
		cache[doctype] = frappe.new_doc(doctype)
	return cache[doctype]
