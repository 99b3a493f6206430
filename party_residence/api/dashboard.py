"""Figures of the Party Residence workspace that a plain count cannot give; each is read through
frappe.get_list, so the scope rule applies as it does to every list."""

from __future__ import annotations

import frappe
from frappe.utils import getdate, today
from party_residence.arguments import Filters, typed

REQUEST = "Residence Review Request"


@frappe.whitelist()
@typed
def annual_review_progress(filters: Filters[REQUEST] | None = None) -> dict:
	"""The latest annual review in the user's scope (the year's campaign runs at its end and is
	answered in the next weeks): the share of the requests sent that are answered."""
	if not frappe.has_permission(REQUEST, "read"):
		# the card is on a public workspace; a user without the DocType sees nothing, not an error
		return {"value": 0, "fieldtype": "Percent", "precision": 1}
	latest = frappe.get_list(
		REQUEST,
		filters={"purpose": "Annual Review", "docstatus": 1},
		fields=["max(review_year) as year"],
		order_by=None,
	)
	year = (latest and latest[0].year) or getdate(today()).year
	counts = {
		row.workflow_state: row.count
		for row in frappe.get_list(
			REQUEST,
			filters={"review_year": year, "purpose": "Annual Review", "docstatus": 1},
			fields=["workflow_state", "count(*) as count"],
			group_by="workflow_state",
			order_by=None,
		)
	}
	sent = sum(counts.values()) - counts.get("Cancelled", 0)
	answered = counts.get("Answered", 0)
	return {
		"value": round(100.0 * answered / sent, 1) if sent else 0,
		"fieldtype": "Percent",
		# the card writes the share with the site's float precision otherwise: "56,200%"
		"precision": 1,
		"route": ["List", REQUEST],
		"route_options": {"review_year": year, "purpose": "Annual Review"},
	}
