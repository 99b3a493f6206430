frappe.ready(function () {
	// v15 turns a Link field of a web form into a fixed list loaded with the page; the member is
	// offered, as they type, only the organizations the field takes
	const choices = {
		new_residence_committee: "party_residence.api.portal.residence_committees",
		new_workplace_organization: "party_residence.api.portal.workplace_organizations",
	};
	const fields = (frappe.web_form && frappe.web_form.fields_dict) || {};
	Object.entries(choices).forEach(([fieldname, method]) => {
		if (fields[fieldname]) {
			fields[fieldname].get_query = () => ({ query: method });
		}
	});
});
