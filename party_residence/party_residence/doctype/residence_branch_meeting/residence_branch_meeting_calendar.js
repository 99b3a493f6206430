// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.views.calendar["Residence Branch Meeting"] = {
	field_map: {
		start: "meeting_date",
		end: "meeting_date",
		id: "name",
		title: "meeting_title",
	},
	gantt: false,
	filters: [
		{
			fieldtype: "Link",
			fieldname: "residence_branch",
			options: "Party Organization",
			label: __("Residence Branch"),
		},
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
