// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.views.calendar["Residence Branch Meeting"] = {
	// the events come with their time of day already joined to the date
	field_map: {
		start: "start",
		end: "end",
		id: "name",
		title: "title",
		allDay: "all_day",
		editable: "movable",
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
	// a meeting already held (attendance recorded) in green, a planned one in blue
	get_css_class(event) {
		return event.docstatus === 1 ? "success" : "default";
	},
	get_events_method: "party_residence.api.meeting.get_calendar_events",
};
