// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// what a secretary needs to know of a meeting: still to come, held but attendance not yet
// recorded, or recorded (Frappe's own "Draft" and "Submitted" say neither)
frappe.listview_settings["Residence Branch Meeting"] = {
	add_fields: ["meeting_date", "docstatus"],
	hide_name_column: true,
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (doc.docstatus === 1) {
			return [__("Attendance Recorded"), "green", "docstatus,=,1"];
		}
		if (doc.docstatus === 0) {
			if (doc.meeting_date >= frappe.datetime.get_today()) {
				return [__("Planned"), "blue", `docstatus,=,0|meeting_date,>=,${frappe.datetime.get_today()}`];
			}
			return [
				__("Attendance Not Recorded"),
				"orange",
				`docstatus,=,0|meeting_date,<,${frappe.datetime.get_today()}`,
			];
		}
	},
};
