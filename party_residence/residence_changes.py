"""Moving house, changing workplace, retiring (Regulation 213 step 6).

Once the workplace officer approves a Residence Change, in one transaction: the member's old
residence record closes (Moved Away, their place in the old branch's coming meetings removed),
open introductions are cancelled with the reason, and, when the new commune or ward is known, a
new introduction is drafted for the officer to send.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate
from party_residence import closing, liaison
from party_residence.exceptions import ResidenceChangeError
from party_residence.introductions import OPEN_STATES
from party_residence.organizations import check_residence_placement
from party_residence.permissions import get_own_member, is_staff, is_unrestricted

INTRODUCTION = "Residence Introduction"
MEETING = "Residence Branch Meeting"


def own_member_only(doc) -> None:
	"""A portal member reports only about themself, whatever the request says."""
	if is_unrestricted() or is_staff():
		return
	member = get_own_member()
	if not member:
		frappe.throw(_("Your login is not linked to a party member record."), frappe.PermissionError)
	doc.party_member = member


def set_member_details(doc) -> None:
	member = frappe.db.get_value(
		"Party Member",
		doc.party_member,
		["full_name", "workplace_organization", "residence_committee", "residence_branch"],
		as_dict=True,
	)
	if not member:
		return
	doc.member_name = member.full_name
	if doc.docstatus == 0:
		doc.workplace_organization = member.workplace_organization
		doc.old_residence_committee = member.residence_committee
		doc.old_residence_branch = member.residence_branch


def check(doc) -> None:
	if doc.new_residence_committee:
		check_residence_placement(doc.new_residence_committee, None)
	if doc.reason == "Moved" and not (doc.new_residence_address or "").strip():
		frappe.throw(_("Give the new address."), ResidenceChangeError)
	if doc.reason == "Changed Workplace":
		if not doc.new_workplace_organization:
			frappe.throw(_("Choose the new workplace organization."), ResidenceChangeError)
		side = frappe.db.get_value("Party Organization", doc.new_workplace_organization, "side")
		if side != "Workplace":
			frappe.throw(
				_("The new workplace organization must be on the workplace side."), ResidenceChangeError
			)


def apply(doc) -> None:
	"""The approved change, all of it or nothing (it runs inside the submit's transaction)."""
	draft = _close_open_introductions(doc.party_member, doc)
	if doc.reason == "Retired":
		# a retired member leaves the procedure: their unanswered review requests go too
		closing.cancel_in_flight(doc.party_member, _("Residence change {0}").format(doc.name))
	_leave_coming_meetings(doc.party_member, doc.old_residence_branch, doc.effective_date)

	member = frappe.get_doc("Party Member", doc.party_member)
	member.liaison_status = liaison.status_after_residence_change(member.liaison_status)
	if (doc.new_residence_address or "").strip():
		member.residence_address = doc.new_residence_address
	member.residence_committee = doc.new_residence_committee or None
	member.residence_branch = None
	if doc.reason == "Changed Workplace":
		member.workplace_organization = doc.new_workplace_organization
	member.flags.liaison_status_by_procedure = True
	member.flags.ignore_permissions = True  # approved by the workplace officer: a step of the procedure
	member.add_comment("Info", _("Residence change {0} approved: {1}").format(doc.name, _(doc.reason)))
	member.save()

	if doc.new_residence_committee and doc.reason in ("Moved", "Changed Workplace"):
		doc.db_set("new_introduction", _draft_introduction(member, doc, draft))


def _close_open_introductions(member: str, change) -> str | None:
	"""Cancel the letters already sent, with the change as the reason; return a draft still
	unsent, which becomes the new introduction (nothing is deleted)."""
	reason = _("Residence change {0}").format(change.name)
	draft = None
	for name in frappe.get_all(
		INTRODUCTION, filters={"party_member": member, "workflow_state": ("in", OPEN_STATES)}, pluck="name"
	):
		letter = frappe.get_doc(INTRODUCTION, name)
		if letter.docstatus == 0:
			draft = name
			continue
		letter.db_set("cancel_reason", reason)
		letter.flags.ignore_permissions = True
		letter.workflow_state = "Cancelled"
		letter.cancel()
	return draft


def _leave_coming_meetings(member: str, branch: str | None, from_date) -> None:
	"""Take the member off the attendance of the old branch's meetings not held yet."""
	if not branch:
		return
	meetings = frappe.get_all(
		MEETING,
		filters={"residence_branch": branch, "docstatus": 0, "meeting_date": (">=", getdate(from_date))},
		pluck="name",
	)
	for name in meetings:
		meeting = frappe.get_doc(MEETING, name)
		rows = [row for row in meeting.attendance if row.party_member == member]
		if not rows:
			continue
		for row in rows:
			meeting.remove(row)
		meeting.flags.ignore_permissions = True
		meeting.save()


def _draft_introduction(member, change, draft: str | None) -> str:
	if draft:
		letter = frappe.get_doc(INTRODUCTION, draft)
		letter.residence_committee = change.new_residence_committee
		letter.flags.ignore_permissions = True
		letter.save()
	else:
		letter = frappe.get_doc(
			{
				"doctype": INTRODUCTION,
				"party_member": member.name,
				"residence_committee": change.new_residence_committee,
			}
		)
		letter.flags.ignore_permissions = True
		letter.insert()
	letter.add_comment("Info", _("Drafted for residence change {0}.").format(change.name))
	return letter.name
