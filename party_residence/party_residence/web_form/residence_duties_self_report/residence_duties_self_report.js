frappe.ready(function () {
	// a new report is for the year a review is asked for and not yet reported on, else the year
	// that is ending (in January, the year just ended): the server knows the member's requests
	const form = frappe.web_form;
	if (form && form.is_new && !form.get_value("review_year")) {
		frappe
			.call({ method: "party_residence.api.portal.self_report_year" })
			.then((r) => r && r.message && !form.get_value("review_year") && form.set_value("review_year", r.message));
	}
});
