// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Introduction", {
	setup(frm) {
		frm.set_query("party_member", () => ({
			filters: { liaison_status: ["in", ["Not Introduced", "Moved Away"]] },
		}));
		frm.set_query("residence_committee", () => ({
			filters: { side: "Residence", organization_type: "Committee" },
		}));
		frm.set_query("residence_branch", () => ({
			filters: {
				side: "Residence",
				organization_type: "Branch",
				parent_party_organization: frm.doc.residence_committee,
			},
		}));
	},

	refresh(frm) {
		party_residence.hide_time_zone(frm);
		if (frm.doc.workflow_state === "Received") {
			frm.set_intro(__("Choose the residence branch, save, then assign the member to it."), "blue");
		}
		// last, so that the box takes the colour of the deadline: red once it has passed
		if (frm.doc.due_date && frm.doc.docstatus === 1) {
			const overdue = frappe.datetime.get_day_diff(frm.doc.due_date, frappe.datetime.get_today()) < 0;
			frm.dashboard.set_headline_alert(
				overdue
					? __("Overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_date)])
					: __("Due by {0}", [frappe.datetime.str_to_user(frm.doc.due_date)]),
				overdue ? "red" : "blue"
			);
		}
	},
});
