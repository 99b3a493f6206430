// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Residence Review"] = party_residence.workflow_list_settings({
	Draft: "gray",
	"Pending Confirmation": "orange",
	"Returned for Revision": "red",
	Confirmed: "blue",
	Received: "green",
	Cancelled: "darkgrey",
});
