// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Member Record Access"] = {
	filters: [
		{
			fieldname: "party_member",
			label: __("Party Member"),
			fieldtype: "Link",
			options: "Party Member",
			reqd: 1,
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
	],
	onload: party_residence.after_link_titles,
};
