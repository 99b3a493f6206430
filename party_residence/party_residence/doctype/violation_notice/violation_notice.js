// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Violation Notice", {
	setup(frm) {
		frm.set_query("party_member", () => ({ filters: { liaison_status: "Active" } }));
	},

	refresh(frm) {
		hide_time_zone(frm);
		if (frm.doc.workflow_state === "Acknowledged") {
			frm.set_intro(__("Record the resolution, save, then resolve the notice."), "blue");
		}
	},
});

function hide_time_zone(frm) {
	// the whole procedure runs in one time zone: "Asia/Ho_Chi_Minh" under every time stamp
	// told the user nothing
	const zone = frappe.boot.time_zone ? frappe.boot.time_zone.user : frappe.sys_defaults.time_zone;
	frm.meta.fields
		.filter((field) => field.fieldtype === "Datetime")
		.forEach(({ fieldname }) => {
			const df = frappe.meta.get_docfield(frm.doctype, fieldname, frm.doc.name);
			if (!df || df.hide_timezone) {
				return;
			}
			df.hide_timezone = 1;
			df.description = (df.description || "").replace(`<br>${zone}`, "").replace(zone, "");
			frm.refresh_field(fieldname);
		});
}
