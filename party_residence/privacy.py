"""Party membership is sensitive personal data: what a user may not read stays out of every query,
and who read or printed a member's data is on record.

- Hidden fields. Field levels (permlevel) hide the citizen ID, the date of birth and the portal
  login from roles that do not need them. Frappe 15 drops such fields from the columns of a list
  query, but skips the field after each one it drops (frappe/frappe#37950) and lets filters and
  sort orders use them, so `citizen_id like '0%'` would tell a branch secretary a CCCD digit by
  digit. `refuse_hidden_field_queries` (an auth hook: it runs once the user is known) refuses
  every request that names a field of the app the user may not read, in its columns, filters,
  sort or grouping.
- Who read what. Opening a member's form makes a View Log (Party Member tracks views); the print
  page and Report Builder exports make Access Logs. `log_member_data_reads` (after_request) adds
  an Access Log where Frappe makes none: a member read over REST (v1, v2 and the v2 copy), through
  Frappe's record methods (frappe.client.get, get_value and validate_link asking for fields), a
  print preview, a script report export. The "Member Record Access" report lists them for a member.
"""

from __future__ import annotations

import re

import frappe
from frappe import _
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.model import no_value_fields
from party_residence.compat import routes
from party_residence.permissions import MEMBER, is_unrestricted, member_field, scoped_doctypes

# request arguments that name fields of the queried DocType (Frappe's endpoints name them so)
FIELD_ARGUMENTS = (
	"fields",
	"fieldname",
	"field",
	"field_name",
	"searchfield",
	"filter_fields",
	"order_by",
	"sort_by",
	"sort_field",
	"group_by",
	"stats",
	"aggregate_on_field",
	"export_fields",
	"docfield",
	"workflow_state_fieldname",
)
# arguments whose values (not keys) are field names: the calendar's {"start": <field>, …}
FIELD_MAP_ARGUMENTS = ("field_map",)
FILTER_ARGUMENTS = ("filters", "or_filters", "current_filters", "export_filters")
ANY_DOCTYPE = "*"  # a field reached through a link ("party_member.citizen_id")
# Frappe's web list filters on every argument that names a field (`citizen_id=["like", "0%"]`)
KEYWORD_FILTER_METHODS = frozenset({"frappe.www.list.get", "frappe.www.list.get_list_data"})

_QUALIFIED = re.compile(r"`?tab([^`.]+)`?\s*\.\s*`?(\w+)`?")
_IDENTIFIER = re.compile(r"[^\W\d]\w*")
_LINKED = re.compile(r"\b(\w+)\s*\.\s*`?(\w+)`?")


# Hidden fields ------------------------------------------------------------------------------------


def hidden_fields(doctype: str, user: str | None = None) -> set[str]:
	"""Fields of `doctype` on a field level the user may not read."""
	meta = frappe.get_meta(doctype)
	levels = set(meta.get_permlevel_access("read", user=user))
	return {
		df.fieldname
		for df in meta.fields
		if df.permlevel and df.permlevel not in levels and df.fieldtype not in no_value_fields
	}


def refuse_hidden_field_queries() -> None:
	"""auth_hooks hook: refuse a query that names a field the user may not read."""
	if frappe.session.user == "Guest" or is_unrestricted():
		return
	target = frappe.form_dict.get("doctype")
	if not target and frappe.request:
		# a REST list, or the v2 API's count and meta of a DocType (werkzeug has unquoted the path)
		route = routes.document()
		if route and not route[1]:
			target = route[0]
		elif endpoint := routes.doctype_endpoint():
			target = endpoint[0]
	if not isinstance(target, str):
		target = routes.counted_doctype()
	target = target if isinstance(target, str) else None
	references = referenced_fields(frappe.form_dict, target)
	if target and routes.method() in KEYWORD_FILTER_METHODS:
		references |= {(target, str(key)) for key in frappe.form_dict}
	check_field_names(references)


def check_field_names(references) -> None:
	"""Refuse (403) when any (DocType, field) of `references` names a field the user may not read.

	Names are compared the way MariaDB compares column names, ignoring case; a name that is not
	plain ASCII is no field of the app and is refused, so no spelling the database would accept
	for a hidden column slips through."""
	if not references:
		return  # most requests (pages, documents) name no field: the metadata is not read
	hidden = {
		doctype.lower(): {field.lower(): field for field in fields}
		for doctype in scoped_doctypes()
		if (fields := hidden_fields(doctype))
	}
	if not hidden:
		return
	everywhere = {name: field for fields in hidden.values() for name, field in fields.items()}
	for doctype, name in references:
		guarded = everywhere if doctype == ANY_DOCTYPE else hidden.get((doctype or "").lower())
		if guarded is None:
			continue
		if not name.isascii():
			frappe.throw(_("{0} is not a field name.").format(frappe.bold(name)), frappe.PermissionError)
		if field := guarded.get(name.lower()):
			owner = (
				next(d for d in scoped_doctypes() if field in hidden_fields(d))
				if doctype == ANY_DOCTYPE
				else doctype
			)
			frappe.throw(
				_("You are not permitted to read or filter by {0} of {1}.").format(
					frappe.bold(_(frappe.get_meta(owner).get_label(field))), frappe.bold(_(owner))
				),
				frappe.PermissionError,
			)


def referenced_fields(args: dict, target: str | None) -> set[tuple[str | None, str]]:
	"""(DocType, field) pairs that the query arguments name; bare names belong to `target`."""
	found = set()
	for key in FIELD_ARGUMENTS:
		for text in _strings(_parsed(args.get(key))):
			found.update(_fields_in_expression(text, target))
	for key in FIELD_MAP_ARGUMENTS:
		if isinstance(value := _parsed(args.get(key)), dict):
			for text in _strings(list(value.values())):
				found.update(_fields_in_expression(text, target))
	for key in FILTER_ARGUMENTS:
		found.update(_fields_in_filters(_parsed(args.get(key)), target))
	return found


def _parsed(value):
	if isinstance(value, str | bytes):
		try:
			return frappe.parse_json(value)
		except Exception:
			return value
	return value


def _strings(value):
	if isinstance(value, str):
		yield value
	elif isinstance(value, dict):
		# {field: value}: the keys name fields, the values are data
		for key in value:
			yield from _strings(key)
	elif isinstance(value, list | tuple):
		for item in value:
			yield from _strings(item)


def _fields_in_expression(text: str, target: str | None) -> set[tuple[str | None, str]]:
	found = {(doctype, field) for doctype, field in _QUALIFIED.findall(text)}
	bare = _QUALIFIED.sub(" ", text)
	# "link_field.field" reads the linked record's field
	found.update((ANY_DOCTYPE, field) for _link, field in _LINKED.findall(bare))
	found.update((target, token) for token in _IDENTIFIER.findall(bare))
	return found


def _fields_in_filters(filters, target: str | None) -> set[tuple[str | None, str]]:
	found = set()
	if isinstance(filters, dict):
		for key in filters:
			found.update(_fields_in_expression(str(key), target))
	elif isinstance(filters, list | tuple):
		for condition in filters:
			if isinstance(condition, list | tuple) and condition:
				if len(condition) >= 4 and isinstance(condition[0], str):
					found.update(_fields_in_expression(str(condition[1]), condition[0]))
				else:
					found.update(_fields_in_expression(str(condition[0]), target))
			elif isinstance(condition, dict | str):
				found.update(_fields_in_filters(_parsed(condition), target))
	elif isinstance(filters, str):
		found.update(_fields_in_expression(filters, target))
	return found


# Who read what -------------------------------------------------------------------------------------


def member_data_doctypes() -> set[str]:
	"""App DocTypes whose records are about a party member."""
	return {doctype for doctype in scoped_doctypes() if member_field(doctype)}


# method -> (Access Log method, file type, form_dict key of the DocType, of the document name).
# The print page and PDFs (frappe.utils.print_format.download_pdf renders the print page) are
# logged by Frappe; the desk's print preview is not.
_LOGGED_METHODS = {
	"frappe.www.printview.get_html_and_style": ("Print", "HTML", "doc", "name"),
}


V2_COPY = "/copy"

# Frappe's methods that answer with one record's fields, named by the record or by filters:
# method -> the form_dict key of the name (or filters), the key of the fields asked for (None: all)
_RECORD_READS = {
	"frappe.client.get": ("name", None),
	"frappe.client.get_value": ("filters", "fieldname"),
	"frappe.client.validate_link": ("docname", "fields"),
}


def _log_record_read(method: str) -> None:
	"""An Access Log for a member's record read through one of _RECORD_READS: its name as answered,
	else as asked, else the filters that chose it."""
	doctype = frappe.form_dict.get("doctype")
	if doctype != MEMBER:
		return
	name_key, fields_key = _RECORD_READS[method]
	if fields_key and not _names_fields(frappe.form_dict.get(fields_key)):
		return  # the name alone: whether it exists
	answered = frappe.local.response.get("message")
	if not answered:
		return
	name = answered.get("name") if isinstance(answered, dict) else None
	asked = frappe.form_dict.get(name_key) or frappe.form_dict.get("filters")
	if not name and isinstance(asked, str) and not asked.lstrip().startswith(("{", "[")):
		name = asked
	if not name and asked:
		# the record the method chose by the filters, as it chose it (the first of the user's list)
		chosen = frappe.get_list(doctype, filters=frappe.parse_json(asked), pluck="name", limit_page_length=1)
		name = chosen[0] if chosen else None
	if name:
		make_access_log(doctype=doctype, document=name, method="REST")


def _names_fields(fields) -> bool:
	"""Whether `fields` (a list, a JSON list or one name) asks for more than the record's name."""
	if isinstance(fields, str):
		try:
			fields = frappe.parse_json(fields)
		except ValueError:
			fields = [fields]
	if isinstance(fields, str):
		fields = [fields]
	return isinstance(fields, list | tuple) and any(field not in ("name", "`name`") for field in fields)


def log_member_data_reads(response=None, request=None) -> None:
	"""after_request hook: an Access Log for each read of member data Frappe does not log itself."""
	if frappe.session.user == "Guest" or response is None or not 200 <= response.status_code < 300:
		return
	request = request or frappe.request
	if not request:
		return
	route = routes.document()
	if request.method == "GET" and route and route[1]:
		doctype, name, version = route  # werkzeug has unquoted the path
		if version == "v2" and name.endswith(V2_COPY):
			name = name.removesuffix(V2_COPY)  # the v2 API's copy of the record: all of it, unnamed
		if doctype == MEMBER:
			make_access_log(doctype=doctype, document=name, method="REST")
		return
	method = routes.method()
	if method in _RECORD_READS:
		_log_record_read(method)
		return
	if method == "frappe.desk.query_report.export_query":
		report = frappe.form_dict.get("report_name")
		ref_doctype = frappe.get_cached_value("Report", report, "ref_doctype") if report else None
		if ref_doctype in member_data_doctypes():
			make_access_log(
				doctype=ref_doctype,
				report_name=report,
				file_type=frappe.form_dict.get("file_format_type"),
				method="Export",
				filters=frappe.form_dict.get("filters"),
			)
		return
	if method not in _LOGGED_METHODS:
		return
	how, file_type, doctype_key, name_key = _LOGGED_METHODS[method]
	doctype, name = frappe.form_dict.get(doctype_key), frappe.form_dict.get(name_key)
	if not isinstance(doctype, str) or not isinstance(name, str):
		return  # a document sent in the request, or several: nothing stored was read
	if doctype in member_data_doctypes():
		make_access_log(doctype=doctype, document=name, file_type=file_type, method=how)
