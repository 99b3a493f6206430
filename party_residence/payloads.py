"""Malformed documents sent to the API are refused with a clear message (417) before anything runs.

Frappe 15 answers some malformed payloads with a server error (500) instead: a list where one
document is expected, a dict or a list in a plain field, a number in a date field, a text longer
than its column holds. `refuse_malformed_documents` (before_request) checks every document of an
app DocType sent to the REST API or to the desk's save and insert methods, field by field, against
the DocType: the shape, numbers, dates and lengths. What the values mean (select options, links,
the app's rules) Frappe and the controllers check, with their own 4xx errors.
"""

from __future__ import annotations

import json
import re

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import cstr

_DOCUMENT_PATH = re.compile(r"^/api/(?:resource|v2/document)/([^/]+)(?:/[^/]+)?/?$")

# whitelisted methods that take a whole document in `doc`
DOCUMENT_METHODS = frozenset({"frappe.client.insert", "frappe.client.save", "frappe.desk.form.save.savedocs"})

INTEGER_TYPES = frozenset({"Int", "Check"})
NUMBER_TYPES = frozenset({"Float", "Currency", "Percent", "Rating", "Duration"})
DATE_TYPES = {"Date": r"\d{4}-\d{2}-\d{2}", "Datetime": r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"}
# MariaDB's `text` column holds 65,535 bytes; `longtext` far more than a request may carry
TEXT_BYTES = {"Small Text": 65535, "Text": 65535, "Text Editor": 65535, "Code": 65535, "HTML Editor": 65535}


def app_doctypes() -> set[str]:
	return set(frappe.get_all("DocType", filters={"module": "Party Residence"}, pluck="name"))


def refuse_malformed_documents() -> None:
	"""before_request hook."""
	request = frappe.request
	if not request or request.method not in ("POST", "PUT", "PATCH"):
		return
	if match := _DOCUMENT_PATH.match(request.path):
		doctype = match.group(1)
		if doctype not in app_doctypes():
			return
		document = _request_document()
	elif request.path.startswith("/api/method/") and request.path[12:].rstrip("/") in DOCUMENT_METHODS:
		document = _parsed(frappe.form_dict.get("doc"))
		doctype = document.get("doctype") if isinstance(document, dict) else None
		if doctype not in app_doctypes():
			return
	else:
		return
	if problem := document_problem(doctype, document):
		frappe.throw(problem, frappe.ValidationError, title=_("Invalid document"))


def _request_document():
	data = frappe.form_dict.get("data")
	if data is None:
		data = frappe.safe_decode(frappe.request.get_data())
		if not data:
			return dict(frappe.form_dict)
	return _parsed(data)


def _parsed(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value


def document_problem(doctype: str, document) -> str | None:
	"""What is wrong with the shape of `document` as a `doctype`, in a sentence; None when nothing."""
	if not isinstance(document, dict):
		return _("Send one document as a JSON object.")
	meta = frappe.get_meta(doctype)
	for fieldname, value in document.items():
		df = meta.get_field(fieldname)
		if not df or (df.fieldtype in no_value_fields and df.fieldtype not in table_fields):
			continue
		if problem := field_problem(df, value):
			return problem
	return None


def field_problem(df, value) -> str | None:
	label = frappe.bold(_(df.label or df.fieldname))
	if df.fieldtype in table_fields:
		if value is None:
			return None
		if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
			return _("{0} must be a list of rows.").format(label)
		for row in value:
			if problem := document_problem(df.options, row):
				return problem
		return None
	if value is None or value == "":
		return None
	if isinstance(value, dict | list | tuple):
		return _("{0} must be a single value.").format(label)
	if df.fieldtype in INTEGER_TYPES and not _is_integer(value):
		return _("{0} must be a whole number; {1} is not.").format(label, frappe.bold(cstr(value)[:40]))
	if df.fieldtype in NUMBER_TYPES and not _is_number(value):
		return _("{0} must be a number; {1} is not.").format(label, frappe.bold(cstr(value)[:40]))
	if df.fieldtype in DATE_TYPES and not (
		isinstance(value, str) and re.fullmatch(DATE_TYPES[df.fieldtype], value.strip())
	):
		return _("{0} must be a date written as YYYY-MM-DD; {1} is not.").format(
			label, frappe.bold(cstr(value)[:40])
		)
	if df.fieldtype in TEXT_BYTES and len(cstr(value).encode()) > TEXT_BYTES[df.fieldtype]:
		return _("{0} is too long.").format(label)
	return None


def _is_integer(value) -> bool:
	if isinstance(value, bool | int):
		return True
	if isinstance(value, float):
		return value.is_integer()
	return isinstance(value, str) and bool(re.fullmatch(r"\s*[-+]?\d+\s*", value))


def _is_number(value) -> bool:
	if isinstance(value, bool | int | float):
		return True
	try:
		float(value)
	except (TypeError, ValueError):
		return False
	return True
