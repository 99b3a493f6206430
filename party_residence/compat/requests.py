"""Requests to Frappe's generic endpoints that the app refuses or corrects, for its own DocTypes.

Run as an auth hook (the user is known, nothing has run yet) for everyone but managers. Each rule
answers one way Frappe 15 lets a request reach records past the scope rule (see inventory.py):

- names are strings: Frappe loads a document by a `name` sent as a JSON object as if it were
  filters, so "found but not yours" (403) against "not found" (404) would test any field of any
  record, the citizen ID among them;
- `expand_links` on /api/resource embeds every linked document whole, with no permission check;
- link search with `ignore_user_permissions` drops the scope, and a `query` or a tree's
  `tree_method` may name any whitelisted function;
- the replaced endpoints (endpoints.py) are replaced by their path: the same function reached by
  another module path (Frappe imports some into other modules) is refused;
- some endpoints have no use on the app's records and read or change them without the scope
  rule: they are refused for the app's DocTypes (REFUSED);
- a record about a member named in a request (to follow it, like it, assign it, count what links
  to it, ask who follows it…) must be one the user may read;
- a script report runs as the session's user whatever `user` the request names, and a prepared
  report is started only by someone allowed to run the report;
- a web form loads records of its own DocType only (Frappe loads whatever record it is given);
- the Files named as attachments of an e-mail or a record are ones the user may read (Frappe copies
  them for the caller, permissions ignored, and a copy's owner downloads it);
- a record that Frappe counts the links to, tags, or logs a client's read of is one the user may
  read (tagging: change): Frappe would fail on its own refusal with a server error, which told a
  record out of reach from one that does not exist.

For every user, managers included: a method called without an argument it cannot do without, an
argument of a shape Frappe would use unchecked (ARGUMENT_KINDS), a blank DocType, and a DocType
named in another case than its own, are answered 417 (the last 404): Frappe would fail on them with
a server error.
"""

from __future__ import annotations

import inspect
import re

import frappe
from frappe import _
from party_residence import arguments
from party_residence.arguments import Refused
from party_residence.compat import routes
from party_residence.compat.endpoints import guarded
from party_residence.exceptions import InvalidArgumentError
from party_residence.permissions import is_unrestricted, may_read
from party_residence.privacy import member_data_doctypes

# arguments that name a DocType, and arguments that name one record or several
DOCTYPE_ARGUMENTS = ("doctype", "dt", "reference_doctype", "ref_doctype", "document_type", "parent_doctype")
NAME_ARGUMENTS = ("name", "docname", "doc_name", "dn", "reference_name", "ref_docname")
NAMES_ARGUMENTS = ("names", "docnames", "items")
# arguments carrying a whole document (or a chart, a card) as JSON
DOCUMENT_ARGUMENTS = ("doc", "docs", "chart", "args")

# endpoints that read or change the app's records without its scope rule and have no use on them
REFUSED = frozenset(
	{
		"frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply",
		"frappe.core.doctype.data_export.exporter.export_data",
		"frappe.core.doctype.data_import.data_import.download_template",
		"frappe.core.doctype.deleted_document.deleted_document.restore",
		"frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions",
		"frappe.desk.doctype.tag.tag.get_tagged_docs",
		"frappe.desk.reportview.get_filter_dashboard_data",
		"frappe.email.relink",
		"frappe.geo.utils.get_coords",
		"frappe.model.document.unlock_document",
		"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews",
		"frappe.social.doctype.energy_point_log.energy_point_log.review",
		"frappe.templates.includes.comments.comments.add_comment",
		"frappe.templates.includes.likes.likes.like",
		"frappe.utils.global_search.search",
		"frappe.utils.goal.get_monthly_goal_graph_data",
		"frappe.utils.nestedset.rebuild_tree",
		"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
	}
)

# methods whose named record (the argument given) must be one the user may read, and what else the
# user must be allowed to do with it: Frappe counts what links to a record, or tags it, and fails with
# a server error on the refusal that follows; an Access Log a client writes names a record it reads
RECORD_ARGUMENTS = {
	"frappe.desk.notifications.get_open_count": ("name", "read"),
	"frappe.core.doctype.access_log.access_log.make_access_log": ("document", "read"),
	# tagging changes the record: Frappe asks write, once it has written the tag
	**{
		f"frappe.desk.doctype.tag.tag.{method}": (argument, "write")
		for method, argument in (("add_tag", "dn"), ("add_tags", "docs"), ("remove_tag", "dn"))
	},
}
WEB_FORM_DATA = "frappe.website.doctype.web_form.web_form.get_form_data"
# methods that copy the Files named in `attachments` (to an e-mail, to a record), whoever's they are
ATTACHING_METHODS = frozenset(
	{"frappe.core.doctype.communication.email.make", "frappe.utils.file_manager.add_attachments"}
)
# arguments a method cannot do without though it gives them a default, or reads from the request
# rather than its signature
NEEDED_ARGUMENTS = {
	"frappe.client.attach_file": ("doctype", "docname", "filename", "filedata"),
	"frappe.desk.reportview.get": ("doctype",),
	"frappe.desk.reportview.get_list": ("doctype",),
	"frappe.desk.reportview.get_count": ("doctype",),
	"frappe.desk.reportview.export_query": ("doctype",),
	"frappe.desk.query_report.export_query": ("report_name",),
	"frappe.desk.treeview.add_node": ("doctype",),
	"frappe.desk.form.assign_to.add": ("doctype", "name"),
	"frappe.desk.form.assign_to.add_multiple": ("doctype", "name"),
	"frappe.desk.form.load.get_docinfo": ("doctype", "name"),
	"frappe.model.document.unlock_document": ("doctype", "name"),
}


def _of(kind):
	return lambda value: arguments.convert(value, kind)


def _never(value) -> None:
	raise Refused(_("{0} is not taken from a request."))


def _field_or_values(value) -> None:
	"""A field's name, or an object of fields and values (as JSON text or not)."""
	try:
		values = arguments.json_value(value)
	except Refused:
		values = value  # text that is not JSON: a field's name
	if not isinstance(values, str | dict):
		raise Refused(_("{0} must be a field's name or an object of fields and values."))


def _filters(value) -> None:
	"""Filters as a list or an object (as JSON text or not); None for none."""
	if value is not None and not isinstance(arguments.json_value(value), list | dict):
		raise Refused(_("{0} must be a list or an object of filters."))


def _document(value) -> None:
	"""A document sent whole: an object that names its DocType."""
	document = arguments.json_value(value)
	if not isinstance(document, dict) or not isinstance(document.get("doctype"), str):
		raise Refused(_("{0} must be a document (an object with its doctype)."))


# the shape of arguments Frappe's methods parse or use without checking them (a server error on
# anything else): each argument's check, which raises Refused
ARGUMENT_KINDS = {
	"frappe.client.get_count": {"cache": _never},  # Frappe hands it to a query that takes none
	"frappe.client.set_value": {"fieldname": _field_or_values},
	"frappe.client.insert": {"doc": _document},
	"frappe.client.save": {"doc": _document},
	"frappe.client.submit": {"doc": _document},
	"frappe.desk.form.load.get_docinfo": {"doc": _never},  # a document object, from server code
	"frappe.desk.form.utils.get_next": {"prev": _of(int)},
	"frappe.desk.notifications.get_open_count": {"items": _of(list[str] | None)},
	"frappe.desk.search.search_link": {"filters": _filters},
	"frappe.desk.search.search_widget": {"filters": _filters},
	"frappe.utils.file_manager.add_attachments": {"attachments": _of(list)},
	"frappe.utils.print_format.download_multi_pdf": {"name": _of(list[str])},
}
# arguments that name a DocType and may not be blank (Frappe would look up a module of no name)
DOCTYPE_NAMED = ("doctype", "dt")

SEARCH_METHODS = frozenset({"frappe.desk.search.search_link", "frappe.desk.search.search_widget"})
REPORT_METHODS = frozenset({"frappe.desk.query_report.run", "frappe.desk.query_report.export_query"})
PRINT_METHODS = frozenset(
	{
		"frappe.www.printview.get_html_and_style",
		"frappe.www.printview.get_rendered_raw_commands",
		"frappe.utils.print_format.download_pdf",
	}
)


def guard_request() -> None:
	"""auth_hooks hook."""
	request = frappe.request
	if not request:
		return
	document = routes.document()
	if document and frappe.db.get_value("DocType", document[0], "name", cache=True) != document[0]:
		# a DocType's name spelled otherwise: Frappe finds its record, then fails to load its code
		raise frappe.DoesNotExistError(_("{0} not found").format(document[0]))
	if frappe.session.user == "Guest":
		return
	sent = routes.sent_method()
	method = routes.method() if sent is not None else None
	if method:
		refuse_missing_arguments(method, frappe.form_dict)
		refuse_malformed_arguments(method, frappe.form_dict)
		for doctype in named_doctypes(frappe.form_dict):
			stored = frappe.db.get_value("DocType", doctype, "name", cache=True)
			if stored and stored != doctype:
				# Frappe finds the DocType's record, then no table of that spelling: a server error
				raise frappe.DoesNotExistError(_("{0} not found").format(doctype))
	if is_unrestricted():
		return
	if method in ATTACHING_METHODS:
		refuse_unreadable_attachments(frappe.form_dict.get("attachments"))
	if document:
		if guarded_or_linking(document[0]) and frappe.form_dict.get("expand_links"):
			refuse(_("Linked documents are not expanded; read each one on its own."))
		return
	if sent is None:
		return
	# `method`: the function Frappe will run, by its own path, whatever name the request used for it
	args = frappe.form_dict
	if method == "frappe.core.doctype.user.user.get_roles" and args.get("uid") != frappe.session.user:
		# whoever asks, another user's roles would tell whether they are a party member
		refuse(_("Only your own roles are shown."))
	if method in REPORT_METHODS:
		args.user = frappe.session.user  # a report runs as the one who asks
	if method == "frappe.core.doctype.prepared_report.prepared_report.make_prepared_report":
		from frappe.desk.query_report import get_report_doc

		get_report_doc(args.get("report_name"))  # refuses a report the user may not run
	doctypes = named_doctypes(args)
	if not any(guarded(doctype) for doctype in doctypes):
		return
	check_names(args)
	check_named_records(args, doctypes)
	function = routes.resolve(method)
	if canonical := replaced_path(function):
		# Frappe replaces a method by the exact name it is called by
		if canonical != sent:
			refuse(_("Call {0}.").format(canonical))
	if method in REFUSED:
		refuse(_("This is not available for {0}.").format(", ".join(_(d) for d in doctypes if guarded(d))))
	if method == "frappe.client.get" and args.get("filters") and not args.get("name"):
		# the first record matching the filters among those the user may see; "not found" for
		# what lies outside the scope (a found-but-refused answer would tell that it exists)
		found = frappe.get_list(args.doctype, filters=_parsed(args.filters), pluck="name", limit=1)
		if not found:
			raise frappe.DoesNotExistError(_("{0} not found").format(_(args.doctype)))
		args.name, args.filters = found[0], None
	if method in SEARCH_METHODS:
		args.ignore_user_permissions = 0
		if args.get("query") and args.query not in allowed_queries(args.get("doctype")):
			refuse(_("This search is not available."))
	if method in PRINT_METHODS and isinstance(_parsed(args.get("doc")), dict):
		refuse(_("Print a saved document."))  # a document made up by the client proves nothing
	if method == "frappe.desk.form.utils.get_next" and not _is_name(_parsed(args.get("value"))):
		refuse(_("value must name a document (text)."))
	if method == WEB_FORM_DATA and _web_form_doctype(args.get("web_form_name")) != args.get("doctype"):
		# Frappe loads any record it is given, whatever the web form is for
		refuse(_("A web form shows records of its own kind only."))
	if method in RECORD_ARGUMENTS:
		key, ptype = RECORD_ARGUMENTS[method]
		doctype = args.get("dt") or args.get("doctype")
		names = _parsed(args.get(key))
		for name in names if isinstance(names, list) else [names]:
			if guarded(doctype) and not may_read(doctype, name):
				# what the user may not read is "not found", as what does not exist
				raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
			if guarded(doctype) and not frappe.has_permission(doctype, ptype, doc=name):
				refuse(_("You are not permitted to change this {0}.").format(_(doctype)))
	if method == "frappe.desk.treeview.get_all_nodes" and args.get("tree_method") not in (
		None,
		"",
		"frappe.desk.treeview.get_children",
	):
		refuse(_("This tree is not available."))


def refuse_missing_arguments(method: str, args) -> None:
	"""A method called without an argument it has no default for is a 417 naming it (Frappe would
	fail on the call with a server error)."""
	function = routes.resolve(method)
	try:
		parameters = inspect.signature(function).parameters.values() if callable(function) else ()
	except (TypeError, ValueError):
		return
	kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
	missing = [p.name for p in parameters if p.kind in kinds and p.default is p.empty and p.name not in args]
	missing += [name for name in NEEDED_ARGUMENTS.get(method, ()) if not args.get(name)]
	if missing:
		frappe.throw(
			_("The request lacks {0}.").format(", ".join(frappe.bold(name) for name in missing)),
			InvalidArgumentError,
			title=_("Invalid request"),
		)


def refuse_unreadable_attachments(attachments) -> None:
	"""Each File named to be attached is one the user may read: the copy would be theirs, and its
	owner downloads it."""
	attachments = _parsed(attachments)
	for attachment in attachments if isinstance(attachments, list) else []:
		if isinstance(attachment, str) and not may_read("File", attachment):
			refuse(_("You may attach only files you may read."))


def refuse_malformed_arguments(method: str, args) -> None:
	"""417 for an argument of the wrong shape that Frappe would fail on (ARGUMENT_KINDS), and for a
	blank DocType."""
	for key in DOCTYPE_NAMED:
		if key in args and (not isinstance(args[key], str) or not args[key].strip()):
			refuse_argument(key, Refused(_("{0} must name a DocType.")))
	for key, check in ARGUMENT_KINDS.get(method, {}).items():
		if key not in args:
			continue
		try:
			check(args[key])
		except Refused as refused:
			refuse_argument(key, refused)


def refuse_argument(key: str, refused: Refused) -> None:
	arguments.refuse(arguments.argument_label(key), refused)


def _web_form_doctype(web_form) -> str | None:
	if not isinstance(web_form, str) or not web_form:
		return None
	return frappe.db.get_value("Web Form", web_form, "doc_type", cache=True)


def refuse(message: str) -> None:
	frappe.throw(message, frappe.PermissionError, title=_("Not permitted"))


def guarded_or_linking(doctype: str) -> bool:
	"""Is `doctype` guarded, or may one of its links name a guarded record?"""
	if guarded(doctype):
		return True
	try:
		meta = frappe.get_meta(doctype)
	except frappe.DoesNotExistError:
		return False
	return any(df.fieldtype == "Dynamic Link" or guarded(df.options) for df in meta.get_link_fields()) or any(
		df.fieldtype == "Dynamic Link" for df in meta.fields
	)


def named_doctypes(args) -> set[str]:
	"""The DocTypes a request's arguments name, inside JSON documents too."""
	found = {args.get(key) for key in DOCTYPE_ARGUMENTS}
	for key in DOCUMENT_ARGUMENTS:
		value = _parsed(args.get(key))
		if isinstance(value, str):
			found.add(value)  # the print view takes the DocType as `doc`
		for document in value if isinstance(value, list) else [value]:
			if isinstance(document, dict):
				found |= {document.get(k) for k in (*DOCTYPE_ARGUMENTS, "parenttype")}
	return {doctype for doctype in found if isinstance(doctype, str) and doctype}


def check_names(args) -> None:
	"""Names of records are strings (a JSON object would be taken as filters)."""
	problems = [key for key in NAME_ARGUMENTS if key in args and not _is_name(args[key])]
	for key in NAMES_ARGUMENTS:
		if key in args:
			value = _parsed(args[key])
			if isinstance(value, list) and not all(_is_name(item) for item in value):
				problems.append(key)
	for key in DOCUMENT_ARGUMENTS:
		value = _parsed(args.get(key))
		for document in value if isinstance(value, list) else [value]:
			if isinstance(document, dict) and "name" in document and not _is_name(document["name"]):
				problems.append(f"{key}.name")
	if problems:
		frappe.throw(
			_("{0} must name a document (text).").format(", ".join(problems)),
			frappe.ValidationError,
			title=_("Invalid request"),
		)


def check_named_records(args, doctypes: set[str]) -> None:
	"""Records about members that a request names are ones the user may read. (Organizations are
	not personal data: an officer picks a ward committee outside their scope in a link.)"""
	about_members = [doctype for doctype in doctypes if doctype in member_data_doctypes()]
	if not about_members:
		return
	names = [args.get(key) for key in NAME_ARGUMENTS]
	for key in (*NAMES_ARGUMENTS, "args"):
		value = _parsed(args.get(key))
		if isinstance(value, list):
			names += value
		elif isinstance(value, dict):
			names.append(value.get("name"))
	for doctype in about_members:
		for name in names:
			if isinstance(name, str) and name and frappe.db.exists(doctype, name):
				if not frappe.has_permission(doctype, "read", doc=name):
					refuse(_("You are not permitted to access this {0}.").format(_(doctype)))


def _is_name(value) -> bool:
	return value is None or isinstance(value, str | int)


def _parsed(value):
	if isinstance(value, str) and value[:1] in "[{":
		try:
			return frappe.parse_json(value)
		except ValueError:
			return None
	return value


def replaced_path(function) -> str | None:
	"""The path under which the app replaces `function`, if it does."""
	if function is None:
		return None
	for path in frappe.get_hooks("override_whitelisted_methods"):
		if path.startswith("frappe.") and routes.resolve(path) is function:
			return path
	return None


def allowed_queries(doctype: str | None) -> set[str]:
	"""The search queries a link field of `doctype` may use: its standard query."""
	return set(frappe.get_hooks("standard_queries").get(doctype or "", []))
