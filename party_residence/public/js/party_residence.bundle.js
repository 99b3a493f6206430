// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// Pieces the app's list views and forms share, loaded once with the Desk (hooks.app_include_js).

frappe.provide("party_residence");

// List view settings that show the step of the procedure (in `colors`' colour), not Frappe's
// "Submitted", which is what a user needs to see.
party_residence.workflow_list_settings = (colors) => ({
	add_fields: ["workflow_state"],
	has_indicator_for_draft: true,
	has_indicator_for_cancelled: true,
	get_indicator(doc) {
		if (!doc.workflow_state) {
			return;
		}
		return [
			__(doc.workflow_state),
			colors[doc.workflow_state] || "gray",
			`workflow_state,=,${doc.workflow_state}`,
		];
	},
});

// The whole procedure runs in one time zone: "Asia/Ho_Chi_Minh" under every time stamp told the
// user nothing.
party_residence.hide_time_zone = (frm) => {
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
};
