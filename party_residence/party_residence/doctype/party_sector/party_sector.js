// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// frappe.ui.form.on("Party Sector", {
// 	refresh(frm) {

// 	},
// });
