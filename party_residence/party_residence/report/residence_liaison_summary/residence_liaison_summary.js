// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Residence Liaison Summary"] = {
	filters: [
		{
			fieldname: "organization",
			label: __("Residence Committee or City"),
			fieldtype: "Link",
			options: "Party Organization",
			get_query: () => ({ filters: { organization_type: "Committee", side: ["in", ["Residence", ""]] } }),
		},
		party_residence.year_filter(),
	],
	tree: true,
	initial_depth: 1,
	onload: party_residence.after_link_titles,
};
