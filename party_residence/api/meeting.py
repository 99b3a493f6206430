"""Whitelisted reads for the Residence Branch Meeting views."""

from datetime import date, timedelta

import frappe
from party_residence.arguments import Filters, typed
from party_residence.meetings import MEETING_HOURS, only_branch, starts_at

MEETING = "Residence Branch Meeting"


@frappe.whitelist()
@typed
def get_calendar_events(
	start: date, end: date, filters: Filters[MEETING] | None = None, **kwargs
) -> list[dict]:
	"""The meetings between two dates, at their time of day, for the calendar view.

	The calendar's standard reader takes the meeting date as the start and so showed every
	meeting from midnight to 2 a.m.; here a meeting starts at its time (19:30 when none is set)
	and lasts as long as the invitation says. The list's own scope rules apply (frappe.get_list).
	"""
	if isinstance(filters, dict):
		filters = [
			[MEETING, field, *(value if isinstance(value, list) else ["=", value])]
			for field, value in filters.items()
		]
	filters = [*(filters or []), [MEETING, "meeting_date", "between", [start, end]]]
	meetings = frappe.get_list(
		MEETING,
		fields=["name", "meeting_title", "meeting_date", "meeting_time", "docstatus"],
		filters=filters,
		order_by="meeting_date asc",
		limit_page_length=0,
	)
	events = []
	for meeting in meetings:
		begins = starts_at(meeting)
		events.append(
			{
				"name": meeting.name,
				"title": meeting.meeting_title,
				"start": begins,
				"end": begins + timedelta(hours=MEETING_HOURS),
				"all_day": 0,
				"docstatus": meeting.docstatus,
				# moving an event would write to fields the meeting does not have
				"movable": 0,
			}
		)
	return events


@frappe.whitelist()
@typed
def default_branch() -> str | None:
	"""The branch a new meeting starts with: the user's only residential branch, if they have one.
	Saving the meeting still goes through the scope rule."""
	frappe.has_permission(MEETING, "create", throw=True)
	return only_branch()
