// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

frappe.query_reports["Review Statistics"] = {
	filters: [
		party_residence.year_filter(__("Review Year")),
		{
			fieldname: "organization",
			label: __("Organization"),
			fieldtype: "Link",
			options: "Party Organization",
		},
	],
	tree: true,
	initial_depth: 1,
	onload(report) {
		// until the first review of this year is confirmed, show the latest year that has
		// confirmed reviews rather than an empty report
		frappe.db
			.get_list("Residence Review", {
				fields: ["review_year"],
				filters: { docstatus: 1 },
				order_by: "review_year desc",
				limit: 1,
			})
			.then((rows) => {
				const latest = rows.length && rows[0].review_year;
				if (latest && latest < report.get_filter_value("year")) {
					report.set_filter_value("year", latest);
				}
			});
		return party_residence.after_link_titles();
	},
};
