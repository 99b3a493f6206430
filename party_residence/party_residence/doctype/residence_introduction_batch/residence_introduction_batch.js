// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Introduction Batch", {
	setup(frm) {
		frm.set_query("workplace_organization", () => ({ filters: { side: "Workplace" } }));
		frm.set_query("party_member", "members", () => ({
			filters: {
				workplace_organization: ["descendants of (inclusive)", frm.doc.workplace_organization],
				liaison_status: ["in", ["Not Introduced", "Moved Away"]],
			},
		}));
	},

	refresh(frm) {
		if (!frm.is_new() && ["Draft", "Completed", "Failed"].includes(frm.doc.status)) {
			const label = frm.doc.status === "Draft" ? __("Introduce") : __("Run Again");
			frm.add_custom_button(label, () => {
				frm.call("start").then(() => frm.reload_doc());
			}).addClass("btn-primary");
		}
		if (frm.doc.status === "Draft" && !(frm.doc.members || []).length) {
			frm.set_intro(
				__(
					"No members listed: every member of {0} and the organizations under it who is not introduced yet will be introduced to the residence committee on their record.",
					[frm.doc.workplace_organization || __("the workplace organization")]
				),
				"blue"
			);
		}
		if (frm.doc.status === "Completed") {
			frm.set_intro(
				__("{0} introduced, {1} skipped, {2} with errors.", [
					frm.doc.created_count,
					frm.doc.skipped_count,
					frm.doc.error_count,
				]),
				frm.doc.error_count ? "orange" : "green"
			);
		}
	},
});
