"""Frappe's whitelisted methods that the app replaces (hooks.override_whitelisted_methods)."""

import frappe
from party_residence.arguments import Filters, typed


@frappe.whitelist()
@typed
def get_count(doctype: str, filters: Filters | None = None, debug: bool = False, cache: bool = False) -> int:
	"""frappe.client.get_count counted every record of a DocType, whoever asked (Frappe 15.44):
	a member could count all party members, or test a citizen ID by filtering on it. This count
	goes through get_list, so the user's role, scope and field permissions apply."""
	rows = frappe.get_list(
		doctype,
		filters=filters,
		fields=["count(*) as total"],
		ignore_ifnull=True,
	)
	return int(rows[0].total) if rows else 0
