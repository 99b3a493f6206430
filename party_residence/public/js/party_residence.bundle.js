// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

// Pieces the app's list views, forms and reports share, loaded once with the Desk (hooks.app_include_js).

import "./datepicker_vi.js";
import "./form_history.js";
import "./list_group_by.js";

frappe.provide("party_residence");

// List view settings that show the step of the procedure (in `colors`' colour), not Frappe's
// "Submitted", which is what a user needs to see.
party_residence.workflow_list_settings = (colors) => ({
	add_fields: ["workflow_state"],
	has_indicator_for_draft: true,
	has_indicator_for_cancelled: true,
	get_indicator(doc) {
		if (!doc.workflow_state) {
			return;
		}
		return [
			__(doc.workflow_state),
			colors[doc.workflow_state] || "gray",
			`workflow_state,=,${doc.workflow_state}`,
		];
	},
});

// The whole procedure runs in one time zone: "Asia/Ho_Chi_Minh" under every time stamp told the
// user nothing.
party_residence.hide_time_zone = (frm) => {
	const zone = frappe.boot.time_zone ? frappe.boot.time_zone.user : frappe.sys_defaults.time_zone;
	frm.meta.fields
		.filter((field) => field.fieldtype === "Datetime")
		.forEach(({ fieldname }) => {
			const df = frappe.meta.get_docfield(frm.doctype, fieldname, frm.doc.name);
			if (!df || df.hide_timezone) {
				return;
			}
			df.hide_timezone = 1;
			df.description = (df.description || "").replace(`<br>${zone}`, "").replace(zone, "");
			frm.refresh_field(fieldname);
		});
};

// Workflow actions that need a written reason (workflow_reasons.py, sent with the boot): the form
// asks for it in a dialog, and one server call checks the action, keeps the reason and takes the
// action, so that nothing is kept when the action is refused.
party_residence.ask_reason = (frm) => {
	const action = frm.selected_workflow_action;
	const field = ((frappe.boot.party_residence_reason_fields || {})[frm.doctype] || {})[action];
	if (!field) {
		return;
	}
	frappe.dom.unfreeze();
	return new Promise((resolve, reject) => {
		let given = false;
		const dialog = new frappe.ui.Dialog({
			title: __(action),
			fields: [
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __(frappe.meta.get_label(frm.doctype, field)),
					reqd: 1,
				},
			],
			primary_action_label: __(action),
			primary_action({ reason }) {
				given = true;
				dialog.hide();
				frappe.dom.freeze();
				frappe
					.xcall("party_residence.api.workflow.apply_with_reason", {
						doctype: frm.doctype,
						name: frm.doc.name,
						action,
						reason,
					})
					.then((doc) => {
						frappe.model.sync(doc);
						frm.refresh();
						frm.selected_workflow_action = null;
						frm.script_manager.trigger("after_workflow_action");
					})
					.finally(() => frappe.dom.unfreeze());
				// the action is taken: Frappe's own call must not run it a second time
				reject();
			},
		});
		dialog.onhide = () => !given && reject();
		dialog.show();
	});
};

Object.keys(frappe.boot.party_residence_reason_fields || {}).forEach((doctype) => {
	frappe.ui.form.on(doctype, { before_workflow_action: party_residence.ask_reason });
});

// Before introducing members (the batch form, the member list): where each one is sent, counted
// by receiving residence committee, and who is left out and why. `on_yes` starts the batch.
party_residence.confirm_introduction = (preview, on_yes) => {
	const esc = frappe.utils.escape_html;
	const person = (row) =>
		`${esc(row.member_name || row.party_member)} <span class="text-muted">(${esc(row.party_member)})</span>`;
	const going = (preview.committees || [])
		.map(
			(committee) => `
			<details class="mb-2">
				<summary><b>${esc(committee.committee_name || committee.committee)}</b>:
					${__("{0} members", [committee.count])}</summary>
				<ul class="mt-1">${committee.members.map((row) => `<li>${person(row)}</li>`).join("")}</ul>
			</details>`
		)
		.join("");
	const left_out = (preview.left_out || [])
		.map((row) => `<li>${person(row)}: ${esc(row.message || __(row.result))}</li>`)
		.join("");
	const sent = (preview.committees || []).reduce((sum, committee) => sum + committee.count, 0);
	const dialog = new frappe.ui.Dialog({
		title: __("Introduce to the place of residence"),
		size: "large",
		fields: [{ fieldtype: "HTML", fieldname: "preview" }],
		// with no letter to send the batch still records who is left out and why
		primary_action_label: sent ? __("Send {0} letters", [sent]) : __("Start the Batch"),
		primary_action() {
			dialog.hide();
			on_yes();
		},
	});
	dialog.fields_dict.preview.$wrapper.html(`
		<p>${
			sent
				? __("An introduction letter goes to the residence committee on each member's record:")
				: __("No letter would be sent.")
		}</p>
		${going}
		${
			left_out
				? `<p class="mt-3">${__("Left out ({0}):", [preview.left_out.length])}</p>
					<ul style="max-height: 12rem; overflow-y: auto">${left_out}</ul>`
				: ""
		}`);
	dialog.show();
};

// A form's hint above its fields, replacing the one set before under the same `key`: Frappe's
// set_intro adds a block on each call, so a form refreshed after saving showed its hint twice.
party_residence.set_intro = (frm, text, color, key = "intro") => {
	frm.__party_residence_hints = frm.__party_residence_hints || {};
	if (frm.__party_residence_hints[key]) {
		frm.__party_residence_hints[key].remove();
		delete frm.__party_residence_hints[key];
	}
	if (!text) return;
	frm.set_intro(text, color);
	frm.__party_residence_hints[key] = frm.layout.message.children().last();
};

// A report opened from another page with its filters set (a form's button) shows a linked record by
// its title, looked up after the filter is set; until the title is in, the filter reads as empty and
// the report's first run would leave it out. A report's \`onload\` returns this to run once it is in.
party_residence.after_link_titles = () => frappe.after_ajax();

// The filter of a report counted by calendar year: this year unless another is chosen.
party_residence.year_filter = (label = __("Year")) => ({
	fieldname: "year",
	label,
	fieldtype: "Int",
	default: new Date().getFullYear(),
	reqd: 1,
});

// The options of a Select filter whose stored values are shown by their labels: `choices` maps each
// value to its label (translated at the call, where the message extractor finds it), in the order
// offered.
party_residence.select_options = (choices) =>
	Object.entries(choices).map(([value, label]) => ({ value, label }));
