// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Change", {
	setup(frm) {
		frm.set_query("new_residence_committee", () => ({
			filters: { side: "Residence", organization_type: "Committee" },
		}));
		frm.set_query("new_workplace_organization", () => ({ filters: { side: "Workplace" } }));
	},
});
