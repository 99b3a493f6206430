// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// actions that need a written reason, and the field that keeps it
const REASON_FIELDS = {
	Return: "return_reason",
	Cancel: "cancel_reason",
};

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

	before_workflow_action(frm) {
		const field = REASON_FIELDS[frm.selected_workflow_action];
		if (!field) {
			return;
		}
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			let given = false;
			const dialog = new frappe.ui.Dialog({
				title: __(frm.selected_workflow_action),
				fields: [
					{
						fieldname: "reason",
						fieldtype: "Small Text",
						label: __(frappe.meta.get_label(frm.doctype, field)),
						reqd: 1,
						default: frm.doc[field],
					},
				],
				primary_action_label: __(frm.selected_workflow_action),
				primary_action({ reason }) {
					given = true;
					dialog.hide();
					frappe.dom.freeze();
					frappe
						.xcall("party_residence.api.introduction.set_reason", {
							name: frm.doc.name,
							action: frm.selected_workflow_action,
							reason,
						})
						.then(resolve, (error) => {
							frappe.dom.unfreeze();
							reject(error);
						});
				},
			});
			dialog.onhide = () => {
				if (!given) {
					reject();
				}
			};
			dialog.show();
		});
	},
});
