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
