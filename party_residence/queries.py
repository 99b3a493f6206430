"""Link-field searches (standard_queries) for the app's two master DocTypes."""

from __future__ import annotations

import frappe
from frappe import _
from party_residence.arguments import Count, Filters, typed
from party_residence.organizations import organization_names
from party_residence.permissions import ORGANIZATION, get_scope, is_staff, is_unrestricted
from party_residence.validators import is_valid_citizen_id, normalize_citizen_id

MEMBER = "Party Member"


def _like(txt: str | None) -> str:
	return f"%{(txt or '').strip().replace('%', '')}%"


@frappe.whitelist()
@typed
@frappe.validate_and_sanitize_search_inputs
def party_member_query(
	doctype: str,
	txt: str,
	searchfield: str,
	start: Count,
	page_len: Count,
	filters: Filters[MEMBER] | None = None,
	**kwargs,
):
	"""Members in the user's scope, by name, party card number or (for roles that may read it) the
	exact 12-digit citizen ID. The citizen ID is never shown in the results."""
	if not frappe.has_permission(MEMBER, "read"):
		return []

	or_filters = [
		[MEMBER, "full_name", "like", _like(txt)],
		[MEMBER, "party_card_number", "like", _like(txt)],
		[MEMBER, "name", "like", _like(txt)],
	]
	if is_valid_citizen_id(txt) and 2 in frappe.get_meta(MEMBER).get_permlevel_access("read"):
		or_filters.append([MEMBER, "citizen_id", "=", normalize_citizen_id(txt)])

	rows = frappe.get_list(
		MEMBER,
		filters=filters,
		or_filters=or_filters,
		fields=["name", "full_name", "party_card_number", "workplace_organization"],
		order_by="full_name asc",
		limit_start=start,
		limit_page_length=page_len,
		as_list=True,
	)
	# the workplace by its name, not its code (organizations hold no personal data)
	organizations = organization_names(row[3] for row in rows)
	return [
		(name, full_name, ", ".join(part for part in (card, organizations.get(code, code)) if part))
		for name, full_name, card, code in rows
	]


@frappe.whitelist()
@typed
@frappe.validate_and_sanitize_search_inputs
def party_organization_query(
	doctype: str,
	txt: str,
	searchfield: str,
	start: Count,
	page_len: Count,
	filters: Filters[ORGANIZATION] | None = None,
	**kwargs,
):
	"""Organizations a user may pick in a link field.

	Organizations hold no personal data and a workplace officer must be able to introduce a member
	to any commune or ward committee in the country, so the choice is: the user's own scope, plus
	every residence-side committee. Users without a scope get nothing.
	"""
	org = frappe.qb.DocType(ORGANIZATION)
	query = (
		frappe.qb.from_(org)
		.select(org.name, org.organization_name, org.organization_type, org.side)
		.where((org.name.like(_like(txt))) | (org.organization_name.like(_like(txt))))
		.orderby(org.lft)
		.limit(page_len)
		.offset(start)
	)

	if not is_unrestricted():
		scope = get_scope() if is_staff() else frozenset()
		if not scope:
			return []
		residence_committees = (org.side == "Residence") & (org.organization_type == "Committee")
		query = query.where(org.name.isin(list(scope)) | residence_committees)

	for field, value in _filters_as_dict(filters).items():
		if field not in frappe.get_meta(ORGANIZATION).get_valid_columns():
			continue
		if isinstance(value, list | tuple) and len(value) == 2:
			operator, operand = value
			if operator == "in":
				query = query.where(org[field].isin(list(operand)))
			elif operator == "!=":
				query = query.where(org[field] != operand)
			elif operator == "descendants of (inclusive)":
				lft, rgt = frappe.db.get_value(ORGANIZATION, operand, ["lft", "rgt"]) or (0, 0)
				query = query.where((org.lft >= lft) & (org.rgt <= rgt))
			else:
				query = query.where(org[field] == operand)
		else:
			query = query.where(org[field] == value)

	return [
		(name, organization_name, ", ".join(_(value) for value in (organization_type, side) if value))
		for name, organization_name, organization_type, side in query.run()
	]


def _filters_as_dict(filters) -> dict:
	if not filters:
		return {}
	if isinstance(filters, dict):
		return filters
	result = {}
	for condition in filters:
		# [doctype, field, operator, value] or [field, operator, value]
		field, operator, value = condition[-3:]
		result[field] = [operator, value] if operator != "=" else value
	return result
