"""Moving house, changing workplace, retiring (Regulation 213 step 6).

Once the workplace officer approves a Residence Change, in one transaction: where the residence
changes (a move, or a change of workplace that names a new address or commune), the member's old
residence record closes (Moved Away, their place in the old branch's coming meetings removed),
open introductions are cancelled with the reason, and, when the new commune or ward is known, a
new introduction is drafted for the officer to send. A change of workplace moves the member to the
new workplace organization. A committee nobody named a new one for is kept.

What the member names (new commune or ward, new workplace) is a proposal: it is checked here and
takes effect only when the officer approves.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate
from party_residence import closing, liaison, roles
from party_residence.exceptions import ResidenceChangeError
from party_residence.introductions import OPEN_STATES
from party_residence.organizations import (
	check_residence_placement,
	get_organization,
	nearest_committee,
	recipients_text,
)
from party_residence.owned_fields import set_owned
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
		["full_name", "workplace_organization", "residence_committee", "residence_branch", "user", "email"],
		as_dict=True,
	)
	if not member:
		return
	doc.member_name = member.full_name
	if doc.docstatus == 0:
		doc.workplace_organization = member.workplace_organization
		doc.old_residence_committee = member.residence_committee
		doc.old_residence_branch = member.residence_branch
		# who is told: the officers of the member's workplace now, the member once it is decided
		doc.workplace_contacts = recipients_text(
			nearest_committee(member.workplace_organization) or member.workplace_organization,
			(roles.WORKPLACE_OFFICER,),
		)
		doc.member_contacts = member.user or member.email


def check(doc) -> None:
	if doc.new_residence_committee:
		check_residence_placement(doc.new_residence_committee, None)
	if doc.reason == "Moved" and not (doc.new_residence_address or "").strip():
		frappe.throw(_("Give the new address."), ResidenceChangeError)
	if doc.reason != "Changed Workplace":
		doc.new_workplace_organization = None  # only a change of workplace changes it
	elif doc.new_workplace_organization:
		check_new_workplace(doc)


def check_new_workplace(doc) -> None:
	"""The member may name their new workplace branch; it must be one, and a new one."""
	workplace = get_organization(doc.new_workplace_organization)
	if not workplace or workplace.side != "Workplace":
		frappe.throw(_("The new workplace organization must be on the workplace side."), ResidenceChangeError)
	if workplace.name == doc.workplace_organization:
		frappe.throw(
			_("{0} is already the member's workplace organization.").format(
				frappe.bold(workplace.organization_name)
			),
			ResidenceChangeError,
		)


def check_approval(doc) -> None:
	"""The officer completes what the member could not know before approving it."""
	if doc.reason == "Changed Workplace" and not doc.new_workplace_organization:
		frappe.throw(_("Choose the new workplace organization."), ResidenceChangeError)


def residence_changes(doc) -> bool:
	"""Whether the member leaves their place of residence: a move, or a change of workplace that
	names a new address or another commune or ward."""
	if doc.reason == "Moved":
		return True
	if doc.reason != "Changed Workplace":
		return False
	new_committee = doc.new_residence_committee and doc.new_residence_committee != doc.old_residence_committee
	return bool(new_committee or (doc.new_residence_address or "").strip())


def apply(doc) -> None:
	"""The approved change, all of it or nothing (it runs inside the submit's transaction)."""
	# a change of workplace alone leaves the residence record as it is
	closes_record = doc.reason != "Changed Workplace" or residence_changes(doc)
	draft = None
	if closes_record:
		draft = _close_open_introductions(doc.party_member, doc)
		if doc.reason == "Retired":
			# a retired member leaves the procedure: their unanswered review requests go too
			closing.cancel_in_flight(doc.party_member, _("Residence change {0}").format(doc.name))
		_leave_coming_meetings(doc.party_member, doc.old_residence_branch, doc.effective_date)

	member = frappe.get_doc("Party Member", doc.party_member)
	if closes_record:
		set_owned(member, {"liaison_status": liaison.status_after_residence_change(member.liaison_status)})
		member.residence_branch = None
	if (doc.new_residence_address or "").strip():
		member.residence_address = doc.new_residence_address
	if doc.new_residence_committee:
		member.residence_committee = doc.new_residence_committee
	if doc.reason == "Changed Workplace":
		member.workplace_organization = doc.new_workplace_organization
	member.flags.ignore_permissions = True  # approved by the workplace officer: a step of the procedure
	member.add_comment("Info", _("Residence change {0} approved: {1}").format(doc.name, _(doc.reason)))
	member.save()

	if closes_record and doc.new_residence_committee and doc.reason in ("Moved", "Changed Workplace"):
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
