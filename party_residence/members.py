"""What a record about a member copies from the member's record when it is made."""

from __future__ import annotations

import frappe

MEMBER = "Party Member"


def copy_member_details(doc, fields: tuple[str, ...] = ("residence_branch", "workplace_organization")):
	"""The member's name and `fields` on `doc` (a record keeps the branch and workplace the member
	had when it was made). Returns the member's values, or None when there is no such member."""
	member = frappe.db.get_value(MEMBER, doc.party_member, ["full_name", *fields], as_dict=True)
	if member:
		doc.member_name = member.full_name
		doc.update({field: member[field] for field in fields})
	return member
