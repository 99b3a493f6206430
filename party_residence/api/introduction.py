"""Whitelisted actions on Residence Introductions."""

import frappe
from frappe import _
from frappe.query_builder.functions import Max, Min
from party_residence import introductions
from party_residence.arguments import typed
from party_residence.permissions import readable_names

DOCTYPE = "Residence Introduction"


@frappe.whitelist(methods=["POST"])
@typed
def assign_to_branch(name: str, branch: str, warned: bool = False) -> str:
	"""Choose the branch of a received letter and assign the member to it, in one step (the form
	need not be saved first). `warned`: the form has shown the address warning (branch_warning),
	which is then not repeated. Returns the letter's new state."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	if not introductions.can_assign(doc):
		frappe.throw(
			_("You cannot {0} this introduction now.").format(_(introductions.ASSIGN)), frappe.PermissionError
		)
	introductions.assign_to_branch(doc, branch, warned)
	return frappe.db.get_value(DOCTYPE, name, "workflow_state")


@frappe.whitelist()
@typed
def branch_warning(name: str, branch: str) -> str | None:
	"""The warning the assign dialog shows under the branch picked when the member's address does
	not name the branch's area (None when it does, or cannot tell)."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("read")
	return introductions.branch_address_mismatch(branch, doc.residence_address)


@frappe.whitelist(methods=["POST"])
@typed
def create_batch(members: list[str]) -> str:
	"""A batch for the members selected in the Party Member list, started at once."""
	if not members:
		frappe.throw(_("Select the members to introduce."))
	frappe.has_permission("Residence Introduction Batch", "create", throw=True)
	# only the members the user may see
	visible_names = readable_names("Party Member", members)
	if not visible_names:
		frappe.throw(_("None of the selected members is in your scope."), frappe.PermissionError)
	# get_all: the members were checked against the user's scope just above
	organization = _common_workplace_organization(
		frappe.get_all(
			"Party Member", filters={"name": ("in", list(visible_names))}, pluck="workplace_organization"
		)
	)
	batch = frappe.get_doc(
		{
			"doctype": "Residence Introduction Batch",
			"workplace_organization": organization,
			"members": [{"party_member": name} for name in members if name in visible_names],
		}
	).insert()
	batch.start()
	return batch.name


@frappe.whitelist()
@typed
def preview_batch(members: list[str]) -> dict:
	"""Where the members selected in the Party Member list would be sent (the confirmation)."""
	frappe.has_permission("Residence Introduction Batch", "create", throw=True)
	# only the members the user may see, in the order selected
	visible = readable_names("Party Member", members)
	return introductions.destinations([name for name in members if name in visible])


def _common_workplace_organization(organizations: list[str]) -> str:
	"""The lowest organization in the user's scope that holds all the given ones."""
	from party_residence.permissions import can_reach_organization

	org = frappe.qb.DocType("Party Organization")
	bounds = (
		frappe.qb.from_(org).select(Min(org.lft), Max(org.rgt)).where(org.name.isin(list(set(organizations))))
	).run()[0]
	candidates = (
		frappe.qb.from_(org)
		.select(org.name)
		.where((org.lft <= bounds[0]) & (org.rgt >= bounds[1]) & (org.side == "Workplace"))
		.orderby(org.lft, order=frappe.qb.desc)
	).run(pluck=True)
	for candidate in candidates:
		if can_reach_organization(candidate):
			return candidate
	frappe.throw(_("Select members of one workplace organization in your scope."))
