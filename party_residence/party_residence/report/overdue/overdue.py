# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

"""Overdue: every introduction step and review still waiting after its time limit, with the
organization that must act and how many working days late it is. The organization filter keeps
what involves an organization under it, on either side."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, today
from party_residence import reports
from party_residence.arguments import report_filters
from party_residence.deadlines import SOURCES
from party_residence.organizations import organization_names
from party_residence.permissions import readable_names
from party_residence.working_days import working_days_between


def execute(filters=None):
	filters = report_filters(filters, organization=str, on_date=date)
	rows = overdue_rows(filters)
	return columns(), rows, None, chart(rows)


def columns():
	return reports.columns(
		"document_type", "document", "member_name", "step", "organization_name", "due_date", "days_late"
	)


def overdue_rows(filters) -> list[dict]:
	on_date = getdate(filters.on_date or today())
	items = [item for source in SOURCES for item in source() if item.due_date < on_date]
	items = _visible(items)
	if filters.organization:
		org = frappe.db.get_value("Party Organization", filters.organization, ["lft", "rgt"], as_dict=True)
		if not org:
			frappe.throw(
				_("{0} is not a party organization.").format(frappe.bold(escape_html(filters.organization)))
			)
		inside = set(
			frappe.get_all(
				"Party Organization",
				filters={"lft": (">=", org.lft), "rgt": ("<=", org.rgt)},
				pluck="name",
			)
		)
		# the organization that must act, or any other the document is between: a workplace sees
		# its late letters and requests as well as the residence side does
		items = [item for item in items if inside.intersection((item.organization, *item.parties))]
	names = organization_names(item.organization for item in items)
	rows = [
		{
			"doctype": item.doctype,
			"document_type": _(item.doctype),
			"document": item.name,
			"member_name": item.title,
			"step": item.step,
			"organization": item.organization,
			"organization_name": names.get(item.organization, item.organization),
			"due_date": item.due_date,
			"days_late": working_days_between(item.due_date, on_date),
		}
		for item in items
	]
	return sorted(rows, key=lambda row: (-row["days_late"], row["document"]))


def _visible(items) -> list:
	"""Only the documents the user may see (the scope rule, through get_list), one query per kind."""
	by_doctype: dict[str, list[str]] = {}
	for item in items:
		by_doctype.setdefault(item.doctype, []).append(item.name)
	visible = set()
	for doctype, names in by_doctype.items():
		if frappe.has_permission(doctype, "read"):
			visible.update((doctype, name) for name in readable_names(doctype, names))
	return [item for item in items if (item.doctype, item.name) in visible]


def chart(rows):
	if not rows:
		return None
	by_organization: dict[str, int] = {}
	for row in rows:
		by_organization[row["organization_name"]] = by_organization.get(row["organization_name"], 0) + 1
	labels = sorted(by_organization, key=by_organization.get, reverse=True)[:15]
	return {
		"data": {
			"labels": labels,
			"datasets": [{"name": _("Overdue"), "values": [by_organization[label] for label in labels]}],
		},
		"type": "bar",
	}
