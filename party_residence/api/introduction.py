"""Whitelisted actions on Residence Introductions."""

import frappe
from frappe import _
from frappe.query_builder.functions import Max, Min
from party_residence.arguments import Text, typed
from party_residence.owned_fields import set_owned

DOCTYPE = "Residence Introduction"
REASON_FIELDS = {"Return": "return_reason", "Cancel": "cancel_reason"}


@frappe.whitelist(methods=["POST"])
@typed
def set_reason(name: str, action: str, reason: Text) -> None:
	"""Keep the reason for returning or cancelling before the workflow action runs."""
	field = REASON_FIELDS.get(action)
	if not field:
		frappe.throw(_("{0} needs no reason.").format(frappe.bold(_(action))))
	if not reason:
		frappe.throw(_("Give the reason."), frappe.MandatoryError)

	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	from frappe.model.workflow import get_transitions

	if action not in {transition.action for transition in get_transitions(doc)}:
		frappe.throw(_("You cannot {0} this introduction now.").format(_(action)), frappe.PermissionError)
	set_owned(doc, {field: reason})
	doc.save()


@frappe.whitelist(methods=["POST"])
@typed
def create_batch(members: list[str]) -> str:
	"""A batch for the members selected in the Party Member list, started at once."""
	if not members:
		frappe.throw(_("Select the members to introduce."))
	frappe.has_permission("Residence Introduction Batch", "create", throw=True)
	# only the members the user may see
	visible = frappe.get_list(
		"Party Member",
		filters={"name": ("in", members)},
		fields=["name", "workplace_organization"],
		limit=0,
	)
	if not visible:
		frappe.throw(_("None of the selected members is in your scope."), frappe.PermissionError)
	organization = _common_workplace_organization([row.workplace_organization for row in visible])
	visible_names = {row.name for row in visible}
	batch = frappe.get_doc(
		{
			"doctype": "Residence Introduction Batch",
			"workplace_organization": organization,
			"members": [{"party_member": name} for name in members if name in visible_names],
		}
	).insert()
	batch.start()
	return batch.name


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
