"""Review campaigns are listed by a readable title (the purpose, the year and the organization's
name) instead of the organization's code: give one to the campaigns made before the field
existed."""

import frappe


def execute():
	# the purpose in the site's language, as the officers who made the campaigns read it
	previous, frappe.local.lang = frappe.local.lang, frappe.db.get_default("lang") or "en"
	try:
		for name in frappe.get_all(
			"Residence Review Campaign", filters={"campaign_title": ("is", "not set")}, pluck="name"
		):
			doc = frappe.get_doc("Residence Review Campaign", name)
			doc.set_title()
			doc.db_set("campaign_title", doc.campaign_title, update_modified=False)
	finally:
		frappe.local.lang = previous
