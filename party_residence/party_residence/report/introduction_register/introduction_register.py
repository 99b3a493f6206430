# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

"""Sổ theo dõi giới thiệu đảng viên: the register each side keeps of the introductions it sent or
received, for an organization (and those under it) and a period."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate
from party_residence import reports
from party_residence.arguments import report_filters
from party_residence.organizations import organization_names

# side -> the introduction fields that place a letter under an organization of that side
SIDE_FIELDS = {
	"Workplace": ("workplace_organization",),
	"Residence": ("residence_committee", "residence_branch"),
}


# the day each step of a letter is stamped with, in its own column
STEP_DATES = ("sent_on", "received_on", "assigned_on", "acknowledged_on")


def execute(filters=None):
	filters = report_filters(
		filters, side=str, organization=str, from_date=date, to_date=date, include_cancelled=bool
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
	return reports.columns(
		"name",
		"introduction_date",
		"member_name",
		"workplace_name",
		"committee_name",
		"branch_name",
		*STEP_DATES,
		"due_date",
		"workflow_state",
		"note",
	)


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
