"""The links of a document's rows, looked up set-wise.

Frappe 15 checks the links of a child table row by row (`BaseDocument.get_invalid_links`): one
query per row and link, to see that the linked record exists and to fetch the values its
`fetch_from` fields copy. A batch of 2,000 members spent 1.3 s there. The document now looks up
the links of all its rows in one query per linked DocType (`prefetch`), and each row of the app's
child tables answers Frappe's check from that (`RowOfDocumentMixin.get_invalid_links`), with
Frappe's own rules: the name as stored (MariaDB compares without case), the fetched values set
through Frappe's `set_fetch_from_value`, a cancelled document refused where Frappe refuses it.
A link to a missing record is always refused, also where it fills other fields (see
payloads.refuse_missing_links).

Links this does not cover are left to Frappe, row by row: Dynamic Links, links to single or
virtual DocTypes, and values fetched from something that is not a column.
tests/test_compat.py compares both ways on the same rows.
"""

from __future__ import annotations

import frappe
from frappe import _dict
from frappe.model import default_fields
from frappe.model.docstatus import DocStatus
from frappe.model.utils.link_count import notify_link_count
from frappe.utils import cstr, escape_html
from party_residence import IN_LIST_CHUNK
from party_residence.metas import per_meta


def prefetch(doc) -> None:
	"""Look up the links of all the rows of `doc` and keep each row's answers on the row."""
	forget(doc)
	wanted: dict[str, dict[str, set]] = {}  # linked DocType -> {"names": …, "columns": …}
	plans = []
	for row in doc.get_all_children():
		plan = _plan(row)
		if plan is None:
			continue
		plans.append((row, plan))
		for df, doctype, columns in plan:
			entry = wanted.setdefault(doctype, {"names": set(), "columns": {"name"}})
			entry["names"].add(str(row.get(df.fieldname)))
			entry["columns"].update(columns)
	found = {doctype: lookup(doctype, entry["names"], entry["columns"]) for doctype, entry in wanted.items()}
	for row, plan in plans:
		row._linked_values = {
			df.fieldname: found[doctype].get(str(row.get(df.fieldname)).casefold())
			for df, doctype, _c in plan
		}


def was_looked_up(row, fieldname: str) -> bool:
	return fieldname in (getattr(row, "_linked_values", None) or {})


def linked_record(row, fieldname: str) -> _dict | None:
	"""The record a looked-up link of the row names (None when there is none)."""
	return row._linked_values[fieldname]


def forget(doc) -> None:
	for row in doc.get_all_children():
		row.__dict__.pop("_linked_values", None)


def _plan(row) -> list | None:
	"""The row's set links: (field, linked DocType, columns to read), or None when one of them is
	of a kind left to Frappe."""
	plan = []
	for df, doctype, columns in per_meta("row_links", row.doctype, _links):
		if not row.get(df.fieldname):
			continue
		if doctype is None:
			return None
		plan.append((df, doctype, columns))
	return plan


def _links(meta) -> list:
	"""Each link field of the rows' DocType: (field, linked DocType, columns to read), with no
	DocType for a link of a kind left to Frappe."""
	links = []
	for df in meta.get_link_fields() + meta.get("fields", {"fieldtype": ("=", "Dynamic Link")}):
		links.append((df, *_link_target(meta, df)))
	return links


def _link_target(meta, df) -> tuple[str | None, set[str]]:
	if df.fieldtype != "Link" or not df.options:
		return None, set()
	linked = frappe.get_meta(df.options)
	if linked.get("is_virtual") or linked.issingle:
		return None, set()
	columns = {fetched.fetch_from.split(".")[-1] for fetched in meta.get_fields_to_fetch(df.fieldname)}
	if any(column not in default_fields and not linked.has_field(column) for column in columns):
		return None, set()
	if linked.is_submittable:
		columns.add("docstatus")
	return df.options, columns


def lookup(doctype: str, names: set[str], columns: set[str]) -> dict[str, _dict]:
	"""The records `names` name, read in IN lists, keyed by the name as sent (casefolded). A name is
	matched as the database matches it: without regard to case, and, as its collation also equals
	accented and unaccented letters (and more), a name the lists did not answer under its own
	spelling is looked up on its own."""
	names = sorted(names)
	found = {}
	for start in range(0, len(names), IN_LIST_CHUNK):
		for record in frappe.get_all(
			doctype, filters={"name": ("in", names[start : start + IN_LIST_CHUNK])}, fields=sorted(columns)
		):
			found[str(record.name).casefold()] = record
	for name in names:
		if name.casefold() not in found:
			# not found by its spelling: maybe by the database's (a missing record costs a query, as
			# it does in Frappe's own row-by-row check)
			record = frappe.db.get_value(doctype, name, sorted(columns), as_dict=True)
			if record:
				found[name.casefold()] = record
	return found


def invalid_links(row, is_submittable: bool = False) -> tuple[list, list]:
	"""Frappe's BaseDocument.get_invalid_links for a row whose links were looked up by prefetch."""
	invalid, cancelled = [], []
	fetches = per_meta("row_fetches", row.doctype, _fetches)
	for fieldname, values in row._linked_values.items():
		df = row.meta.get_field(fieldname)
		docname = row.get(fieldname)
		if not values:
			invalid.append((fieldname, docname, _message(row, df, docname)))
			continue
		doctype = df.options
		row.set(fieldname, values.name)
		for fetched in fetches[fieldname]:
			if fetched.get("fetch_if_empty") and row.get(fetched.fieldname):
				continue
			if row.is_new() or not row.docstatus.is_submitted() or fetched.allow_on_submit:
				row.set_fetch_from_value(doctype, fetched, values)
		if not frappe.get_meta(doctype).istable:
			notify_link_count(doctype, docname)
		if (
			fieldname != "amended_from"
			and (is_submittable or row.meta.is_submittable)
			and frappe.get_meta(doctype).is_submittable
			and DocStatus(values.get("docstatus") or 0).is_cancelled()
		):
			cancelled.append((fieldname, docname, _message(row, df, docname)))
	return invalid, cancelled


def _fetches(meta) -> dict[str, list]:
	"""The fields each link field of the DocType fills from the record it names."""
	return {df.fieldname: meta.get_fields_to_fetch(df.fieldname) for df in meta.get_link_fields()}


def _message(row, df, docname) -> str:
	# the value as sent, escaped: the message is shown as HTML
	return "{} #{}: {}: {}".format(
		frappe._("Row"), row.idx, frappe._(df.label, context=df.parent), escape_html(cstr(docname))
	)
