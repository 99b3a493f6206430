// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue"] = {
	filters: [
		{
			fieldname: "organization",
			label: __("Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
	],
	onload: party_residence.after_link_titles,
};
