// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// the step of the procedure, not Frappe's "Submitted", is what a user needs to see
frappe.listview_settings["Violation Notice"] = {
	add_fields: ["workflow_state"],
	has_indicator_for_draft: true,
	has_indicator_for_cancelled: true,
	get_indicator(doc) {
		if (!doc.workflow_state) {
			return;
		}
		const colors = {
			Draft: "gray",
			Sent: "orange",
			Acknowledged: "blue",
			Resolved: "green",
		};
		return [
			__(doc.workflow_state),
			colors[doc.workflow_state] || "gray",
			`workflow_state,=,${doc.workflow_state}`,
		];
	},
};
