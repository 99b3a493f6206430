// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Residence Review Request"] = party_residence.workflow_list_settings({
	Draft: "gray",
	Sent: "blue",
	Answered: "green",
	Cancelled: "darkgrey",
});
