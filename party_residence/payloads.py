"""Every value sent into a field of the app is of the field's type before anything uses it.

Frappe checks a field's type late, if at all: a controller's `validate` runs before Frappe's own
checks of options and lengths, and nothing refuses a number in a text field or an object in a
date field, so such a value reached the code of the procedure and ended as a server error (500),
or was stored (a name made of control characters). Here one table of rules, by field type, says
what each field takes:

- text fields (Data, Link, Select, Small Text, Text Editor…) take text without control
  characters, trimmed; one-line fields take no line breaks; Small Text and Text no more than
  their column's 65,535 bytes (Frappe checks the length of one-line fields itself, after the
  controller has normalized the value: a citizen ID typed with spaces); a Select takes one of
  its options, a number only when it names one;
- Int takes a whole number (or text holding one) within its column, Check 0 or 1 (or a boolean);
- Date takes YYYY-MM-DD, Datetime YYYY-MM-DD HH:MM:SS, Time HH:MM:SS;
- a table takes a list of rows, each an object checked against the child DocType;
- JSON takes an object, a list or JSON text.

The rules are applied twice, so that no path skips them:

1. `FieldValuesMixin`, in the bases of every controller of the app, checks the document on
   `insert` and `save` (so on submit and cancel too) before Frappe or a controller looks at it:
   REST, the desk, `frappe.client`, Data Import, web forms and the app's own code all end there.
   Values are cast as Frappe would store them ("12" in an Int field becomes 12) and text is
   trimmed.
2. `refuse_malformed_documents` (before_request) checks the documents a request carries before
   Frappe builds them: a value of the wrong shape can break Frappe before any controller exists
   (a text where a table's rows belong, a field name that hides a method of the document), and a
   whitelisted method may run on a document it never saves (`run_doc_method`).

The query arguments of list, count and report endpoints on the app's DocTypes (`filters`,
`or_filters`, `fields`, `order_by`, `group_by`) are checked before Frappe parses them: their shape
by `refuse_malformed_queries` (before_request), what they name by `refuse_unknown_query_fields`
(an auth hook that runs after the check of hidden fields, so a probe of a hidden field stays a
403): a column the list does not have, a value its field cannot hold.

The fields the procedure owns (owned_fields.py) are put back to their stored values on every
save; for them only the type is checked, never their content.

What cannot be handled here: a request body sent as `application/json` that is not valid JSON is
parsed by Frappe before the first hook of any app runs (frappe.app.make_form_dict) and answered
with a server error by Frappe itself.
"""

from __future__ import annotations

import re

import frappe
from frappe import _
from frappe.model import no_value_fields, optional_fields, table_fields
from frappe.model.base_document import BaseDocument, get_controller
from frappe.utils import cstr, escape_html
from party_residence import arguments, privacy
from party_residence.arguments import NAME_LENGTH, Refused
from party_residence.compat import child_rows, routes, row_links
from party_residence.exceptions import InvalidArgumentError, InvalidValueError
from party_residence.metas import per_meta
from party_residence.owned_fields import fetched_fields, owned_fields

MODULE = "Party Residence"

# text fields on one line; the other text fields may hold tabs and line breaks
ONE_LINE_TYPES = frozenset(
	{"Data", "Link", "Dynamic Link", "Select", "Read Only", "Autocomplete", "Phone", "Color", "Icon"}
)
# bytes a column holds (varchar columns count characters and are read from the field's length)
COLUMN_BYTES = {"text": 65535, "mediumtext": 16777215}
COLUMN_INTEGERS = {"int": (-(2**31), 2**31 - 1), "bigint": (-(2**63), 2**63 - 1)}

# standard fields a client may send with a document, and what each takes
# the methods Frappe runs by name on every document, defined by the controller or not: a key named
# like one of them would stand in for it
LIFECYCLE_METHODS = frozenset(
	{
		"autoname",
		"before_naming",
		"before_insert",
		"after_insert",
		"before_validate",
		"validate",
		"before_save",
		"on_update",
		"before_submit",
		"on_submit",
		"before_cancel",
		"on_cancel",
		"before_update_after_submit",
		"on_update_after_submit",
		"on_change",
		"on_trash",
		"after_delete",
		"before_rename",
		"after_rename",
		"before_print",
		"onload",
		"before_discard",
		"on_discard",
	}
)

STANDARD_FIELDS = {
	"name": "name",
	"owner": "name",
	"modified_by": "name",
	"parent": "name",
	"parentfield": "name",
	"parenttype": "name",
	"doctype": "name",
	"creation": "datetime",
	"modified": "datetime",
	"docstatus": "docstatus",
	"idx": "int",
}


def app_doctypes() -> frozenset[str]:
	"""The DocTypes of the app, child tables and singles included."""
	return frozenset(
		frappe.cache.get_value(
			"party_residence:doctypes",
			generator=lambda: frappe.get_all("DocType", filters={"module": MODULE}, pluck="name"),
		)
	)


# The rules ----------------------------------------------------------------------------------------


def field_label(df, row=None) -> str:
	label = frappe.bold(_(df.label or df.fieldname))
	if row is None or not row.get("parentfield"):
		return label
	parent_df = frappe.get_meta(row.parenttype).get_field(row.parentfield) if row.get("parenttype") else None
	table = frappe.bold(_(parent_df.label)) if parent_df else frappe.bold(row.parentfield)
	return _("{0} in row {1} of {2}").format(label, row.get("idx") or "?", table)


def clean_value(df, value, owned: bool = False):
	"""The value `df` stores for `value`, trimmed and cast as Frappe would store it; raises
	Refused. A field the procedure owns (`owned`) is checked for its type only."""
	fieldtype = df.fieldtype
	if value is None:
		return value
	if fieldtype == "JSON":
		if isinstance(value, str) and value.strip():
			arguments.json_value(value)
		elif not isinstance(value, dict | list | str):
			raise Refused(_("{0} must be JSON."))
		return value
	if value == "":
		return value
	if isinstance(value, dict | list | tuple):
		raise Refused(_("{0} must be a single value."))
	if fieldtype in ("Int", "Long Int"):
		return arguments.to_int(value, _integer_bounds(df))
	if fieldtype == "Check":
		return int(arguments.to_bool(value))
	if fieldtype in ("Float", "Currency", "Percent", "Duration", "Rating"):
		return arguments.to_number(value, limit=10 if fieldtype == "Rating" else 1e12)
	if fieldtype in ("Date", "Datetime"):
		(arguments.to_date if fieldtype == "Date" else arguments.to_datetime)(value)
		return value.strip() if isinstance(value, str) else value
	if fieldtype == "Time":
		return value if _is_time_value(value) else arguments.to_time(value)
	if fieldtype == "Select" and isinstance(value, int) and not isinstance(value, bool):
		if str(value) in (df.options or "").split("\n"):
			value = str(value)  # an option written as a number: "1" to "7"
	if not isinstance(value, str):
		raise Refused(_("{0} must be text."))
	if owned:
		return value
	# a one-line field's length Frappe checks itself once the controller has normalized the value
	# (a citizen ID typed with spaces); a longer text's column Frappe does not check
	value = arguments.to_text(value, multiline=fieldtype not in ONE_LINE_TYPES, max_bytes=_max_bytes(df))
	if fieldtype == "Select" and value and df.fieldname != "naming_series":
		options = (df.options or "").split("\n")
		if any(options) and value not in options:
			raise Refused(
				_("{0} must be one of: {1}."),
				", ".join(frappe.bold(_(option)) for option in options if option),
			)
	return value


def _is_time_value(value) -> bool:
	from datetime import time, timedelta

	return isinstance(value, time | timedelta)


def _column(df) -> tuple[str, str]:
	return frappe.db.type_map.get(df.fieldtype, ("", ""))


def _max_bytes(df) -> int | None:
	return COLUMN_BYTES.get(_column(df)[0])


def _integer_bounds(df) -> tuple[int, int]:
	kind = _column(df)[0]
	if kind == "int" and frappe.utils.cint(df.length) > 11:
		kind = "bigint"
	return COLUMN_INTEGERS.get(kind, COLUMN_INTEGERS["int"])


def standard_value(key: str, value):
	kind = STANDARD_FIELDS[key]
	if value is None or value == "":
		return value
	if kind == "name":
		if key == "name" and isinstance(value, int) and not isinstance(value, bool):
			return value
		return arguments.to_name(value)
	if kind == "datetime":
		return value if hasattr(value, "year") else (arguments.to_datetime(value) and value)
	if kind == "docstatus":
		return arguments.to_int(value, (0, 2))
	return arguments.to_int(value)


# 1. The document, on insert and save ---------------------------------------------------------------


class FieldValuesMixin:
	"""Put in the bases of every controller of the app (before OwnedFieldsMixin): the document and
	its rows are checked and cleaned on insert and save, before Frappe and the controller run."""

	def insert(self, *args, **kwargs):
		check_field_values(self)
		child_rows.refuse_rows_of_other_documents(self)
		return super().insert(*args, **kwargs)

	def save(self, *args, **kwargs):
		check_field_values(self)
		child_rows.refuse_rows_of_other_documents(self)
		return super().save(*args, **kwargs)

	def _validate_links(self):
		if self.flags.ignore_links or self._action == "cancel":
			return super()._validate_links()
		row_links.prefetch(self)
		try:
			refuse_missing_links(self)
			super()._validate_links()
		finally:
			row_links.forget(self)


def check_field_values(doc) -> None:
	"""Refuse (417) a value of the wrong type in `doc` or its rows; cast and trim the others."""
	_check_fields(doc, None)
	for df in doc.meta.get_table_fields():
		rows = doc.get(df.fieldname)
		if not rows:
			continue
		if not isinstance(rows, list) or not all(isinstance(row, BaseDocument) for row in rows):
			_refuse(Refused(_("{0} must be a list of rows.")), field_label(df))
		for row in rows:
			_check_fields(row, row)


def _check_fields(doc, row) -> None:
	owned = per_meta("owned_or_fetched", doc.doctype, _owned_or_fetched)
	for key in ("name", "idx"):
		try:
			standard_value(key, doc.get(key))
		except Refused as refused:
			_refuse(refused, frappe.bold(key))
	for df in doc.meta.fields:
		if df.fieldtype in no_value_fields:
			continue
		value = doc.get(df.fieldname)
		try:
			cleaned = clean_value(df, value, owned=df.fieldname in owned)
		except Refused as refused:
			_refuse(refused, field_label(df, row))
		if cleaned is not value:
			doc.set(df.fieldname, cleaned)


def _owned_or_fetched(meta) -> frozenset[str]:
	return frozenset(owned_fields(meta.name)) | {field for field, _link in fetched_fields(meta.name)}


def refuse_missing_links(doc) -> None:
	"""A Link field takes the name of a record that exists. Frappe 15 lets a link to a missing record
	through when the linked record fills other fields of the form (fetch_from): it looks them up
	together and takes "nothing found" for "nothing to fetch". Looked up set-wise: one query per
	linked DocType, however many rows the document has; a row's links looked up already
	(compat.row_links.prefetch) are not looked up again."""
	links = [
		(row, df, value)
		for row in (doc, *doc.get_all_children())
		for df in row.meta.get_link_fields()
		if (value := row.get(df.fieldname)) and row.meta.get_fields_to_fetch(df.fieldname)
	]
	wanted: dict[str, set[str]] = {}
	for row, df, value in links:
		if not row_links.was_looked_up(row, df.fieldname):
			wanted.setdefault(df.options, set()).add(cstr(value))
	found = {doctype: _existing(doctype, names) for doctype, names in wanted.items()}
	missing = [
		field_label(df, row if row is not doc else None) + f": {escape_html(cstr(value))}"
		for row, df, value in links
		if not (
			row_links.linked_record(row, df.fieldname)
			if row_links.was_looked_up(row, df.fieldname)
			else cstr(value).casefold() in found[df.options]
		)
	]
	if missing:
		frappe.throw(_("Could not find {0}").format(", ".join(missing)), frappe.LinkValidationError)


def _existing(doctype: str, names: set[str]) -> set[str]:
	"""Which of `names` are records of `doctype`, compared as the database compares names (without
	regard to case or accents), casefolded."""
	if frappe.get_meta(doctype).issingle:
		return {doctype.casefold()} & {name.casefold() for name in names}
	return set(row_links.lookup(doctype, names, {"name"}))


def _refuse(refused: Refused, label: str):
	frappe.throw(refused.text(label), InvalidValueError, title=_("Invalid value"))


# 2. The documents a request carries ---------------------------------------------------------------


def refuse_malformed_documents() -> None:
	"""before_request hook: a document of the app sent with a value of the wrong shape or type is
	refused with 417 before Frappe builds it. So is a `cmd` that is not a method's name (text):
	Frappe would look it up in a dictionary and fail with a server error."""
	if not frappe.request:
		return
	if (cmd := routes.sent_method()) is not None and not isinstance(cmd, str):
		arguments.parse(arguments.argument_label("cmd"), cmd, str)
	for doctype, document in requested_documents():
		if problem := document_problem(doctype, document):
			frappe.throw(problem, InvalidValueError, title=_("Invalid document"))


def requested_documents():
	"""(DocType, document) for every document of the app the request carries (a document to
	update may hold only the fields to change)."""
	form = frappe.form_dict
	writes = frappe.request.method in ("POST", "PUT", "PATCH")
	if writes and (route := routes.document()):
		doctype, name, version = route
		if not is_app_doctype(doctype) or (name and frappe.request.method == "POST"):
			return  # POST to a named document runs a method: its body holds arguments
		data = form.get("data") if version == "v1" else None
		if data is None:
			data = dict(form)
		yield doctype, _document(data, "data")
		return
	method = routes.method()
	if method in DOCUMENT_ARGUMENTS:
		yield from DOCUMENT_ARGUMENTS[method](form)


def _document(value, argument: str):
	"""A document argument as sent: JSON text must hold an object."""
	if isinstance(value, str | bytes):
		try:
			value = frappe.parse_json(value)
		except ValueError:
			frappe.throw(
				_("{0} must be a document written as a JSON object.").format(frappe.bold(argument)),
				InvalidArgumentError,
				title=_("Invalid document"),
			)
	return value


def is_app_doctype(doctype) -> bool:
	return isinstance(doctype, str) and doctype in app_doctypes()


def _ours(document) -> bool:
	return isinstance(document, dict) and is_app_doctype(document.get("doctype"))


def _one_document(argument):
	def documents(form):
		document = _document(form.get(argument), argument)
		if not isinstance(document, dict):
			_not_a_document(argument)
		if _ours(document):
			yield document["doctype"], document

	return documents


def _many_documents(argument):
	def documents(form):
		docs = _document(form.get(argument), argument)
		if not isinstance(docs, list) or not all(isinstance(doc, dict) for doc in docs):
			_not_a_document(argument, many=True)
		for doc in docs:
			if _ours(doc):
				yield doc["doctype"], {key: value for key, value in doc.items() if key != "docname"}

	return documents


def _not_a_document(argument, many=False):
	frappe.throw(
		(_("{0} must be a list of documents.") if many else _("{0} must be one document.")).format(
			frappe.bold(argument)
		),
		InvalidArgumentError,
		title=_("Invalid document"),
	)


def _savedocs(form):
	if form.get("action") not in ("Save", "Submit", "Update", "Cancel"):
		frappe.throw(
			_("{0} must be one of: {1}.").format(frappe.bold("action"), "Save, Submit, Update, Cancel"),
			InvalidArgumentError,
			title=_("Invalid request"),
		)
	yield from _one_document("doc")(form)


def _set_value(form):
	doctype, fieldname, value = form.get("doctype"), form.get("fieldname"), form.get("value")
	if not is_app_doctype(doctype):
		return
	if value:
		values = {arguments.parse(arguments.argument_label("fieldname"), fieldname, str): value}
	elif isinstance(fieldname, dict):
		values = fieldname
	else:
		try:
			values = frappe.parse_json(fieldname) if isinstance(fieldname, str) else fieldname
		except ValueError:
			values = {fieldname: ""}
		if not isinstance(values, dict):
			values = {arguments.parse(arguments.argument_label("fieldname"), fieldname, str): ""}
	yield doctype, values


def _run_doc_method(argument):
	def documents(form):
		if argument == "docs" and form.get("dt"):
			doctype = form.get("dt")  # the document is read from the database
		else:
			yield from _one_document(argument)(form)
			doctype = _document(form.get(argument), argument).get("doctype")
		if is_app_doctype(doctype):
			_refuse_unknown_method(doctype, form.get("method"))

	return documents


def _refuse_unknown_method(doctype: str, method) -> None:
	"""Frappe looks the method up on the document without a default: a name the document does not
	have would end in a server error."""
	function = getattr(get_controller(doctype), method, None) if isinstance(method, str) else None
	if getattr(function, "__func__", function) not in frappe.whitelisted:
		frappe.throw(
			_("{0} has no method {1} that may be called.").format(
				frappe.bold(_(doctype)), frappe.bold(escape_html(str(method)[:NAME_LENGTH]))
			),
			InvalidArgumentError,
			title=_("Invalid request"),
		)


def _bulk_edit(form):
	doctype = form.get("doctype")
	if is_app_doctype(doctype) and form.get("action") == "update" and form.get("data"):
		yield doctype, _document(form.get("data"), "data")


def _web_form(form):
	data = _document(form.get("data"), "data")
	if not isinstance(data, dict):
		_not_a_document("data")
	web_form = form.get("web_form")
	doctype = frappe.db.get_value("Web Form", web_form, "doc_type") if isinstance(web_form, str) else None
	if is_app_doctype(doctype):
		yield doctype, data


# whitelisted methods of Frappe that take documents, and where they are
DOCUMENT_ARGUMENTS = {
	"frappe.client.insert": _one_document("doc"),
	"frappe.client.save": _one_document("doc"),
	"frappe.client.submit": _one_document("doc"),
	"frappe.client.insert_many": _many_documents("docs"),
	"frappe.client.bulk_update": _many_documents("docs"),
	"frappe.client.set_value": _set_value,
	"frappe.desk.form.save.savedocs": _savedocs,
	"frappe.model.workflow.apply_workflow": _one_document("doc"),
	"frappe.handler.run_doc_method": _run_doc_method("docs"),
	routes.V2_DOC_METHOD: _run_doc_method("document"),
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": _bulk_edit,
	"frappe.website.doctype.web_form.web_form.accept": _web_form,
}


def document_problem(doctype: str, document, row_of: tuple[str, str] | None = None) -> str | None:
	"""What is wrong with `document` as a `doctype` (a row of `row_of`: parent DocType and table
	field), in a sentence; None when nothing."""
	if not isinstance(document, dict):
		return _("Send one document as a JSON object.")
	meta = frappe.get_meta(doctype)
	controller = get_controller(doctype)
	owned = set(owned_fields(doctype)) | {field for field, _link in fetched_fields(doctype)}
	row = frappe._dict(document, parenttype=row_of[0], parentfield=row_of[1]) if row_of else None
	for key, value in document.items():
		if not isinstance(key, str):
			return _("Field names must be text.")
		df = meta.get_field(key)
		try:
			if df and df.fieldtype in table_fields:
				if problem := _rows_problem(df, value, doctype):
					return problem
			elif df and df.fieldtype not in no_value_fields:
				clean_value(df, value, owned=key in owned)
			elif key in STANDARD_FIELDS:
				standard_value(key, value)
			elif (
				key not in optional_fields
				and key not in BaseDocument._reserved_keywords
				and not key.startswith("__")
				and (hasattr(controller, key) or key in LIFECYCLE_METHODS or key.startswith("_"))
			):
				# a key named like a method of the document would replace it, and one like a private
				# attribute (`_parent_doc`, `_linked_values`) would stand in for what the server works out
				return _("{0} is not a field of {1}.").format(
					frappe.bold(escape_html(key)), frappe.bold(_(doctype))
				)
		except Refused as refused:
			return refused.text(field_label(df, row) if df else frappe.bold(key))
	return None


def _rows_problem(df, value, parenttype: str) -> str | None:
	if value is None or value == "":
		return None
	if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
		return _("{0} must be a list of rows.").format(frappe.bold(_(df.label)))
	for idx, row in enumerate(value, 1):
		row = {"idx": idx, **row} if "idx" not in row else row
		if problem := document_problem(df.options, row, row_of=(parenttype, df.fieldname)):
			return problem
	return None


# 3. The query arguments of list endpoints ---------------------------------------------------------

QUERY_ARGUMENTS = {
	"filters": arguments.Filters,
	"or_filters": arguments.Filters,
	"current_filters": arguments.Filters,
	"fields": arguments.Fields,
	"order_by": arguments.OrderBy,
	"group_by": arguments.OrderBy,
	"sort_by": arguments.OrderBy,
	"expand": list[str],
	# where a page starts and how long it is: Frappe writes them into the query's LIMIT
	"start": arguments.Count,
	"limit_start": arguments.Count,
	"page_length": arguments.Count,
	"limit_page_length": arguments.Count,
	"page_len": arguments.Count,
	"limit": arguments.Count,
}
# the script reports' endpoints: each report parses its own filters (arguments.report_filters)
REPORT_METHODS = frozenset({"frappe.desk.query_report.run", "frappe.desk.query_report.export_query"})
# frappe.client.get_value and frappe.client.get take a record's name where filters would be
NAME_OR_FILTERS = frozenset({"frappe.client.get_value", "frappe.client.get"})


def _columns(value, doctype: str) -> None:
	"""A list of the DocType's own columns (sent at all: an empty text is not a list)."""
	fields = arguments.to_fields(value) if value != "" else None
	columns = arguments.query_columns(doctype)[doctype]
	if fields is None or any(field not in columns for field in fields):
		raise arguments.Refused(_("{0} must be a list of field names."))


def _calendar_fields(value, doctype: str) -> None:
	"""{"start": column, "end": column, …}: what the calendar reads each event's parts from."""
	fields = arguments.json_value(value)
	if not isinstance(fields, dict) or not {"start", "end"} <= set(fields):
		raise arguments.Refused(_("{0} must name the fields of the start and the end."))
	_columns([field for field in fields.values() if field is not None], doctype)


# the arguments of particular methods that name columns in their own shapes; Frappe would fail on
# anything else (the empty text included), with a server error
METHOD_ARGUMENTS = {
	"frappe.client.validate_link": {"fields": _columns},
	"frappe.desk.reportview.get_sidebar_stats": {"stats": _columns},
	"frappe.desk.reportview.get_stats": {"stats": _columns},
	"frappe.desk.calendar.get_events": {"field_map": _calendar_fields},
}


def refuse_malformed_queries() -> None:
	"""before_request hook: the query arguments of a list, count or report request on a DocType of
	the app are refused with 417 when they are not of their shape (JSON that does not parse, a
	filter that is not [field, operator, value], a value that is an object). What they name is
	checked once the user is known (refuse_unknown_query_fields), after the app's check of hidden
	fields, which refuses those with 403."""
	if not frappe.request:
		return
	form = frappe.form_dict
	target = _query_target()
	method = routes.method()
	if method in REPORT_METHODS and is_app_report(form.get("report_name")):
		arguments.parse(
			arguments.argument_label("filters"), form.get("filters") or {}, arguments.ReportFilters
		)
	if not is_app_doctype(target):
		return
	for key, kind in QUERY_ARGUMENTS.items():
		value = form.get(key)
		if value is None or value == "":
			continue
		if method in NAME_OR_FILTERS and key == "filters" and _is_plain_name(value):
			continue
		if key == "start" and method and method.endswith("events"):
			continue  # a calendar's first day
		arguments.parse(arguments.argument_label(key), value, kind)
	for key, check in METHOD_ARGUMENTS.get(method, {}).items():
		if key in form:
			try:
				check(form.get(key), target)
			except arguments.Refused as refused:
				arguments.refuse(arguments.argument_label(key), refused)
	if method == "frappe.client.get_value" and (fieldname := form.get("fieldname")) is not None:
		# a field's name, or a JSON list of them
		fields = [fieldname] if _is_plain_name(fieldname) else fieldname
		arguments.parse(arguments.argument_label("fieldname"), fields, arguments.Fields)


def refuse_unknown_query_fields() -> None:
	"""auth_hooks hook, after the check of hidden fields: a query on a DocType of the app that names
	a column the list does not have, writes a column as an expression, or compares a field with a
	value its type cannot hold (a word for a date) is refused with 417; the database would fail on
	it."""
	if not frappe.request:
		return
	form = frappe.form_dict
	method = routes.method()
	if method in REPORT_METHODS:
		check_custom_columns(form.get("custom_columns"))
	target = _query_target()
	if not is_app_doctype(target):
		return
	for key in ("filters", "or_filters", "current_filters"):
		value = form.get(key)
		if value in (None, "") or (method in NAME_OR_FILTERS and key == "filters" and _is_plain_name(value)):
			continue
		arguments.parse(arguments.argument_label(key), value, arguments.Filters[target])
	fields = []
	# get_value names its columns `fieldname`: a field's name, or a JSON list of them
	for key in ("fields", "fieldname") if method == "frappe.client.get_value" else ("fields",):
		if (value := form.get(key)) in (None, ""):
			continue
		named = arguments.parse(
			arguments.argument_label(key),
			[value] if key == "fieldname" and _is_plain_name(value) else value,
			arguments.Fields,
		)
		if field := arguments.bad_field([field for field in named if not is_link_title(target, field)]):
			# a linked record's field ("party_member.citizen_id") would be read past that record's scope
			_refuse_column(key, field, target)
		fields += named
	for key in ("order_by", "group_by", "sort_by"):
		value = form.get(key)
		if value and (column := arguments.unknown_column(target, value, fields)):
			_refuse_column(key, column, target)


def check_custom_columns(value) -> None:
	"""The columns a user adds to a script report (`custom_columns`: a linked record's field beside
	each row) are each a DocType, a field and the report's link column; on a DocType of the app, a
	field of it the user may read. Frappe reads them with get_list, which lets an expression such as
	`(0)+citizen_id` past the field levels."""
	if value in (None, ""):
		return
	label = arguments.argument_label("custom_columns")
	try:
		columns = frappe.parse_json(value) if isinstance(value, str) else value
	except ValueError:
		columns = None
	if not isinstance(columns, list) or not all(map(_is_custom_column, columns)):
		arguments.refuse(
			label,
			arguments.Refused(
				_("{0} must be a list of columns, each with a DocType, a field, a link and a position.")
			),
		)
	for column in columns:
		doctype, field = column["doctype"], column["fieldname"].split("-")[0]
		if not is_app_doctype(doctype):
			continue
		if not frappe.get_meta(doctype).has_field(field):
			_refuse_column("custom_columns", column["fieldname"], doctype)
		privacy.check_field_names({(doctype, field)})
	# Frappe reads the columns as a list: sent as JSON text, they would end in a server error
	frappe.form_dict.custom_columns = columns


def _is_custom_column(column) -> bool:
	if not isinstance(column, dict):
		return False
	link = column.get("link_field")
	if isinstance(link, dict):
		link = link.get("fieldname") if isinstance(link.get("names", []), list) else None
	position = column.get("insert_after_index")
	return (
		isinstance(position, int)
		and not isinstance(position, bool)
		and all(
			isinstance(value, str) and value
			for value in (column.get("doctype"), column.get("fieldname"), link)
		)
	)


# the one joined column a query may name: the list view's `link.title as link_title`
_LINK_TITLE = re.compile(r"\s*`?(\w{1,140})`?\.`?(\w{1,140})`?\s+as\s+`?(\w{1,140})`?\s*", re.I)
# the linked DocTypes whose titles the list views may show that way: an organization's name, the
# full name of the member a readable record names (the record keeps that name itself, too) and a
# sector's name; Frappe checks read permission on the linked DocType, the row is the one the user
# may read
LINK_TITLE_DOCTYPES = frozenset({"Party Organization", "Party Member", "Party Sector"})


def is_link_title(doctype: str, field) -> bool:
	"""Is `field` what Frappe's list view asks for to show a linked organization by its name
	(`workplace_organization.organization_name as workplace_organization_organization_name`)?"""
	match = _LINK_TITLE.fullmatch(field) if isinstance(field, str) else None
	if not match:
		return False
	link, title, alias = match.groups()
	df = frappe.get_meta(doctype).get_field(link)
	if (
		not df
		or df.fieldtype != "Link"
		or df.options not in LINK_TITLE_DOCTYPES
		or alias != f"{link}_{title}"
	):
		return False
	target = frappe.get_meta(df.options)
	return bool(target.show_title_field_in_link) and target.title_field == title


def _query_target():
	"""The DocType a list, count or report request queries; a 417 when it is not a name."""
	target = frappe.form_dict.get("doctype")
	route = routes.document()
	if route and not route[1] and frappe.request.method == "GET":
		target = route[0]  # a REST list
	elif (endpoint := routes.doctype_endpoint()) and endpoint[1] == "count":
		target = endpoint[0]
	elif target is None:
		target = routes.counted_doctype()
	if target is not None and not isinstance(target, str):
		# every endpoint takes a DocType's name; the app's auth hook reads it too
		arguments.parse(arguments.argument_label("doctype"), target, str)
	return target


def _refuse_column(key: str, column: str, doctype: str):
	frappe.throw(
		_("{0} names {1}, which is not a column of {2}.").format(
			arguments.argument_label(key), frappe.bold(escape_html(column)), frappe.bold(_(doctype))
		),
		InvalidArgumentError,
		title=_("Invalid request"),
	)


def is_app_report(report) -> bool:
	return isinstance(report, str) and frappe.db.get_value("Report", report, "module", cache=True) == MODULE


def _is_plain_name(value) -> bool:
	"""Text that is not JSON and does not start as JSON would."""
	if not isinstance(value, str) or value.lstrip().startswith(("[", "{", '"')):
		return False
	try:
		frappe.parse_json(value)
	except ValueError:
		return True
	return False
