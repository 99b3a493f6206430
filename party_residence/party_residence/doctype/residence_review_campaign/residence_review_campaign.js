// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Review Campaign", {
	setup(frm) {
		frm.set_query("workplace_organization", () => ({ filters: { side: "Workplace" } }));
	},

	refresh(frm) {
		if (frm.is_new() && !frm.doc.review_year) {
			frm.set_value("review_year", new Date().getFullYear());
		}
		if (!frm.is_new() && ["Draft", "Completed", "Failed"].includes(frm.doc.status)) {
			const label = frm.doc.status === "Draft" ? __("Send Requests") : __("Run Again");
			frm.add_custom_button(label, () => frm.call("start").then(() => frm.reload_doc())).addClass(
				"btn-primary"
			);
		}
		if (frm.doc.status === "Completed") {
			frm.set_intro(
				__("{0} requests sent, {1} members skipped (see below why).", [
					frm.doc.created_count,
					frm.doc.skipped_count,
				]),
				"green"
			);
		}
	},
});
