// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Review Statistics"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Review Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "organization",
			label: __("Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
	],
	tree: true,
	initial_depth: 1,
};
