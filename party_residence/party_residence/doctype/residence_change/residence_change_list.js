// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Residence Change"] = party_residence.workflow_list_settings({
	"Pending Approval": "orange",
	Approved: "green",
	Rejected: "red",
});
