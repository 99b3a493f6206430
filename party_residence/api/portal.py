"""What a member may pick in the portal's web forms.

A v15 web form turns every Link field into a list of choices loaded with the page, with no filter
but the owner. The forms load none and ask these instead, as the member types: only the kind of
organization the field takes. Organizations hold no personal data; the choice is checked again
when the document is saved (residence_changes.check).
"""

import frappe
from frappe import _
from party_residence.arguments import typed
from party_residence.permissions import ORGANIZATION

PAGE_LENGTH = 20


@frappe.whitelist()
@typed
def residence_committees(txt: str | None = None) -> list[dict]:
	"""Commune, ward and special-zone committees: where a member may say they now live."""
	return _organizations(txt, side="Residence", organization_type="Committee")


@frappe.whitelist()
@typed
def workplace_organizations(txt: str | None = None) -> list[dict]:
	"""Workplace-side organizations: where a member may say they now work."""
	return _organizations(txt, side="Workplace")


def _organizations(txt: str | None, **filters) -> list[dict]:
	if frappe.session.user == "Guest":
		frappe.throw(_("You must be logged in to use this form."), frappe.PermissionError)
	org = frappe.qb.DocType(ORGANIZATION)
	parent = frappe.qb.DocType(ORGANIZATION).as_("parent")
	like = f"%{(txt or '').strip().replace('%', '')}%"
	query = (
		frappe.qb.from_(org)
		.left_join(parent)
		.on(parent.name == org.parent_party_organization)
		.select(org.name, org.organization_name, parent.organization_name)
		.where(org.name.like(like) | org.organization_name.like(like))
		.orderby(org.organization_name)
		.limit(PAGE_LENGTH)
	)
	for field, value in filters.items():
		query = query.where(org[field] == value)
	# the parent tells apart the many "Chi bộ Khoa Nội" of different hospitals
	return [
		{"value": name, "label": organization_name, "description": parent_name or ""}
		for name, organization_name, parent_name in query.run()
	]


@frappe.whitelist()
@typed
def self_report_year() -> int:
	"""The year a new self-report is for: the oldest year a review of the member is asked for and
	not yet reported on, else the year that is ending (in January, the year just ended)."""
	from frappe.utils import getdate
	from party_residence.permissions import get_own_member

	member = get_own_member()
	today = getdate()
	default = today.year - 1 if today.month == 1 else today.year
	if not member:
		return default
	reported = frappe.get_all("Member Self Report", filters={"party_member": member}, pluck="review_year")
	asked = frappe.get_all(
		"Residence Review Request",
		filters={
			"party_member": member,
			"docstatus": 1,
			"workflow_state": "Sent",
			"review_year": ("not in", reported or [0]),
		},
		pluck="review_year",
		order_by="review_year asc",
		limit=1,
	)
	return asked[0] if asked else default
