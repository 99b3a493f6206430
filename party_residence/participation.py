"""Who took part in the residence branch's life: the one computation behind the Participation
report and the attendance figures of a residence review.

A member's meetings in a year are the submitted meetings of that year whose attendance lists
them; attended means marked Present.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe.query_builder import Case, JoinType
from frappe.query_builder.functions import Count, Sum

MEETING = "Residence Branch Meeting"
ATTENDANCE = "Meeting Attendance"
ACTIVITY = "Residence Activity"


def attendance_by_member(year: int, members=None, meetings=None, branches=None) -> dict[str, dict]:
	"""member -> {"meetings", "present", "excused", "absent"} for meetings held in `year`.

	`members`, `meetings`, `branches` (optional name lists) narrow the count, e.g. to what a
	user may see; None means no restriction."""
	query, meeting, row = _attendance_in(year, JoinType.inner)
	query = query.select(
		row.party_member,
		Count(row.name).as_("meetings"),
		*_answers(row),
	).groupby(row.party_member)
	query = _narrow(query, row.party_member, members)
	query = _narrow(query, meeting.name, meetings)
	query = _narrow(query, meeting.residence_branch, branches)
	return {
		r.party_member: {key: int(r[key] or 0) for key in ("meetings", "present", "excused", "absent")}
		for r in query.run(as_dict=True)
	}


def attendance_by_branch(year: int, branches=None) -> dict[str, dict]:
	"""branch -> {"held", "invited", "present", "excused", "absent"} for meetings held in `year`."""
	# a left join: a meeting nobody was invited to was held all the same
	query, meeting, row = _attendance_in(year, JoinType.left)
	query = query.select(
		meeting.residence_branch,
		Count(meeting.name).distinct().as_("held"),
		Count(row.name).as_("invited"),
		*_answers(row),
	).groupby(meeting.residence_branch)
	query = _narrow(query, meeting.residence_branch, branches)
	return {
		r.residence_branch: {
			key: int(r[key] or 0) for key in ("held", "invited", "present", "excused", "absent")
		}
		for r in query.run(as_dict=True)
	}


def _attendance_in(year: int, how: JoinType):
	"""The submitted meetings held in `year` joined (`how`) to their attendance rows, and the two
	tables to select from."""
	meeting = frappe.qb.DocType(MEETING)
	row = frappe.qb.DocType(ATTENDANCE)
	query = (
		frappe.qb.from_(meeting)
		.join(row, how)
		.on((meeting.name == row.parent) & (row.parenttype == MEETING))
		.where((meeting.docstatus == 1) & (meeting.meeting_date[f"{year}-01-01" : f"{year}-12-31"]))
	)
	return query, meeting, row


def _answers(row) -> list:
	"""How many attendance rows say Present, Excused and Absent, as "present", "excused", "absent"."""
	return [
		Sum(Case().when(row.attendance == answer, 1).else_(0)).as_(answer.lower())
		for answer in ("Present", "Excused", "Absent")
	]


def member_attendance(member: str, year: int) -> dict:
	"""One member's figures for the year (all zero when there were none)."""
	return attendance_by_member(year, members=[member]).get(
		member, {"meetings": 0, "present": 0, "excused": 0, "absent": 0}
	)


def activities_by_member(year: int, members=None) -> dict[str, dict[int, int]]:
	"""member -> {duty: number of recorded activities} in `year`."""
	return _activities_by("party_member", year, members)


def activities_by_branch(year: int, branches=None) -> dict[str, dict[int, int]]:
	"""branch -> {duty: number of activities its members recorded} in `year`."""
	return _activities_by("residence_branch", year, branches)


def _activities_by(field: str, year: int, names=None) -> dict[str, dict[int, int]]:
	activity = frappe.qb.DocType(ACTIVITY)
	column = activity[field]
	query = (
		frappe.qb.from_(activity)
		.select(column.as_("key"), activity.duty, Count(activity.name).as_("count"))
		.where(activity.activity_date[f"{year}-01-01" : f"{year}-12-31"])
		.groupby(column, activity.duty)
	)
	query = _narrow(query, column, names)
	result: dict[str, dict[int, int]] = defaultdict(dict)
	for r in query.run(as_dict=True):
		result[r.key][int(r.duty)] = int(r.count)
	return dict(result)


def rate(present: int, meetings: int) -> float:
	"""Attendance rate in percent, one decimal; 0 when there was no meeting."""
	return round(100.0 * present / meetings, 1) if meetings else 0.0


def _narrow(query, column, names):
	if names is None:
		return query
	names = list(names)
	return query.where(column.isin(names)) if names else query.where(column.isnull() & column.notnull())
