// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Review", {
	onload(frm) {
		set_rating_options(frm);
	},

	refresh(frm) {
		party_residence.hide_time_zone(frm);
		// the rows are the criteria of the form; a row without a criterion means nothing
		frm.set_df_property("ratings", "cannot_add_rows", 1);
		set_rating_options(frm);
		if (frm.doc.review_request) {
			frm.add_custom_button(__("Review Request"), () =>
				frappe.set_route("Form", "Residence Review Request", frm.doc.review_request)
			);
		}
		if (frm.doc.party_member && frm.doc.review_year) {
			// the member's own report of the year, read beside the review
			frappe.db
				.get_value(
					"Member Self Report",
					{ party_member: frm.doc.party_member, review_year: frm.doc.review_year },
					"name"
				)
				.then(({ message }) => {
					if (message && message.name) {
						frm.add_custom_button(__("Member's Self-Report"), () =>
							frappe.set_route("Form", "Member Self Report", message.name)
						);
					}
				});
		}
		if (frm.doc.docstatus === 0 && frm.doc.party_member) {
			frm.set_intro(
				__("{0}: {1} of {2} branch meetings attended in {3}.", [
					frm.doc.member_name,
					frm.doc.meetings_attended || 0,
					frm.doc.meetings_total || 0,
					frm.doc.review_year,
				]),
				"blue"
			);
		}
		if (frm.doc.workflow_state === "Returned for Revision" && frm.doc.return_reason) {
			// the reason sits at the foot of the form; the secretary needs it first
			frm.dashboard.set_headline_alert(
				__("Returned by the residence committee for revision: {0}", [
					frappe.utils.escape_html(frm.doc.return_reason),
				]),
				"red"
			);
		}
	},
});

function set_rating_options(frm) {
	// each row offers only the three levels of its own criterion
	(frm.doc.ratings || []).forEach((row) => {
		const df = frappe.meta.get_docfield("Residence Review Rating", "rating", row.name);
		df.options = [""].concat((row.rating_options || "").split("\n").filter(Boolean));
	});
	frm.refresh_field("ratings");
}
