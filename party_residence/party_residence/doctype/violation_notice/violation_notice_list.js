// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Violation Notice"] = party_residence.workflow_list_settings({
	Draft: "gray",
	Sent: "orange",
	Acknowledged: "blue",
	Resolved: "green",
});
