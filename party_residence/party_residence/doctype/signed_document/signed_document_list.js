// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Signed Document"] = {
	formatters: {
		// the kind of document in the user's language, not the DocType's English name
		reference_doctype: (value) => (value ? frappe.utils.escape_html(__(value)) : ""),
	},
};
