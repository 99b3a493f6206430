"""Many records written at once, with the trail a single save leaves behind: the timeline comments
and the Version entries (which fields changed, from what, to what), each kind in one query.

The batch of introductions and the review campaign write their documents in bulk; what a person
later reads on the timeline and in the change history is the same as for a document saved from
its form."""

from __future__ import annotations

from collections.abc import Iterable

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.model.naming import make_autoname, set_new_name
from party_residence.metas import per_meta

COMMENT_FIELDS = [
	"name",
	"comment_type",
	"reference_doctype",
	"reference_name",
	"content",
	"comment_email",
	"owner",
	"creation",
	"modified",
	"modified_by",
]
VERSION_FIELDS = ["name", "ref_doctype", "docname", "data", "owner", "creation", "modified", "modified_by"]


INSERT_CHUNK = 1_000  # rows a statement


def insert(
	doctype: str,
	fields: list[str],
	rows: Iterable[list],
	ignore_duplicates: bool = False,
	update_on_duplicate: Iterable[str] = (),
) -> None:
	"""Rows written straight to the DocType's table, a thousand a statement: what
	`frappe.db.bulk_insert` does, with the values passed as query parameters where Frappe's query
	builder writes every value into the SQL text itself (three times slower for 2,000 letters).
	`update_on_duplicate`: the fields a row whose name is taken already sets on that record."""
	columns = ", ".join(f"`{field}`" for field in fields)
	verb = "insert ignore" if ignore_duplicates else "insert"
	on_duplicate = ", ".join(f"`{field}` = values(`{field}`)" for field in update_on_duplicate)
	on_duplicate = f" on duplicate key update {on_duplicate}" if on_duplicate else ""
	rows = list(rows)
	for start in range(0, len(rows), INSERT_CHUNK):
		chunk = rows[start : start + INSERT_CHUNK]
		# a value every row shares (the user, the time, the state…) is written once into the row's
		# pattern: the driver escapes each parameter of each row, in Python
		shared = _shared_columns(chunk)
		pattern = ", ".join(_literal(chunk[0][i]) if i in shared else "%s" for i in range(len(fields)))
		frappe.db.sql(
			f"{verb} into `tab{doctype}` ({columns}) values {', '.join([f'({pattern})'] * len(chunk))}"
			+ on_duplicate,
			[value for row in chunk for i, value in enumerate(row) if i not in shared],
		)


def _shared_columns(rows: list[list]) -> set[int]:
	"""The positions where every row holds the same value (of the same type). Not a text holding
	"ifnull(": Frappe rewrites that in a query's text."""
	first = rows[0]
	return {
		i
		for i, value in enumerate(first)
		if value is not None
		and not (isinstance(value, str) and "ifnull(" in value.lower())
		and all(type(row[i]) is type(value) and row[i] == value for row in rows)
	}


def _literal(value) -> str:
	"""`value` written into the query as the driver writes a parameter."""
	return frappe.db._conn.literal(value).replace("%", "%%")


def name_rows(rows: list) -> None:
	"""Name the new rows of a child table as Frappe names them (a hash for a table that has no
	naming rule, naming hook or naming method of its own), without running the naming hooks once
	per row. A table that has one is named by Frappe, row by row."""
	plain = {}
	for row in rows:
		if row.doctype not in plain:
			plain[row.doctype] = _named_by_hash(row)
		if plain[row.doctype]:
			row.name = make_autoname("hash", row.doctype)
		else:
			set_new_name(row)


def _named_by_hash(row) -> bool:
	doctype = row.doctype
	hooks = frappe.get_doc_hooks()
	return (
		frappe.get_meta(doctype).autoname in (None, "", "hash")
		and not any(hasattr(row, method) for method in ("autoname", "before_naming"))
		and not any(
			hooks.get(key, {}).get(method)
			for key in (doctype, "*")
			for method in ("autoname", "before_naming")
		)
		and not frappe.cache_manager.get_doctype_map(
			"Document Naming Rule", doctype, filters={"document_type": doctype, "disabled": 0}
		)
	)


def insert_rows(rows: list) -> None:
	"""The rows of a child table of a document being inserted, written together after the document
	(Frappe writes each row with its own query). Frappe's own loop then skips them: the rows are of
	the app's child tables (compat.child_rows.RowOfDocumentMixin.db_insert)."""
	if not rows:
		return
	user, now = frappe.session.user, frappe.utils.now()
	values = []
	for row in rows:
		if not row.name:
			set_new_name(row)
		if not row.creation:
			row.creation = row.modified = now
			row.owner = row.modified_by = user
		values.append(row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))
	fields = list(values[0])
	insert(rows[0].doctype, fields, [[row[field] for field in fields] for row in values])
	for row in rows:
		row.set("__islocal", False)
		row.flags.inserted_with_document = True


def add_comments(entries: Iterable[tuple[str, str, str, str]], user: str, now) -> None:
	"""Timeline comments, each (comment_type, reference_doctype, reference_name, content)."""
	rows = [
		[frappe.generate_hash(length=10), kind, doctype, name, content, user, user, now, now, user]
		for kind, doctype, name, content in entries
	]
	if rows:
		insert("Comment", COMMENT_FIELDS, rows)


def changes(fields: list, before: dict, after: dict, formatted: dict) -> list[list]:
	"""What a save from `before` to `after` records in a Version: the changes of `fields` (value
	fields of the DocType in the form order), values formatted as a save formats them; docstatus
	last. `formatted`: the values formatted already, for many records at once (the same dates and
	choices recur)."""
	changed = []
	for df in fields:
		if df.fieldname not in after:
			continue
		old, new = before.get(df.fieldname), after.get(df.fieldname)
		if df.fieldtype in ("Link", "Dynamic Link"):
			old, new = old or "", new or ""
		if old == new:
			continue
		changed.append([df.fieldname, _formatted(old, df, formatted), _formatted(new, df, formatted)])
	if "docstatus" in after and before.get("docstatus", 0) != after["docstatus"]:
		changed.append(["docstatus", before.get("docstatus", 0), after["docstatus"]])
	return changed


def _formatted(value, df, formatted: dict):
	if not value:
		return value
	key = (df.fieldname, value)
	if key not in formatted:
		formatted[key] = frappe.format_value(value, df)
	return formatted[key]


def _value_fields(doctype: str) -> list:
	"""The fields of `doctype` that hold a value, in the form order."""
	return per_meta(
		"value_fields",
		doctype,
		lambda meta: [
			df
			for df in meta.fields
			if df.fieldtype not in no_value_fields and df.fieldtype not in table_fields
		],
	)


def add_versions(doctype: str, changed_by_name: dict[str, list[list]], user: str, now) -> None:
	"""One Version for each record whose list of changes is not empty (when the DocType tracks
	changes)."""
	if not frappe.get_meta(doctype).track_changes:
		return
	rows = []
	for name, changed in changed_by_name.items():
		if not changed:
			continue
		data = {
			"added": [],
			"changed": changed,
			"data_import": None,
			"removed": [],
			"row_changed": [],
			"updater_reference": None,
		}
		rows.append(
			[
				frappe.generate_hash(length=10),
				doctype,
				name,
				frappe.as_json(data, indent=None, separators=(",", ":")),
				user,
				now,
				now,
				user,
			]
		)
	if rows:
		insert("Version", VERSION_FIELDS, rows)


def add_sent_versions(doctype: str, rows: list[dict], set_when_sent: Iterable[str], user: str, now) -> None:
	"""For documents written already sent: the Version their Send step records, from the draft
	they would have been (Draft state, unsubmitted, without what sending sets)."""
	unsent = {**dict.fromkeys(set_when_sent), "workflow_state": "Draft", "docstatus": 0}
	fields, formatted = _value_fields(doctype), {}
	add_versions(
		doctype,
		{row["name"]: changes(fields, {**row, **unsent}, row, formatted) for row in rows},
		user,
		now,
	)


def update(doctype: str, before: list[dict], values: dict, user: str, now) -> None:
	"""Set `values` on the records of `before` (each with its name and the values it holds, read in
	this transaction), in one query, and keep a Version for each one it changes."""
	names = [row.name for row in before]
	if not names:
		return
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.update(table).set(table.modified, now).set(table.modified_by, user)
	for fieldname, value in values.items():
		query = query.set(table[fieldname], value)
	query.where(table.name.isin(names)).run()
	fields, formatted = [df for df in _value_fields(doctype) if df.fieldname in values], {}
	add_versions(doctype, {row.name: changes(fields, row, values, formatted) for row in before}, user, now)
