// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Violation Notice", {
	setup(frm) {
		frm.set_query("party_member", () => ({ filters: { liaison_status: "Active" } }));
	},

	refresh(frm) {
		party_residence.hide_time_zone(frm);
		if (frm.doc.workflow_state === "Acknowledged") {
			frm.set_intro(__("Record the resolution, save, then resolve the notice."), "blue");
		}
	},
});
