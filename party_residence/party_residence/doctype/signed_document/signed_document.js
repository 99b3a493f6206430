// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Signed Document", {
	refresh(frm) {
		// the kind of document in the user's language, not the DocType's English name
		frm.set_df_property("reference_doctype", "formatter", (value) =>
			value ? frappe.utils.escape_html(__(value)) : "",
		);
		// the register is written by the signing steps; a manager acts on it by revoking only
		frm.disable_save();
		if (frm.doc.signed_pdf) {
			frm.add_custom_button(__("Signed PDF"), () => window.open(frm.doc.signed_pdf));
		}
		if (frm.doc.status !== "Revoked" && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Revoke"), () => {
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					({ reason }) =>
						frm
							.call({ doc: frm.doc, method: "revoke", args: { reason }, freeze: true })
							.then(() => frm.reload_doc()),
					__("Revoke the signed document"),
					__("Revoke"),
				);
			});
		}
	},
});
