# Copyright (c) 2026, Party Residence Developers and contributors
# For license information, please see license.txt

"""Participation: meetings held, attended, excused and absent, the attendance rate and the
contributions per duty, by member or by branch, for a year."""

import frappe
from frappe import _
from frappe.utils import getdate, today
from party_residence import participation, reports
from party_residence.arguments import Year, report_filters
from party_residence.duties import DUTIES
from party_residence.organizations import organization_names
from party_residence.permissions import is_unrestricted

MEETING = "Residence Branch Meeting"


def execute(filters=None):
	filters = report_filters(
		filters,
		year=Year,
		group_by=str,
		residence_committee=str,
		residence_branch=str,
		workplace_organization=str,
	)
	filters.year = filters.year or getdate(today()).year
	if filters.group_by == "Branch":
		columns, data = branch_columns(), branch_rows(filters)
		chart = branch_chart(data)
	else:
		columns, data = member_columns(), member_rows(filters)
		chart = member_chart(data)
	return columns, data, None, chart


# Which members and branches the user may see ---------------------------------------------------


def visible_members(filters) -> list[str] | None:
	"""Members in the user's scope (None: everyone), narrowed by the organization filters."""
	conditions = {}
	if filters.residence_committee:
		conditions["residence_committee"] = filters.residence_committee
	if filters.residence_branch:
		conditions["residence_branch"] = filters.residence_branch
	if filters.workplace_organization:
		conditions["workplace_organization"] = ("descendants of (inclusive)", filters.workplace_organization)
	if is_unrestricted() and not conditions:
		return None
	# get_list: the scope rule decides which members are counted
	return frappe.get_list("Party Member", filters=conditions, pluck="name", limit=0)


def visible_branches(filters) -> list[str] | None:
	if not frappe.has_permission(MEETING, "read"):
		return []
	conditions = {
		"docstatus": 1,
		"meeting_date": ("between", (f"{filters.year}-01-01", f"{filters.year}-12-31")),
	}
	if filters.residence_branch:
		conditions["residence_branch"] = filters.residence_branch
	elif filters.residence_committee:
		conditions["residence_branch"] = ("descendants of (inclusive)", filters.residence_committee)
	if is_unrestricted() and len(conditions) == 2:
		return None
	rows = frappe.get_list(MEETING, filters=conditions, fields=["residence_branch"], distinct=True, limit=0)
	return [row.residence_branch for row in rows]


# By member -------------------------------------------------------------------------------------


# present, excused, absent and the rate: the same four columns by member and by branch
ATTENDANCE = ("present", "excused", "absent", "rate")


def member_columns():
	return [
		*reports.columns("party_member", "member_name", "branch_name", "meetings", *ATTENDANCE),
		*duty_columns(),
	]


def member_rows(filters):
	members = visible_members(filters)
	attendance = participation.attendance_by_member(filters.year, members=members)
	activities = participation.activities_by_member(filters.year, members=members)
	names = set(attendance) | set(activities)
	if not names:
		return []
	details = {
		row.name: row
		for row in frappe.get_all(
			"Party Member",
			filters={"name": ("in", list(names))},
			fields=["name", "full_name", "residence_branch"],
		)
	}
	branches = organization_names(row.residence_branch for row in details.values())
	rows = []
	for name in sorted(
		names,
		key=lambda n: (
			details.get(n, {}).get("residence_branch") or "",
			details.get(n, {}).get("full_name") or "",
		),
	):
		counts = attendance.get(name, {"meetings": 0, "present": 0, "excused": 0, "absent": 0})
		per_duty = activities.get(name, {})
		row = {
			"party_member": name,
			"member_name": details.get(name, {}).get("full_name"),
			"residence_branch": details.get(name, {}).get("residence_branch"),
			"branch_name": branches.get(details.get(name, {}).get("residence_branch")),
			**counts,
			"rate": participation.rate(counts["present"], counts["meetings"]),
			**duty_counts(per_duty),
		}
		rows.append(row)
	return rows


def duty_columns():
	"""Contributions recorded against each of the 7 duties, and their total."""
	return [
		*(reports.column(f"duty_{number}", _("Duty {0}").format(number), "Int", 105) for number in DUTIES),
		*reports.columns("activities"),
	]


def duty_counts(per_duty: dict[int, int]) -> dict:
	return {
		**{f"duty_{number}": per_duty.get(number, 0) for number in DUTIES},
		"activities": sum(per_duty.values()),
	}


def member_chart(rows):
	if not rows:
		return None
	totals = [sum(row[key] for row in rows) for key in ("present", "excused", "absent")]
	return {
		"data": {"labels": [_("Present"), _("Excused"), _("Absent")], "datasets": [{"values": totals}]},
		"type": "donut",
		"colors": ["#2e7d32", "#f9a825", "#c62828"],
	}


# By branch -------------------------------------------------------------------------------------


def branch_columns():
	return [*reports.columns("branch_name", "held", "invited", *ATTENDANCE), *duty_columns()]


def branch_rows(filters):
	branches = visible_branches(filters)
	by_branch = participation.attendance_by_branch(filters.year, branches=branches)
	activities = participation.activities_by_branch(filters.year, branches=list(by_branch))
	names = organization_names(by_branch)
	return [
		{
			"residence_branch": branch,
			"branch_name": names.get(branch, branch),
			**counts,
			"rate": participation.rate(counts["present"], counts["invited"]),
			**duty_counts(activities.get(branch, {})),
		}
		for branch, counts in sorted(by_branch.items(), key=lambda item: names.get(item[0], item[0]))
	]


def branch_chart(rows):
	if not rows:
		return None
	return {
		"data": {
			"labels": [row["branch_name"] for row in rows],
			"datasets": [{"name": _("Attendance Rate (%)"), "values": [row["rate"] for row in rows]}],
		},
		"type": "bar",
	}
