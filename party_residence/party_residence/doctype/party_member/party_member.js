// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Party Member", {
	setup(frm) {
		frm.set_query("workplace_organization", () => ({
			filters: { side: "Workplace" },
		}));
		frm.set_query("residence_committee", () => ({
			filters: { side: "Residence", organization_type: "Committee" },
		}));
		frm.set_query("residence_branch", () => {
			const filters = { side: "Residence", organization_type: "Branch" };
			if (frm.doc.residence_committee) {
				filters.parent_party_organization = frm.doc.residence_committee;
			}
			return { filters };
		});
	},

	refresh(frm) {
		frm.set_intro(liaison_intro(frm.doc), liaison_color(frm.doc.liaison_status));
		lock_organizations_out_of_reach(frm);
		const may_close =
			!frm.is_new() &&
			frm.doc.liaison_status !== "Moved Away" &&
			(frappe.user.has_role("Workplace Party Officer") || frappe.user.has_role("Party Residence Manager"));
		if (may_close) {
			frm.add_custom_button(__("Close Residence Record"), () => {
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					({ reason }) =>
						frappe
							.xcall("party_residence.api.member.close_record", { member: frm.doc.name, reason })
							.then(() => frm.reload_doc()),
					__("Close Residence Record"),
					__("Close")
				);
			});
		}
		if (!frm.is_new() && frappe.user.has_role("Party Residence Manager")) {
			// who opened, fetched, printed or exported this member's data (View Log, Access Log)
			frm.add_custom_button(__("Who Read This Record"), () =>
				frappe.set_route("query-report", "Member Record Access", { party_member: frm.doc.name })
			);
		}
	},

	residence_committee(frm) {
		// a branch of another committee no longer fits
		if (frm.doc.residence_branch) {
			frm.set_value("residence_branch", "");
		}
	},

	citizen_id(frm) {
		const digits = (frm.doc.citizen_id || "").replace(/[\s.\-]/g, "");
		if (digits !== frm.doc.citizen_id) {
			frm.set_value("citizen_id", digits);
		}
	},
});

function liaison_intro(doc) {
	if (doc.__islocal) {
		return __(
			"Enter the member's details and where they live. The residence committee and branch are filled in when the introduction is received."
		);
	}
	return __("Liaison status: {0}", [__(doc.liaison_status)]);
}

function liaison_color(status) {
	return (
		{
			"Not Introduced": "orange",
			Introduced: "blue",
			Active: "green",
			Exempt: "gray",
			"Moved Away": "gray",
		}[status] || "blue"
	);
}

// A member's organizations are changed by hand only by the side they belong to (the server refuses
// the rest): the workplace by the workplace officer; the residence by the ward once the liaison has
// started (before, the workplace declares where its member lives), otherwise by the introduction
// and the approved residence change.
function lock_organizations_out_of_reach(frm) {
	if (frm.is_new() || frappe.user.has_role("Party Residence Manager")) return;
	const in_liaison = !["Not Introduced", "Moved Away"].includes(frm.doc.liaison_status);
	const workplace = frappe.user.has_role("Workplace Party Officer");
	const residence = frappe.user.has_role("Residence Committee Officer");
	frm.set_df_property("workplace_organization", "read_only", workplace ? 0 : 1);
	for (const field of ["residence_committee", "residence_branch"]) {
		frm.set_df_property(field, "read_only", residence || (workplace && !in_liaison) ? 0 : 1);
	}
}
