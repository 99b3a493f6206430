"""Introduction batches are listed by a readable title (the organization's name and the date)
instead of the organization's code: give one to the batches made before the field existed."""

import frappe


def execute():
	for name in frappe.get_all(
		"Residence Introduction Batch", filters={"batch_title": ("is", "not set")}, pluck="name"
	):
		doc = frappe.get_doc("Residence Introduction Batch", name)
		doc.set_title()
		doc.db_set("batch_title", doc.batch_title, update_modified=False)
