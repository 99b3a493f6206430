// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// a residence officer or branch secretary keeps the residence side's register, of their own
// organization when they work for one
const RESIDENCE_ROLES = ["Residence Committee Officer", "Residence Branch Secretary"];
const own_organizations = (frappe.defaults.get_user_permissions()["Party Organization"] || []).map(
	(permission) => permission.doc
);

frappe.query_reports["Introduction Register"] = {
	filters: [
		{
			fieldname: "side",
			label: __("Side"),
			fieldtype: "Select",
			options: party_residence.select_options({
				Workplace: __("Workplace"),
				Residence: __("Residence"),
			}),
			default: RESIDENCE_ROLES.some((role) => frappe.user.has_role(role)) ? "Residence" : "Workplace",
			reqd: 1,
		},
		{
			fieldname: "organization",
			label: __("Organization"),
			fieldtype: "Link",
			options: "Party Organization",
			reqd: 1,
			default: own_organizations.length === 1 ? own_organizations[0] : undefined,
			get_query() {
				// a committee's register, or a branch's (a secretary keeps the branch's)
				return { filters: { side: frappe.query_report.get_filter_value("side") } };
			},
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "include_cancelled",
			label: __("Include Cancelled"),
			fieldtype: "Check",
		},
	],
	onload: party_residence.after_link_titles,
};
