// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Introduction Register"] = {
	filters: [
		{
			fieldname: "side",
			label: __("Side"),
			fieldtype: "Select",
			options: [
				{ value: "Workplace", label: __("Workplace") },
				{ value: "Residence", label: __("Residence") },
			],
			default: "Workplace",
			reqd: 1,
		},
		{
			fieldname: "organization",
			label: __("Organization"),
			fieldtype: "Link",
			options: "Party Organization",
			reqd: 1,
			get_query() {
				const side = frappe.query_report.get_filter_value("side");
				return { filters: { side, organization_type: "Committee" } };
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
};
