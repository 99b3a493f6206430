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
			frappe
				.xcall("party_residence.api.introduction.preview_batch", { members })
				.then((preview) =>
					party_residence.confirm_introduction(preview, () =>
						frappe
							.xcall("party_residence.api.introduction.create_batch", { members })
							.then((batch) => frappe.set_route("Form", "Residence Introduction Batch", batch))
					)
				);
		});
	},
	refresh(listview) {
		// a member not introduced yet whose letter is written but not sent shows it
		const waiting = listview.data.filter(
			(doc) => ["Not Introduced", "Moved Away"].includes(doc.liaison_status) && !("__draft_letter" in doc)
		);
		if (!waiting.length || !frappe.model.can_read("Residence Introduction")) return;
		waiting.forEach((doc) => (doc.__draft_letter = null));
		frappe.db
			.get_list("Residence Introduction", {
				filters: { party_member: ["in", waiting.map((doc) => doc.name)], workflow_state: "Draft" },
				fields: ["name", "party_member"],
				limit: waiting.length,
			})
			.then((letters) => {
				if (!letters.length) return;
				const drafts = Object.fromEntries(letters.map((letter) => [letter.party_member, letter.name]));
				waiting.forEach((doc) => (doc.__draft_letter = drafts[doc.name] || null));
				listview.render();
			});
	},
	get_indicator(doc) {
		if (doc.__draft_letter) {
			return [__("Letter Not Sent"), "yellow", `liaison_status,=,${doc.liaison_status}`];
		}
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
