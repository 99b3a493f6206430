// Copyright (c) 2026, Party Residence Developers and contributors
// For license information, please see license.txt

const RUNNING = ["Queued", "Running"];
// how often the form asks for the status while the batch runs, should no real-time message come
// (the real-time server unreachable, a proxy without WebSockets)
const POLL_MS = 5000;

frappe.ui.form.on("Residence Introduction Batch", {
	setup(frm) {
		frm.set_query("workplace_organization", () => ({ filters: { side: "Workplace" } }));
		frm.set_query("party_member", "members", () => ({
			filters: {
				workplace_organization: ["descendants of (inclusive)", frm.doc.workplace_organization],
				liaison_status: ["in", ["Not Introduced", "Moved Away"]],
			},
		}));
	},

	onload(frm) {
		// the job tells the form's document room (which Frappe joins on opening a saved form) each
		// change of status, after its commit: reload to show the results
		frappe.realtime.off("residence_introduction_batch_status");
		frappe.realtime.on("residence_introduction_batch_status", (data) => {
			if (data && data.name === frm.doc.name && data.status !== frm.doc.status && !frm.is_dirty()) {
				frm.reload_doc();
			}
		});
	},

	workplace_organization(frm) {
		show_whole_organization_hint(frm);
	},

	refresh(frm) {
		party_residence.set_intro(frm, "");
		watch_status(frm);
		if (!frm.is_new() && ["Draft", "Completed", "Failed"].includes(frm.doc.status)) {
			const label = frm.doc.status === "Draft" ? __("Introduce") : __("Run Again");
			frm.add_custom_button(label, () => confirm_and_start(frm)).addClass("btn-primary");
		}
		show_whole_organization_hint(frm);
		if (RUNNING.includes(frm.doc.status)) {
			party_residence.set_intro(
				frm,
				frm.doc.status === "Queued"
					? __("Waiting for its turn: the results appear here when it is done.")
					: __("Introducing the members: the results appear here when it is done."),
				"blue"
			);
		}
		if (frm.doc.status === "Completed") {
			party_residence.set_intro(
				frm,
				__("{0} introduced, {1} skipped, {2} with errors.", [
					frm.doc.created_count,
					frm.doc.skipped_count,
					frm.doc.error_count,
				]),
				frm.doc.error_count ? "orange" : "green"
			);
		}
		if (frm.doc.status === "Failed") {
			party_residence.set_intro(frm, __("The batch stopped on an error: run it again."), "red");
		}
	},
});

// While the batch is queued or running, ask for its status now and then; reload when it changes.
function watch_status(frm) {
	clearInterval(frm.__batch_poll);
	if (frm.is_new() || !RUNNING.includes(frm.doc.status)) return;
	const name = frm.doc.name;
	frm.__batch_poll = setInterval(() => {
		if (frm.doc.name !== name || !RUNNING.includes(frm.doc.status)) {
			clearInterval(frm.__batch_poll);
			return;
		}
		if (document.hidden) return;
		frappe.db.get_value(frm.doctype, name, "status").then((r) => {
			const status = r && r.message && r.message.status;
			if (status && status !== frm.doc.status && frm.doc.name === name && !frm.is_dirty()) {
				frm.reload_doc();
			}
		});
	}, POLL_MS);
}

function confirm_and_start(frm) {
	const start = () => frm.call("start").then(() => frm.reload_doc());
	if (frm.is_dirty()) {
		frm.save().then(() => confirm_and_start(frm));
		return;
	}
	frm.call("destinations").then((r) => party_residence.confirm_introduction(r.message, start));
}

// With no member listed, the batch introduces the whole organization: say which one, by its name.
function show_whole_organization_hint(frm) {
	const code = frm.doc.workplace_organization;
	if (frm.doc.status !== "Draft" || (frm.doc.members || []).length) {
		party_residence.set_intro(frm, "", "", "whole_organization");
		return;
	}
	party_residence.set_intro(
		frm,
		__(
			"No members listed: every member of {0} and the organizations under it who is not introduced yet will be introduced to the residence committee on their record.",
			[
				code
					? frappe.utils.escape_html(frappe.utils.get_link_title("Party Organization", code) || code)
					: __("the workplace organization"),
			]
		),
		"blue",
		"whole_organization"
	);
}
