frappe.ready(function () {
	// the form is built by the time this runs; a new report is for the year that is ending,
	// or in January for the year just ended
	const form = frappe.web_form;
	if (form && form.is_new && !form.get_value("review_year")) {
		const now = new Date();
		form.set_value("review_year", now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear());
	}
});
