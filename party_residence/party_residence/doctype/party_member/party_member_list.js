// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Party Member"] = {
	add_fields: ["liaison_status", "exemption"],
	hide_name_column: true,
	onload(listview) {
		if (!frappe.model.can_create("Residence Introduction Batch")) {
			return;
		}
		listview.page.add_actions_menu_item(__("Introduce to Residence"), () => {
			const members = listview.get_checked_items(true);
			if (!members.length) {
				frappe.msgprint(__("Select the members to introduce."));
				return;
			}
			frappe.confirm(
				__("Send an introduction letter for {0} members to the residence committee on their record?", [
					members.length,
				]),
				() =>
					frappe
						.xcall("party_residence.api.introduction.create_batch", { members })
						.then((batch) => frappe.set_route("Form", "Residence Introduction Batch", batch))
			);
		});
	},
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
