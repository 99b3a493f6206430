// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Residence Introduction"] = party_residence.workflow_list_settings({
	Draft: "gray",
	Sent: "blue",
	Received: "cyan",
	Assigned: "purple",
	Acknowledged: "green",
	Returned: "red",
	Cancelled: "darkgrey",
});
