// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// The form's history ("… changed the value of Branch from … to …") as a user reads the form: a
// committee's or a member's name rather than its code, a choice in the user's language, and
// "(trống)" for an empty value rather than Frappe's "null". Frappe writes these lines from the
// values kept in each Version; for the app's DocTypes those values are made readable before
// Frappe writes the lines. The Versions themselves are untouched.

const MODULE = "Party Residence";
const asked = new Set();

const is_app_form = (frm) => (frappe.get_meta(frm.doctype) || {}).module === MODULE;
const has_title = (doctype) => (frappe.boot.link_title_doctypes || []).includes(doctype);

function readable(doctype, fieldname, value, missing) {
	if (value === null || value === undefined || value === "") {
		return __("(empty)");
	}
	const df = frappe.meta.get_docfield(doctype, fieldname);
	if (!df) {
		return value;
	}
	if (df.fieldtype === "Check") {
		return cint(value) ? __("Yes") : __("No");
	}
	if (df.fieldtype === "Link") {
		if (!has_title(df.options)) {
			return value;
		}
		const title = frappe.utils.get_link_title(df.options, value);
		if (!title) {
			missing.push([df.options, value]);
		}
		return title || value;
	}
	// Frappe keeps dates and numbers already written in the user's format; a choice as stored
	return df.fieldtype === "Select" ? __(value) : value;
}

function readable_version(frm, version, missing) {
	let data;
	try {
		data = JSON.parse(version.data || "{}");
	} catch (e) {
		return version;
	}
	if (data.comment) {
		return version;
	}
	const triple = (doctype) => (change) =>
		change[0] === "docstatus"
			? change
			: [
					change[0],
					readable(doctype, change[0], change[1], missing),
					readable(doctype, change[0], change[2], missing),
			  ];
	(data.changed || []).forEach((change, i) => (data.changed[i] = triple(frm.doctype)(change)));
	(data.row_changed || []).forEach((row) => {
		const table = frappe.meta.get_docfield(frm.doctype, row[0]);
		if (table && Array.isArray(row[3])) {
			row[3] = row[3].map(triple(table.options));
		}
	});
	return Object.assign({}, version, { data: JSON.stringify(data) });
}

function fetch_titles(frm, missing) {
	const wanted = missing.filter(([doctype, name]) => !asked.has(`${doctype}\n${name}`));
	if (!wanted.length) {
		return;
	}
	wanted.forEach(([doctype, name]) => asked.add(`${doctype}\n${name}`));
	Promise.allSettled(wanted.map(([doctype, name]) => frappe.utils.fetch_link_title(doctype, name))).then(
		(results) => {
			if (results.some((result) => result.status === "fulfilled" && result.value) && frm.timeline) {
				frm.timeline.refresh();
			}
		}
	);
}

function make_readable(timeline) {
	const proto = Object.getPrototypeOf(timeline);
	if (proto.__party_residence_readable) {
		return false;
	}
	const frappe_lines = proto.get_version_timeline_contents;
	proto.get_version_timeline_contents = function () {
		if (!this.frm || !this.doc_info || !is_app_form(this.frm)) {
			return frappe_lines.call(this);
		}
		const versions = this.doc_info.versions;
		const missing = [];
		this.doc_info.versions = (versions || []).map((version) =>
			readable_version(this.frm, version, missing)
		);
		try {
			return frappe_lines.call(this);
		} finally {
			this.doc_info.versions = versions;
			fetch_titles(this.frm, missing);
		}
	};
	proto.__party_residence_readable = true;
	return true;
}

$(document).on("form-refresh", (e, frm) => {
	if (frm && frm.timeline && make_readable(frm.timeline) && is_app_form(frm)) {
		frm.timeline.refresh();
	}
});
