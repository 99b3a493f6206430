// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Party Member"] = {
	add_fields: ["liaison_status", "exemption"],
	hide_name_column: true,
	get_indicator(doc) {
		const colors = {
			"Not Introduced": "orange",
			Introduced: "blue",
			Active: "green",
			Exempt: "gray",
			"Moved Away": "darkgrey",
		};
		return [
			__(doc.liaison_status),
			colors[doc.liaison_status] || "blue",
			`liaison_status,=,${doc.liaison_status}`,
		];
	},
};
