"""Introductions, review requests and reviews carry the member's workplace sector, so that Report
Builder can group and filter them by it; fill it on the records made before the field existed."""

import frappe


def execute():
	for doctype in ("Residence Introduction", "Residence Review Request", "Residence Review"):
		# an UPDATE ... JOIN, which frappe.qb renders with an ambiguous SET column; the table names
		# are the app's own, nothing comes from input
		frappe.db.sql(  # nosemgrep
			f"""
			update `tab{doctype}` record
			join `tabParty Member` member on member.name = record.party_member
			set record.sector = member.sector
			where ifnull(record.sector, '') = ''
			"""
		)
