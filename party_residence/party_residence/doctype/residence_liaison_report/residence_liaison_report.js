// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Residence Liaison Report", {
	refresh(frm) {
		if (frm.is_new()) {
			frm.set_intro(
				__("Save the report to compute its figures from the records and fill each section with a starting text to edit."),
				"blue"
			);
			return;
		}
		if (frm.perm[0] && frm.perm[0].write && !frm.doc.issued_on) {
			frm.add_custom_button(__("Issue"), () => {
				frappe.confirm(
					__("Issue the report? It is put on record (and signed where the committee signs) and can no longer be changed."),
					() =>
						frm.call({ doc: frm.doc, method: "issue", freeze: true }).then(() => frm.reload_doc())
				);
			});
			frm.add_custom_button(__("Regenerate Figures"), () => {
				frappe.confirm(
					__("Recompute the figures of section II from the records? The text you wrote in the other sections is kept."),
					() =>
						frm.call({ doc: frm.doc, method: "regenerate_figures", freeze: true }).then(() => {
							frm.reload_doc();
							frappe.show_alert({ message: __("Figures regenerated"), indicator: "green" });
						})
				);
			});
		}
		frm.add_custom_button(__("Residence Liaison Summary"), () =>
			frappe.set_route("query-report", "Residence Liaison Summary", {
				organization: frm.doc.residence_committee,
				year: frm.doc.report_year,
			})
		);
	},
});
