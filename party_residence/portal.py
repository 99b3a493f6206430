"""What a member sees of their own residence record on the portal (/my-residence).

Everything here is read for one member, the one linked to the logged-in user, and nothing else:
each query filters on that member explicitly.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today
from party_residence import liaison, roles
from party_residence.organizations import organization_names
from party_residence.permissions import get_own_member, users_with_scope_over

MEMBER_FIELDS = (
	"name",
	"full_name",
	"party_card_number",
	"workplace_organization",
	"residence_committee",
	"residence_branch",
	"residence_address",
	"liaison_status",
	"exemption",
	"exemption_until",
)


# The page changes on a few events only (a step of an introduction, a review, a self-report, a
# change of residence, a violation notice, the member's record, a meeting of the branch): it is
# kept per member until one of them, and at most PAGE_TTL seconds, which bounds what reaches the
# record without an event (a change made straight in the database).
PAGE_CACHE = "party_residence:member_page:"
PAGE_TTL = 600
# bumped when something every page may show changes: an organization's name, who the branch
# secretaries are and how to reach them
ALL_PAGES_TOKEN = "party_residence:member_pages"
# bumped per branch when one of its meetings changes (a member's upcoming meetings and attendance)
BRANCH_TOKEN = "party_residence:branch_meetings:"


def cached_overview(user: str | None = None) -> frappe._dict | None:
	"""overview(), kept per member (and language) until an event changes what it shows."""
	member_name = get_own_member(user)
	if not member_name:
		return None
	lang = frappe.local.lang
	kept = frappe.cache.get_value(PAGE_CACHE + member_name) or {}
	page = kept.get(lang)
	if page and page.tokens == _tokens(page.member.residence_branch):
		return page
	page = overview(user)
	page.updated_at = now_datetime()
	page.tokens = _tokens(page.member.residence_branch)
	# only what is committed is kept: a transaction that wrote may still be rolled back
	if not frappe.db.transaction_writes:
		frappe.cache.set_value(PAGE_CACHE + member_name, {**kept, lang: page}, expires_in_sec=PAGE_TTL)
	return page


def _tokens(branch: str | None) -> tuple:
	return (
		frappe.cache.get_value(ALL_PAGES_TOKEN),
		frappe.cache.get_value(BRANCH_TOKEN + branch) if branch else None,
	)


def forget_members(members) -> None:
	"""The pages of these members are made again on their next visit (after the transaction: a
	rolled-back change leaves nothing to forget, and the page is not kept from before it)."""
	keys = [PAGE_CACHE + member for member in {m for m in members if m}]
	if keys:
		_now_and_at_the_end(lambda: frappe.cache.delete_value(keys))


def forget_member_page(doc, method=None) -> None:
	"""doc_events hook of the member's record and of the records that name a member."""
	if doc.doctype == "Party Member":
		forget_members([doc.name])
		return
	# a record moved to another member leaves the first one's page too
	before = doc.get_doc_before_save()
	forget_members([doc.get("party_member"), before and before.get("party_member")])


def forget_branch_pages(doc, method=None) -> None:
	"""doc_events hook of a branch meeting: every member of the branch sees it."""
	before = doc.get_doc_before_save()
	for branch in {doc.get("residence_branch"), before and before.get("residence_branch")}:
		if branch:
			_now_and_at_the_end(
				lambda b=branch: frappe.cache.set_value(BRANCH_TOKEN + b, frappe.generate_hash())
			)


def forget_all_pages(doc=None, method=None) -> None:
	"""doc_events hook of organizations, users and user permissions."""
	_now_and_at_the_end(lambda: frappe.cache.set_value(ALL_PAGES_TOKEN, frappe.generate_hash()))


def _now_and_at_the_end(forget) -> None:
	# now, for this request's own reads; again when the transaction ends, in case another visit
	# kept the page from before the change while it was open
	forget()
	frappe.db.after_commit.add(forget)
	frappe.db.after_rollback.add(forget)


def overview(user: str | None = None) -> frappe._dict | None:
	"""The member's page, or None when the user has no member record."""
	member_name = get_own_member(user)
	if not member_name:
		return None
	member = frappe.db.get_value("Party Member", member_name, MEMBER_FIELDS, as_dict=True)
	names = organization_names(
		[member.workplace_organization, member.residence_committee, member.residence_branch]
	)
	return frappe._dict(
		member=member,
		workplace_name=names.get(member.workplace_organization),
		committee_name=names.get(member.residence_committee),
		branch_name=names.get(member.residence_branch),
		secretaries=branch_contacts(member.residence_branch),
		introductions=introductions(member.name),
		upcoming=upcoming_meetings(member),
		# a member exempt from residence activity sees the branch's meetings, marked as not owed
		meetings_required=member.exemption != liaison.EXEMPT_FROM_ACTIVITY,
		attendance=attendance_history(member.name),
		reviews=confirmed_reviews(member.name),
		self_reports=self_reports(member.name),
		changes=residence_changes(member.name),
		violations=resolved_violations(member.name),
	)


def branch_contacts(branch: str | None) -> list[dict]:
	"""How to reach the branch: its secretary (name, phone, e-mail) and the branch's own phone."""
	if not branch:
		return []
	secretaries = users_with_scope_over(branch, (roles.BRANCH_SECRETARY,))
	rows = {
		row.name: row
		for row in frappe.get_all(
			"User",
			filters={"name": ("in", secretaries or [""])},
			fields=["name", "full_name", "mobile_no", "phone", "email"],
		)
	}
	contacts = [
		{"name": row.full_name, "phone": row.mobile_no or row.phone, "email": row.email}
		for row in (rows.get(user) for user in secretaries)
		if row
	]
	office = frappe.db.get_value("Party Organization", branch, ["phone", "email"], as_dict=True) or {}
	if office.get("phone") or office.get("email"):
		contacts.append(
			{"name": _("Branch office"), "phone": office.get("phone"), "email": office.get("email")}
		)
	return contacts


def introductions(member: str) -> list[dict]:
	rows = frappe.get_all(
		"Residence Introduction",
		filters={"party_member": member, "docstatus": (">", 0)},
		fields=[
			"name",
			"residence_committee",
			"residence_branch",
			"workflow_state",
			"sent_on",
			"received_on",
			"acknowledged_on",
		],
		order_by="sent_on desc",
	)
	names = organization_names(
		code for row in rows for code in (row.residence_committee, row.residence_branch)
	)
	for row in rows:
		row.committee_name = names.get(row.residence_committee)
		row.branch_name = names.get(row.residence_branch)
	return rows


def upcoming_meetings(member) -> list[dict]:
	if not member.residence_branch or member.liaison_status != "Active":
		return []
	return frappe.get_all(
		"Residence Branch Meeting",
		filters={
			"residence_branch": member.residence_branch,
			"meeting_date": (">=", today()),
			"docstatus": ("<", 2),
		},
		fields=["name", "meeting_type", "meeting_date", "meeting_time", "place", "agenda"],
		order_by="meeting_date asc",
		limit=5,
	)


def attendance_history(member: str, limit: int = 24) -> list[dict]:
	meeting = frappe.qb.DocType("Residence Branch Meeting")
	row = frappe.qb.DocType("Meeting Attendance")
	return (
		frappe.qb.from_(row)
		.join(meeting)
		.on((meeting.name == row.parent) & (row.parenttype == "Residence Branch Meeting"))
		.select(meeting.meeting_date, meeting.meeting_type, row.attendance, row.note)
		.where(
			(row.party_member == member)
			& (meeting.docstatus == 1)
			& (meeting.meeting_date <= getdate(today()))
		)
		.orderby(meeting.meeting_date, order=frappe.qb.desc)
		.limit(limit)
	).run(as_dict=True)


def confirmed_reviews(member: str) -> list[dict]:
	reviews = frappe.get_all(
		"Residence Review",
		filters={"party_member": member, "docstatus": 1},
		fields=[
			"name",
			"review_year",
			"purpose",
			"proposal",
			"other_comments",
			"confirmed_on",
			"meetings_attended",
			"meetings_total",
		],
		order_by="review_year desc",
	)
	for review in reviews:
		review.ratings = frappe.get_all(
			"Residence Review Rating",
			filters={"parent": review.name, "parenttype": "Residence Review"},
			fields=["criterion_text", "rating"],
			order_by="idx",
		)
	return reviews


def self_reports(member: str) -> list[dict]:
	return frappe.get_all(
		"Member Self Report",
		filters={"party_member": member},
		fields=["name", "review_year", "submitted_on"],
		order_by="review_year desc",
	)


def residence_changes(member: str) -> list[dict]:
	return frappe.get_all(
		"Residence Change",
		filters={"party_member": member},
		fields=["name", "reason", "effective_date", "workflow_state"],
		order_by="creation desc",
		limit=5,
	)


def resolved_violations(member: str) -> list[dict]:
	"""A member learns of a violation notice once the workplace has resolved it, with the outcome."""
	return frappe.get_all(
		"Violation Notice",
		filters={"party_member": member, "docstatus": 1, "workflow_state": "Resolved"},
		fields=["name", "occurred_on", "description", "resolution"],
		order_by="occurred_on desc",
	)
