"""Residential branch meetings: who is invited, the invitations, and the attendance count."""

from __future__ import annotations

from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import format_date, format_time, get_datetime, get_time, getdate, now_datetime
from party_residence import liaison
from party_residence.exceptions import MeetingError

DOCTYPE = "Residence Branch Meeting"
MEETING_HOURS = 2  # how long the calendar entry of an invitation lasts


def expected_members(branch: str) -> list[frappe._dict]:
	"""Members active in the branch who owe meeting attendance (not exempt from residence activity)."""
	# every member of the branch, whoever asks: the list is the branch's own
	return frappe.get_all(
		"Party Member",
		filters={
			"residence_branch": branch,
			"liaison_status": liaison.ACTIVE,
			"exemption": ("not in", (liaison.EXEMPT_FROM_ACTIVITY, liaison.EXEMPT_FROM_INTRODUCTION)),
		},
		fields=["name", "full_name"],
		order_by="full_name asc",
	)


def fill_attendance(doc) -> None:
	"""Add the branch's expected members who are not listed yet (keeps rows already there)."""
	listed = {row.party_member for row in doc.attendance}
	for member in expected_members(doc.residence_branch):
		if member.name not in listed:
			doc.append("attendance", {"party_member": member.name, "member_name": member.full_name})


def only_branch(user: str | None = None) -> str | None:
	"""The residential branch a user's scope holds, when it holds exactly one (a branch secretary):
	a new meeting starts with it. None when there are several, or none."""
	from party_residence.permissions import get_scope, is_unrestricted

	if is_unrestricted(user):
		return None
	scope = get_scope(user)
	if not scope:
		return None
	branches = frappe.get_all(
		"Party Organization",
		filters={"name": ("in", list(scope)), "side": "Residence", "organization_type": "Branch"},
		pluck="name",
		limit=2,
	)
	return branches[0] if len(branches) == 1 else None


def default_branch(doc) -> None:
	"""A new meeting without a branch takes the user's only branch (the scope rule still checks it)."""
	if not doc.residence_branch and (branch := only_branch()):
		doc.residence_branch = branch


def check_branch(doc) -> None:
	branch = frappe.db.get_value(
		"Party Organization", doc.residence_branch, ["side", "organization_type"], as_dict=True
	)
	if not branch or branch.side != "Residence" or branch.organization_type != "Branch":
		frappe.throw(_("A meeting belongs to a residential branch."), MeetingError)


def check_members(doc) -> None:
	"""Rows added to the attendance are members of the meeting's branch: an invitation goes to each,
	and an absence counts against them in their review."""
	before = doc.get_doc_before_save()
	if not before and doc.amended_from:
		# the meeting it corrects, when it is one of the same branch
		before = (
			frappe.get_doc(DOCTYPE, doc.amended_from) if frappe.db.exists(DOCTYPE, doc.amended_from) else None
		)
		if before and before.residence_branch != doc.residence_branch:
			before = None
	listed_before = {row.party_member for row in before.attendance} if before else set()
	added = {row.party_member for row in doc.attendance} - listed_before
	if not added:
		return
	# all members, whoever asks: the check is about the branch, and names nobody
	in_branch = set(
		frappe.get_all(
			"Party Member",
			filters={"name": ("in", list(added)), "residence_branch": doc.residence_branch},
			pluck="name",
		)
	)
	for row in doc.attendance:
		if row.party_member in added and row.party_member not in in_branch:
			frappe.throw(
				_("Row {0}: only members of the branch can be listed at its meeting.").format(row.idx),
				MeetingError,
				title=_("Not a member of the branch"),
			)


def check_rows(doc, submitting: bool) -> None:
	seen = set()
	for row in doc.attendance:
		if row.party_member in seen:
			frappe.throw(
				_("Row {0}: {1} is listed twice.").format(
					row.idx, frappe.bold(row.member_name or row.party_member)
				),
				MeetingError,
			)
		seen.add(row.party_member)
		if submitting and not row.attendance:
			frappe.throw(
				_("Row {0}: mark whether {1} was present, excused or absent.").format(
					row.idx, frappe.bold(row.member_name or row.party_member)
				),
				MeetingError,
				title=_("Attendance not marked"),
			)


def tally(doc) -> None:
	doc.invited_count = len(doc.attendance)
	for value, field in (
		("Present", "present_count"),
		("Excused", "excused_count"),
		("Absent", "absent_count"),
	):
		doc.set(field, sum(1 for row in doc.attendance if row.attendance == value))


def title(doc) -> str:
	return f"{_(doc.meeting_type)} {format_date(doc.meeting_date, 'dd/MM/yyyy')}"


# Invitations ------------------------------------------------------------------------------------


def schedule_changed(doc) -> bool:
	before = doc.get_doc_before_save()
	if not before:
		return True
	return _schedule(before) != _schedule(doc)


def _schedule(doc) -> tuple:
	time = get_time(doc.meeting_time) if doc.meeting_time else None
	return getdate(doc.meeting_date), time, (doc.place or "").strip()


def invite(doc, moved: bool = False) -> int:
	"""Tell every listed member (by e-mail where they have one, in the app where they have a
	login) when and where the meeting is, with a calendar file. Returns how many were told.
	A meeting that has already taken place (recorded afterwards) invites nobody."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	if starts_at(doc) < now_datetime():
		return 0

	members = frappe.get_all(
		"Party Member",
		filters={
			"name": ("in", [row.party_member for row in doc.attendance]),
			"exemption": ("not in", (liaison.EXEMPT_FROM_ACTIVITY, liaison.EXEMPT_FROM_INTRODUCTION)),
		},
		fields=["name", "full_name", "email", "user"],
	)
	if not members:
		return 0
	branch_name = frappe.db.get_value("Party Organization", doc.residence_branch, "organization_name")
	subject = (_("Meeting moved: {0}, {1}") if moved else _("Invitation: {0}, {1}")).format(
		title(doc), branch_name
	)
	message = frappe.render_template(
		"party_residence/templates/emails/meeting_invitation.html",
		{"doc": doc, "branch_name": branch_name, "moved": moved, "when": when(doc)},
	)
	attachment = {"fname": f"{doc.name}.ics", "fcontent": ics(doc, branch_name)}
	emails = sorted({member.email for member in members if member.email})
	if emails:
		frappe.sendmail(
			recipients=emails,
			subject=subject,
			message=message,
			attachments=[attachment],
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			delayed=True,
		)
	users = sorted({member.user for member in members if member.user})
	if users:
		enqueue_create_notification(
			users,
			{
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": subject,
				"email_content": message,
			},
		)
	return len(members)


def when(doc) -> str:
	time = format_time(doc.meeting_time, "HH:mm") if doc.meeting_time else ""
	day = format_date(doc.meeting_date, "dd/MM/yyyy")
	return f"{time} {day}".strip()


def ics(doc, branch_name: str) -> str:
	"""An iCalendar event for the invitation (RFC 5545, local time of the site)."""
	start = starts_at(doc)
	end = start + timedelta(hours=MEETING_HOURS)
	stamp = now_datetime().strftime("%Y%m%dT%H%M%S")

	def text(value) -> str:
		return (
			(value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
		)

	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Party Residence//Residence Branch Meeting//VI",
		"METHOD:REQUEST",
		"BEGIN:VEVENT",
		f"UID:{doc.name}@{frappe.local.site}",
		f"DTSTAMP:{stamp}",
		f"DTSTART:{start.strftime('%Y%m%dT%H%M%S')}",
		f"DTEND:{end.strftime('%Y%m%dT%H%M%S')}",
		f"SUMMARY:{text(title(doc))} - {text(branch_name)}",
		f"LOCATION:{text(doc.place)}",
		f"DESCRIPTION:{text(doc.agenda)}",
		"END:VEVENT",
		"END:VCALENDAR",
	]
	return "\r\n".join(lines) + "\r\n"


def starts_at(doc) -> datetime:
	day = getdate(doc.meeting_date)
	if doc.meeting_time:
		return get_datetime(f"{day} {doc.meeting_time}")
	return datetime(day.year, day.month, day.day, 19, 30)
