// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Branch Meeting", {
	setup(frm) {
		frm.set_query("residence_branch", () => ({
			filters: { side: "Residence", organization_type: "Branch" },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.residence_branch) {
			frm.add_custom_button(__("Add the Branch's Members"), () => add_branch_members(frm));
		}
		if (frm.is_new()) {
			frm.set_intro(
				__("Pick the branch: its active members are listed for the meeting, except those exempt from residence activity."),
				"blue"
			);
		}
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.set_intro(
				__("After the meeting, mark each member Present, Excused or Absent, then submit."),
				"blue"
			);
		}
	},

	residence_branch(frm) {
		if (!frm.is_new() || !frm.doc.residence_branch) return;
		// a new meeting lists the members of the branch just picked
		frm.clear_table("attendance");
		add_branch_members(frm);
	},
});

function add_branch_members(frm) {
	return frm.call("load_members").then((r) => {
		if (r.message) {
			frappe.model.sync(r.message);
			frm.refresh_field("attendance");
			frm.dirty();
		}
	});
}

frappe.ui.form.on("Meeting Attendance", {
	attendance_add(frm, cdt, cdn) {
		frappe.model.set_value(cdt, cdn, "attendance", "");
	},
});
