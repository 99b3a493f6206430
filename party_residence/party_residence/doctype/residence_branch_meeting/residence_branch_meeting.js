// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// what each kind of meeting is, shown under the type
const MEETING_TYPE_HINTS = {
	"Monthly Branch Meeting": () =>
		__("The branch's regular meeting, held every month with the members living in the area."),
	"Meeting with Working Members": () =>
		__("The meeting with the members who work elsewhere and live in the area, held every six months."),
	"People's Meeting": () =>
		__("The residents' meeting of the neighbourhood, which the members living there attend."),
	Other: () => __("Any other meeting of the branch: say what it is for in the agenda."),
};

frappe.ui.form.on("Residence Branch Meeting", {
	setup(frm) {
		frm.set_query("residence_branch", () => ({
			filters: { side: "Residence", organization_type: "Branch" },
		}));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.residence_branch) {
			// a secretary of one branch need not pick it
			frappe.xcall("party_residence.api.meeting.default_branch").then((branch) => {
				if (branch && frm.is_new() && !frm.doc.residence_branch) {
					frm.set_value("residence_branch", branch).then(() => {
						// the new form had put the cursor in the field: no list of branches to pick from
						const field = frm.fields_dict.residence_branch;
						field.awesomplete && field.awesomplete.close();
						field.$input && field.$input.blur();
					});
				}
			});
		}
	},

	refresh(frm) {
		show_meeting_type_hint(frm);
		if (frm.doc.docstatus === 0 && frm.doc.residence_branch) {
			frm.add_custom_button(__("Add the Branch's Members"), () => add_branch_members(frm));
		}
		if (frm.doc.docstatus === 0 && (frm.doc.attendance || []).length) {
			frm.add_custom_button(__("Everyone Present"), () => mark_everyone_present(frm));
		}
		if (frm.is_new()) {
			party_residence.set_intro(
				frm,
				__("Pick the branch: its active members are listed for the meeting, except those exempt from residence activity."),
				"blue"
			);
		} else if (frm.doc.docstatus === 0) {
			party_residence.set_intro(
				frm,
				__("After the meeting, mark each member Present, Excused or Absent, then submit."),
				"blue"
			);
		} else {
			party_residence.set_intro(frm, "");
		}
	},

	meeting_type(frm) {
		show_meeting_type_hint(frm);
	},

	residence_branch(frm) {
		if (!frm.is_new() || !frm.doc.residence_branch) return;
		// a new meeting lists the members of the branch just picked
		frm.clear_table("attendance");
		add_branch_members(frm);
	},
});

function show_meeting_type_hint(frm) {
	const hint = MEETING_TYPE_HINTS[frm.doc.meeting_type];
	frm.set_df_property("meeting_type", "description", hint ? hint() : "");
}

function add_branch_members(frm) {
	return frm.call("load_members").then((r) => {
		if (r.message) {
			frappe.model.sync(r.message);
			// the member column shows names, as it does once the meeting is saved
			(frm.doc.attendance || []).forEach((row) => {
				if (row.party_member && row.member_name) {
					frappe.utils.add_link_title("Party Member", row.party_member, row.member_name);
				}
			});
			frm.refresh_field("attendance");
			frm.dirty();
			frm.refresh();
		}
	});
}

function mark_everyone_present(frm) {
	// rows already marked otherwise (excused, absent) are kept: only the unmarked ones change
	let changed = 0;
	(frm.doc.attendance || []).forEach((row) => {
		if (!row.attendance) {
			frappe.model.set_value(row.doctype, row.name, "attendance", "Present");
			changed += 1;
		}
	});
	frm.refresh_field("attendance");
	frappe.show_alert(
		changed
			? { message: __("{0} members marked present.", [changed]), indicator: "green" }
			: { message: __("Every member is already marked."), indicator: "blue" }
	);
}

frappe.ui.form.on("Meeting Attendance", {
	attendance_add(frm, cdt, cdn) {
		frappe.model.set_value(cdt, cdn, "attendance", "");
	},
});
