// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// The list sidebar's groups ("Chi bộ nơi cư trú ▾") name organizations and members by their names:
// Frappe shows the stored codes. The app's count (compat/endpoints.get_group_by_count) sends the
// name as `title`; the group's value, which the filter uses, stays the code.
const GroupBy = frappe.views.ListGroupBy;

if (GroupBy && !GroupBy.prototype.__party_residence_titles) {
	const frappe_item = GroupBy.prototype.get_dropdown_html;
	GroupBy.prototype.get_dropdown_html = function (field, fieldtype, applied = false) {
		const html = frappe_item.call(this, field, fieldtype, applied);
		if (!field.title) {
			return html;
		}
		const $item = $(html);
		$item.find(".group-by-value").text(field.title);
		return $item.prop("outerHTML");
	};
	GroupBy.prototype.__party_residence_titles = true;
}
