// The Employee list's action for workplace officers (ERPNext installed): create or update the
// Party Members of the chosen employees (party_residence/integrations/erpnext.py).
frappe.listview_settings["Employee"] = frappe.listview_settings["Employee"] || {};

(function (settings) {
	const onload = settings.onload;
	settings.onload = function (listview) {
		if (onload) onload.apply(this, arguments);
		// only those who may create members see the action: to others the list says nothing of party
		if (!frappe.model.can_create("Party Member")) return;
		listview.page.add_actions_menu_item(__("Create Party Members"), () => choose(listview), false);
	};

	function choose(listview) {
		const chosen = listview.get_checked_items();
		if (!chosen.length) {
			frappe.msgprint(__("Choose the employees first."));
			return;
		}
		const dialog = new frappe.ui.Dialog({
			title: __("Create Party Members"),
			size: "large",
			fields: [
				{
					fieldtype: "HTML",
					options: `<p class="text-muted">${__(
						"Name, gender, date of birth, phone, e-mail and address come from the employee record. A member who exists already is brought up to date; the date joined is needed for a new member only."
					)}</p>`,
				},
				{
					fieldname: "rows",
					fieldtype: "Table",
					cannot_add_rows: true,
					in_place_edit: true,
					data: chosen.map((row) => ({
						employee: row.name,
						employee_name: row.employee_name,
					})),
					fields: [
						{
							fieldname: "employee",
							label: __("Employee"),
							fieldtype: "Data",
							read_only: 1,
							in_list_view: 1,
						},
						{
							fieldname: "employee_name",
							label: __("Full Name"),
							fieldtype: "Data",
							read_only: 1,
							in_list_view: 1,
						},
						{
							fieldname: "date_joined",
							label: __("Date Joined"),
							fieldtype: "Date",
							in_list_view: 1,
						},
					],
				},
			],
			primary_action_label: __("Create Party Members"),
			primary_action(values) {
				const rows = values.rows || [];
				const dates = {};
				rows.forEach((row) => {
					if (row.date_joined) dates[row.employee] = row.date_joined;
				});
				frappe.call({
					method: "party_residence.integrations.erpnext.create_members",
					args: { employees: rows.map((row) => row.employee), dates_joined: dates },
					freeze: true,
					callback(r) {
						dialog.hide();
						show_result(r.message || {});
						listview.refresh();
					},
				});
			},
		});
		dialog.show();
	}

	function show_result(result) {
		const links = (names) =>
			names
				.map((name) => `<a href="/app/party-member/${encodeURIComponent(name)}">${frappe.utils.escape_html(name)}</a>`)
				.join(", ");
		const lines = [];
		if (result.created && result.created.length)
			lines.push(__("Created: {0}", [links(result.created)]));
		if (result.updated && result.updated.length)
			lines.push(__("Brought up to date: {0}", [links(result.updated)]));
		(result.refused || []).forEach((row) =>
			lines.push(
				__("Not done for {0}: {1}", [
					frappe.utils.escape_html(row.employee),
					frappe.utils.escape_html(row.reason),
				])
			)
		);
		frappe.msgprint({ title: __("Party Members"), message: lines.join("<br>") || __("Nothing to do.") });
	}
})(frappe.listview_settings["Employee"]);
