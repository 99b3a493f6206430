// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Party Organization", {
	setup(frm) {
		frm.set_query("parent_party_organization", () => {
			const filters = { organization_type: "Committee" };
			if (frm.doc.side) {
				filters.side = ["in", [frm.doc.side, ""]];
			}
			return { filters };
		});
	},

	refresh(frm) {
		if (!frm.is_new() && frm.doc.organization_type === "Committee") {
			frm.add_custom_button(__("Organizations under it"), () => {
				frappe.set_route("List", "Party Organization", {
					parent_party_organization: frm.doc.name,
				});
			});
		}
		if (!frm.is_new() && frm.doc.side) {
			frm.add_custom_button(__("Members"), () => {
				const field =
					frm.doc.side === "Workplace"
						? "workplace_organization"
						: frm.doc.organization_type === "Branch"
						? "residence_branch"
						: "residence_committee";
				frappe.set_route("List", "Party Member", {
					[field]: ["descendants of (inclusive)", frm.doc.name],
				});
			});
		}
	},

	organization_type(frm) {
		frm.set_value("is_group", frm.doc.organization_type === "Committee" ? 1 : 0);
	},

	side(frm) {
		if (frm.doc.side !== "Workplace" && frm.doc.sector) {
			frm.set_value("sector", "");
		}
	},
});
