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
		if (frm.doc.workflow_state === "Received" && (frm.doc.__onload || {}).can_assign) {
			party_residence.set_intro(frm, __("Assign the member to the residence branch where they live."), "blue");
			frm.add_custom_button(__("Assign to Branch"), () => assign_to_branch(frm)).addClass("btn-primary");
		} else {
			party_residence.set_intro(frm, "");
		}
		// last, so that the box takes the colour of the deadline: red once it has passed
		let due = "";
		let overdue = false;
		if (frm.doc.due_date && frm.doc.docstatus === 1) {
			overdue = frappe.datetime.get_day_diff(frm.doc.due_date, frappe.datetime.get_today()) < 0;
			due = overdue
				? __("Overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_date)])
				: __("Due by {0}", [frappe.datetime.str_to_user(frm.doc.due_date)]);
		}
		party_residence.set_intro(frm, due, overdue ? "red" : "blue", "due");
	},
});

// Choose the branch and assign in one step (the workflow's own Assign action, on the server).
function assign_to_branch(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Assign to Branch"),
		fields: [
			{
				fieldname: "residence_address",
				fieldtype: "Small Text",
				label: __("Residence Address"),
				read_only: 1,
				default: frm.doc.residence_address,
			},
			{
				fieldname: "branch",
				fieldtype: "Link",
				options: "Party Organization",
				label: __("Residence Branch"),
				reqd: 1,
				default: frm.doc.residence_branch,
				get_query: () => ({
					filters: {
						side: "Residence",
						organization_type: "Branch",
						parent_party_organization: frm.doc.residence_committee,
					},
				}),
				onchange: () => show_branch_warning(frm, dialog),
			},
			{ fieldname: "warning", fieldtype: "HTML" },
		],
		primary_action_label: __("Assign to Branch"),
		primary_action({ branch }) {
			dialog.hide();
			frappe
				.call({
					method: "party_residence.api.introduction.assign_to_branch",
					// the warning shown here is not repeated after the assignment
					args: { name: frm.doc.name, branch, warned: dialog.warned_for === branch ? 1 : 0 },
					freeze: true,
				})
				.then(() => frm.reload_doc());
		},
	});
	dialog.show();
	show_branch_warning(frm, dialog);
}

// Under the branch picked: whether the member's address names its area (a warning, not a refusal).
function show_branch_warning(frm, dialog) {
	const branch = dialog.get_value("branch");
	const $warning = dialog.fields_dict.warning.$wrapper;
	dialog.warned_for = null;
	$warning.empty();
	if (!branch) return;
	frappe
		.xcall("party_residence.api.introduction.branch_warning", { name: frm.doc.name, branch })
		.then((warning) => {
			if (!warning || dialog.get_value("branch") !== branch) return;
			dialog.warned_for = branch;
			$warning.html(`<div class="alert alert-warning small mb-0">${warning}</div>`);
		});
}
