// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Activity", {
	setup(frm) {
		frm.set_query("party_member", () => ({
			filters: { liaison_status: "Active" },
		}));
		// the duty is chosen by its title: a bare "1" to "7" means nothing without the regulation
		const duties = frappe.boot.party_residence_duties || {};
		frm.set_df_property(
			"duty",
			"options",
			Object.keys(duties).map((value) => ({ value, label: `${value}. ${duties[value]}` }))
		);
	},
});
