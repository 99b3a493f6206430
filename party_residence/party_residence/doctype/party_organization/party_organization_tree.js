// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.treeview_settings["Party Organization"] = {
	breadcrumb: "Party Residence",
	title: __("Party Organizations"),
	get_tree_root: false,
	root_label: __("All Party Organizations"),
	get_tree_nodes: "frappe.desk.treeview.get_children",
	fields: [
		{ fieldtype: "Data", fieldname: "organization_code", label: __("Organization Code"), reqd: true },
		{ fieldtype: "Data", fieldname: "organization_name", label: __("Organization Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "organization_type",
			label: __("Organization Type"),
			options: ["Committee", "Branch"],
			default: "Committee",
			reqd: true,
		},
		{
			fieldtype: "Select",
			fieldname: "side",
			label: __("Side"),
			options: ["", "Residence", "Workplace"],
		},
	],
	ignore_fields: ["parent_party_organization"],
	onload(treeview) {
		treeview.make_tree();
	},
};
