# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

"""Sổ theo dõi giới thiệu đảng viên: the register each side keeps of the introductions it sent or
received, for an organization (and those under it) and a period."""

from datetime import date

import frappe
from frappe import _, _lt
from frappe.utils import getdate
from party_residence.arguments import report_filters
from party_residence.organizations import organization_names
from party_residence.reports import column

# side -> the introduction fields that place a letter under an organization of that side
SIDE_FIELDS = {
	"Workplace": ("workplace_organization",),
	"Residence": ("residence_committee", "residence_branch"),
}


# the day each step of a letter is stamped with, in its own column
STEP_DATES = {
	"sent_on": _lt("Sent On"),
	"received_on": _lt("Received On"),
	"assigned_on": _lt("Assigned On"),
	"acknowledged_on": _lt("Acknowledged On"),
}


def execute(filters=None):
	filters = report_filters(
		filters,
		side=str | None,
		organization=str | None,
		from_date=date | None,
		to_date=date | None,
		include_cancelled=bool | None,
	)
	validate_filters(filters)
	return get_columns(filters), get_data(filters)


def validate_filters(filters):
	if filters.side not in SIDE_FIELDS:
		frappe.throw(_("Choose the side: Workplace or Residence."))
	if not filters.organization:
		frappe.throw(_("Choose the organization."))
	if filters.from_date and filters.to_date and getdate(filters.from_date) > getdate(filters.to_date):
		frappe.throw(_("The start of the period must come before its end."))


def get_columns(filters):
	return [
		column("name", _("Tracking Code"), "Link", 130, options="Residence Introduction"),
		column("introduction_date", _("Introduction Date"), "Date", 105),
		column("member_name", _("Member Name"), "Data", 170),
		column("workplace_name", _("Workplace Organization"), "Data", 180),
		column("committee_name", _("Residence Committee"), "Data", 170),
		column("branch_name", _("Residence Branch"), "Data", 170),
		*(column(field, str(label), "Date", 95) for field, label in STEP_DATES.items()),
		column("due_date", _("Due Date"), "Date", 95),
		column("workflow_state", _("Status"), "Data", 120),
		column("note", _("Note"), "Data", 200),
	]


def get_data(filters):
	fields = SIDE_FIELDS[filters.side]
	or_filters = [
		["Residence Introduction", field, "descendants of (inclusive)", filters.organization]
		for field in fields
	]
	# the register lists letters issued: sent, and cancelled ones on request
	conditions = {"docstatus": ("in", (1, 2) if filters.include_cancelled else (1,))}
	if filters.from_date and filters.to_date:
		conditions["introduction_date"] = ("between", (filters.from_date, filters.to_date))
	elif filters.from_date:
		conditions["introduction_date"] = (">=", filters.from_date)
	elif filters.to_date:
		conditions["introduction_date"] = ("<=", filters.to_date)
	# get_list: the register shows only what the user's scope allows
	rows = frappe.get_list(
		"Residence Introduction",
		filters=conditions,
		or_filters=or_filters,
		fields=[
			"name",
			"introduction_date",
			"member_name",
			"workplace_organization",
			"residence_committee",
			"residence_branch",
			*STEP_DATES,
			"due_date",
			"workflow_state",
			"return_reason",
			"cancel_reason",
		],
		order_by="introduction_date asc, name asc",
		limit=0,
	)
	names = organization_names(
		code
		for row in rows
		for code in (row.workplace_organization, row.residence_committee, row.residence_branch)
	)
	for row in rows:
		row.workplace_name = names.get(row.workplace_organization)
		row.committee_name = names.get(row.residence_committee)
		row.branch_name = names.get(row.residence_branch)
		row.workflow_state = _(row.workflow_state)
		row.note = row.return_reason or row.cancel_reason or ""
		for field in STEP_DATES:
			row[field] = getdate(row[field]) if row[field] else None
	return rows
