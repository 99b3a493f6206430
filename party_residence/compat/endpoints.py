"""Frappe's generic endpoints that read a DocType's records, and those the app replaces.

Most of Frappe's whitelisted methods that take a DocType, filters or fields read through
`frappe.get_list` or the document's `has_permission`, so the app's scope rule applies to them, and
the field guard (privacy.refuse_hidden_field_queries) checks the field names they are sent. A few
do not; for the app's DocTypes (and their child tables) they are replaced here
(hooks.override_whitelisted_methods), and behave as Frappe's own for every other DocType:

- Dashboard charts (`dashboard_chart.get`): a heatmap counts with `get_all`, without any
  permission, and the fields a chart names sit inside a JSON document the field guard does not
  read. For the app's DocTypes the heatmap is counted through get_list, and the chart's fields
  are checked like any query's.
- Number cards (`number_card.get_result`) count through get_list, but take their aggregated
  field inside a JSON document the field guard does not read: it is checked here.
- The list sidebar's "Assigned To" counts (`listview.get_group_by_count`) count assignments of
  records chosen without permission: for the app's DocTypes only the user's records count.
- The title of a linked record (`search.get_link_title`) is read without permission: a member's
  name for any member ID. For the app's DocTypes about members the title comes back only for a
  record the user may read; otherwise the ID, as for a DocType that shows no titles. (The names
  of organizations are not personal data: an officer picks any commune or ward committee.)
- The submitted documents that link to a record (`linked_with.get_submitted_linked_docs`, asked
  before a cancel) are listed whatever the user may read: the meetings a member attended, for an
  officer who reads no meeting. Of the app's documents, those the user may read are listed.
- Another user's User Permissions (`user_permission.get_user_permissions`) were meant to be
  refused to a client, but the check compares a dotted path with a short command name: an
  officer read any other officer's scope.

party_residence/tests/test_compat.py checks that Frappe still behaves so (a test fails when it
no longer needs one of these), and lists every endpoint of Frappe of this shape with how it is
held to the rules (ENDPOINTS), failing when a new one appears.
"""

from __future__ import annotations

import datetime

import frappe
from frappe import _
from frappe.desk import listview as frappe_listview
from frappe.desk import search as frappe_search
from frappe.desk.doctype.dashboard_chart import dashboard_chart as frappe_chart
from frappe.desk.doctype.number_card import number_card as frappe_number_card
from frappe.model import default_fields
from frappe.utils import cint, escape_html, getdate, nowdate
from party_residence.arguments import Filters, typed
from party_residence.exceptions import InvalidArgumentError
from party_residence.permissions import may_read, parent_doctype, scoped_doctypes
from party_residence.privacy import check_field_names, member_data_doctypes, referenced_fields


def guarded(doctype: str | None) -> bool:
	"""Is `doctype` one whose records the app's scope rule guards (a child table included)?"""
	return bool(doctype) and (doctype in scoped_doctypes() or bool(parent_doctype(doctype)))


# Dashboard charts ----------------------------------------------------------------------------

CHART_FIELDS = ("based_on", "value_based_on", "group_by_based_on", "aggregate_function_based_on")


@frappe.whitelist()
@typed
def get_dashboard_chart(
	chart_name: str | None = None,
	chart: dict | None = None,
	no_cache: bool | None = None,
	filters: Filters | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: int | None = None,
	refresh: bool | None = None,
):
	arguments = {key: value for key, value in locals().items()}
	config = frappe.get_doc("Dashboard Chart", chart_name) if chart_name else frappe._dict(chart or {})
	if guarded(config.document_type):
		# Frappe keeps a chart's figures in a cache keyed by the chart alone: another user's scope
		arguments["refresh"] = True
	if not isinstance(config.document_type, str) or not config.document_type:
		frappe.throw(_("Name the chart, or send one with its DocType."), InvalidArgumentError)
	if guarded(config.document_type) or guarded(config.parent_document_type):
		references = {
			(config.document_type, config.get(field)) for field in CHART_FIELDS if config.get(field)
		}
		references |= referenced_fields(
			{"filters": filters if filters is not None else config.filters_json}, config.document_type
		)
		check_field_names(references)
		if config.chart_type != "Group By" and config.type == "Heatmap":
			chart_filters = frappe.parse_json(filters) or frappe.parse_json(config.filters_json) or []
			return scoped_heatmap(config, chart_filters, heatmap_year)
	result = frappe_chart.get(**arguments)
	if result and config.chart_type == "Group By" and guarded(config.document_type):
		result["labels"] = group_labels(config, result.get("labels") or [])
	elif result and guarded(config.document_type):
		result["labels"] = period_labels(result.get("labels") or [])
	return result


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_labels(labels: list) -> list:
	"""A time series' periods in the user's language: Frappe names months and quarters in English
	whatever the language ("Dec 2025", "Quarter 4 2025")."""

	def readable(label):
		if not isinstance(label, str):
			return label
		words = label.split()
		if len(words) == 2 and words[0] in MONTHS and words[1].isdigit():
			return _("{0}/{1}", context="month/year").format(f"{MONTHS.index(words[0]) + 1:02d}", words[1])
		if len(words) == 3 and words[0] == "Quarter" and words[1].isdigit() and words[2].isdigit():
			return _("Quarter {0}/{1}").format(words[1], words[2])
		return label

	return [readable(label) for label in labels]


def group_labels(config, labels: list) -> list:
	"""What a grouped chart of the app's DocTypes shows for each group: a state or an option in the
	user's language, an organization by its name (Frappe's chart shows the stored values)."""
	df = frappe.get_meta(config.document_type).get_field(config.group_by_based_on)
	if titles := link_titles(df, [str(label) for label in labels if label]):
		return [titles.get(label) or label for label in labels]
	if config.group_by_based_on == "workflow_state" or (df and df.fieldtype == "Select"):
		return [_(label) if isinstance(label, str) else label for label in labels]
	return labels


def link_titles(df, codes: list[str]) -> dict[str, str]:
	"""code -> name of the records a Link field `df` names, when its DocType is shown by title. A
	member's name only where the user may read the member; organizations hold no personal data."""
	if (
		not df
		or df.fieldtype != "Link"
		or not codes
		or not frappe.get_meta(df.options).show_title_field_in_link
	):
		return {}
	read = frappe.get_list if df.options in member_data_doctypes() else frappe.get_all
	title = frappe.get_meta(df.options).title_field
	return dict(
		read(df.options, filters={"name": ("in", codes)}, fields=["name", title], as_list=True, limit=0)
	)


def scoped_heatmap(config, filters: list, heatmap_year=None) -> dict:
	"""Frappe's heatmap of a DocType (values per day of a year), counted through get_list."""
	function = frappe_chart.get_aggregate_function(config.chart_type)
	doctype, datefield = config.document_type, config.based_on
	value = config.value_based_on or "name"
	year = cint(heatmap_year) or getdate(nowdate()).year
	filters = [*filters, [doctype, "docstatus", "<", 2]]
	filters += [
		[doctype, datefield, ">=", str(datetime.date(year, 1, 1))],
		[doctype, datefield, "<", str(datetime.date(year + 1, 1, 1))],
	]
	rows = frappe.get_list(
		doctype,
		fields=[
			f"date(`tab{doctype}`.`{datefield}`) as day",
			f"{function}(`tab{doctype}`.`{value}`) as value",
		],
		filters=filters,
		group_by=f"date(`tab{doctype}`.`{datefield}`)",
		order_by="day asc",
		parent_doctype=config.parent_document_type,
	)
	points = {}
	for row in rows:
		moment = datetime.datetime.combine(getdate(row.day), datetime.time())
		points[str(int(moment.timestamp()))] = row.value
	return {"labels": [], "dataPoints": points}


# Number cards --------------------------------------------------------------------------------


CARD_FUNCTIONS = ("Count", "Sum", "Average", "Minimum", "Maximum")


@frappe.whitelist()
@typed
def get_number_card_result(doc: dict, filters: Filters | None = None, to_date: str | None = None):
	card = frappe._dict(doc)
	if not isinstance(card.document_type, str) or card.function not in CARD_FUNCTIONS:
		frappe.throw(
			_("A number card names its DocType and one of: {0}.").format(", ".join(CARD_FUNCTIONS)),
			InvalidArgumentError,
		)
	if guarded(card.document_type) and card.aggregate_function_based_on:
		check_field_names({(card.document_type, card.aggregate_function_based_on)})
	return frappe_number_card.get_result(doc, filters, to_date)


# The list sidebar ----------------------------------------------------------------------------


def group_titles(doctype: str, field: str, counts: list[dict]) -> list[dict]:
	"""The sidebar's groups of a link to organizations or members, or of the users who made the
	records, with their names (`title`): Frappe's sidebar shows the stored codes and e-mails."""
	codes = [row["name"] for row in counts if row.get("name")]
	if field in ("owner", "modified_by"):
		# users by their full names, as the Desk shows them everywhere else (its boot has them all)
		titles = dict(
			frappe.get_all(
				"User", filters={"name": ("in", codes or [""])}, fields=["name", "full_name"], as_list=True
			)
		)
	else:
		titles = link_titles(frappe.get_meta(doctype).get_field(field), codes)
	for row in counts:
		if titles.get(row.get("name")):
			row["title"] = titles[row["name"]]
	return counts


@frappe.whitelist()
@typed
def get_group_by_count(doctype: str, current_filters: Filters, field: str) -> list[dict]:
	# Frappe answers a field the DocType does not have with a server error
	if field != "assigned_to" and not (frappe.get_meta(doctype).has_field(field) or field in default_fields):
		frappe.throw(
			_("{0} is not a field of {1}.").format(frappe.bold(escape_html(field)), frappe.bold(_(doctype))),
			InvalidArgumentError,
		)
	if field != "assigned_to" or not guarded(doctype):
		# Frappe's own takes the filters as the Desk sends them, as JSON
		counts = frappe_listview.get_group_by_count(doctype, frappe.as_json(current_filters or []), field)
		return group_titles(doctype, field, counts) if guarded(doctype) else counts
	names = frappe.get_list(doctype, filters=current_filters, pluck="name", limit=0)
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	user = frappe.qb.DocType("User")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.join(user)
		.on(todo.allocated_to == user.name)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& todo.reference_name.isin(names)
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
	).run(as_dict=True)


# Link titles ---------------------------------------------------------------------------------


@frappe.whitelist()
@typed
def get_link_title(doctype: str, docname: str):
	if doctype in member_data_doctypes() and not may_read(doctype, docname):
		return docname
	return frappe_search.get_link_title(doctype, docname)


# The submitted documents that link to a record ------------------------------------------------


@frappe.whitelist()
@typed
def get_submitted_linked_docs(
	doctype: str, name: str, ignore_doctypes_on_cancel_all: list[str] | None = None
) -> dict:
	"""Frappe lists the submitted documents that link to a record (to cancel them with it) whatever
	the user may read: the meetings a member attended, to an officer who reads no meeting. The list
	keeps, of the app's documents, those the user may read."""
	from frappe.desk.form import linked_with

	found = linked_with.get_submitted_linked_docs(doctype, name, ignore_doctypes_on_cancel_all)
	docs = [
		doc
		for doc in found["docs"]
		if not guarded(doc["doctype"]) or frappe.has_permission(doc["doctype"], "read", doc=doc["name"])
	]
	return {"docs": docs, "count": len(docs)}


# Someone else's User Permissions ----------------------------------------------------------------


@frappe.whitelist()
@typed
def get_user_permissions(user: str | None = None):
	"""Frappe means a request to answer only for the user who asks, but checks it against a
	command name that a dotted path never has: an officer could read any other officer's scope.
	Only a System Manager asks about someone else."""
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions as frappe_own

	if user and user != frappe.session.user and "System Manager" not in frappe.get_roles():
		user = frappe.session.user
	return frappe_own(user)
