// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Review Request", {
	setup(frm) {
		frm.set_query("party_member", () => ({ filters: { liaison_status: "Active" } }));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.doc.review_year) {
			frm.set_value("review_year", new Date().getFullYear());
		}
		const can_write_review =
			frm.doc.workflow_state === "Sent" &&
			!frm.doc.residence_review &&
			frappe.model.can_create("Residence Review");
		if (can_write_review) {
			frm.add_custom_button(__("Write Review"), () => {
				frappe
					.xcall("party_residence.api.review.make_review", { request: frm.doc.name })
					.then((review) => {
						frappe.model.sync(review);
						frappe.set_route("Form", "Residence Review", review.name);
					});
			}).addClass("btn-primary");
		}
		if (frm.doc.residence_review) {
			frm.add_custom_button(__("Open Review"), () =>
				frappe.set_route("Form", "Residence Review", frm.doc.residence_review)
			);
		}
		if (frm.doc.due_date && frm.doc.workflow_state === "Sent") {
			frm.dashboard.set_headline_alert(
				__("Answer due by {0}", [frappe.datetime.str_to_user(frm.doc.due_date)]),
				frappe.datetime.get_day_diff(frm.doc.due_date, frappe.datetime.get_today()) < 0 ? "red" : "blue"
			);
		}
	},
});
