// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Participation"] = {
	filters: [
		party_residence.year_filter(),
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: party_residence.select_options({ Member: __("Member"), Branch: __("Branch") }),
			default: "Member",
		},
		{
			fieldname: "residence_committee",
			label: __("Residence Committee"),
			fieldtype: "Link",
			options: "Party Organization",
			get_query: () => ({ filters: { side: "Residence", organization_type: "Committee" } }),
		},
		{
			fieldname: "residence_branch",
			label: __("Residence Branch"),
			fieldtype: "Link",
			options: "Party Organization",
			get_query: () => ({ filters: { side: "Residence", organization_type: "Branch" } }),
		},
		{
			fieldname: "workplace_organization",
			label: __("Workplace Organization"),
			fieldtype: "Link",
			options: "Party Organization",
			get_query: () => ({ filters: { side: "Workplace" } }),
		},
	],
	onload: party_residence.after_link_titles,
};
