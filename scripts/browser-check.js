// A check in a real browser (headless Chromium) of a running site with the demo data: an introduction
// batch's form follows the job from Queued to Completed without being reloaded, once by the real-time
// server's message and once, with /socket.io blocked, by the form's own poll.
//
//   node scripts/browser-check.js URL
//
//   URL              the site, e.g. http://127.0.0.1:8000 (a worker must run: the batch is a job)
//   CHECK_LOGIN      the workplace officer who runs the batch (default the demo's coquan@demo.dangvien.vn)
//   CHECK_PASSWORD   their password (default the demo's)
//   CHROMIUM         the browser (default /usr/bin/chromium)
//
// Needs playwright-core (npm install playwright-core, then NODE_PATH=<that folder>/node_modules).
// The batch lists one member already active at their residence, so it sends no letter: the demo
// data are left as they were, apart from the batch itself.
"use strict";

const { chromium } = require("playwright-core");

const url = (process.argv[2] || "").replace(/\/$/, "");
if (!url || url === "-h" || url === "--help") {
	console.log("usage: node scripts/browser-check.js URL");
	process.exit(2);
}
const login = process.env.CHECK_LOGIN || "coquan@demo.dangvien.vn";
const password = process.env.CHECK_PASSWORD || "CoQuan@Demo2026";
const DONE = ["Completed", "Failed"];
const TIMEOUT_MS = 60000;

async function api(page, method, path, data) {
	const csrf = await page.evaluate(() => (window.frappe && frappe.csrf_token) || "");
	const response = await page.request.fetch(`${url}${path}`, {
		method,
		headers: { "X-Frappe-CSRF-Token": csrf, Accept: "application/json" },
		data,
	});
	if (!response.ok()) {
		throw new Error(`${method} ${path}: ${response.status()} ${(await response.text()).slice(0, 300)}`);
	}
	const body = await response.json();
	return body.message ?? body.data;
}

// a batch of one member already active: it runs through every status and sends nothing
async function makeBatch(page) {
	const filters = JSON.stringify([["liaison_status", "=", "Active"]]);
	const fields = JSON.stringify(["name", "workplace_organization"]);
	const members = await api(
		page,
		"GET",
		`/api/resource/Party Member?filters=${encodeURIComponent(filters)}&fields=${encodeURIComponent(fields)}&limit_page_length=1`
	);
	if (!members.length) throw new Error(`${login} sees no active member to put in a batch`);
	const doc = await api(page, "POST", "/api/method/frappe.client.insert", {
		doc: {
			doctype: "Residence Introduction Batch",
			workplace_organization: members[0].workplace_organization,
			members: [{ party_member: members[0].name }],
		},
	});
	return doc.name;
}

// open the form, start the batch through its button and confirmation, and follow the status shown
async function watch(page, batch) {
	await page.goto(`${url}/app/residence-introduction-batch/${encodeURIComponent(batch)}`);
	await page.waitForFunction((name) => window.cur_frm && cur_frm.doc.name === name, batch);
	await page.evaluate(() => (window.__not_reloaded = true));
	const button = page.locator(".page-actions .btn-primary:visible, .custom-actions .btn-primary:visible");
	await button.first().click();
	const dialog = page.locator(".modal.show .btn-modal-primary:visible").first();
	await dialog.waitFor({ state: "visible" });
	await dialog.click();

	const seen = [];
	const started = Date.now();
	for (;;) {
		const state = await page.evaluate(() => ({
			status: cur_frm.doc.status,
			shown: cur_frm.fields_dict.status.$wrapper.find(".control-value").text().trim(),
			same_page: window.__not_reloaded === true,
		}));
		if (!state.same_page) throw new Error("the page was reloaded");
		if (seen[seen.length - 1] !== state.status) seen.push(state.status);
		if (DONE.includes(state.status)) return { seen, shown: state.shown, seconds: (Date.now() - started) / 1000 };
		if (Date.now() - started > TIMEOUT_MS) {
			throw new Error(`still ${state.status} after ${TIMEOUT_MS / 1000} s (seen: ${seen.join(" -> ")})`);
		}
		await page.waitForTimeout(100);
	}
}

async function run(browser, { blockSocket }) {
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "vi-VN" });
	const page = await context.newPage();
	if (blockSocket) await page.route("**/socket.io/**", (route) => route.abort());
	await page.goto(`${url}/login`);
	const response = await page.request.post(`${url}/api/method/login`, {
		form: { usr: login, pwd: password },
	});
	if (!response.ok()) throw new Error(`${login} cannot sign in: ${response.status()}`);
	await page.goto(`${url}/app`);
	await page.waitForFunction(() => window.frappe && frappe.boot && frappe.csrf_token);
	const batch = await makeBatch(page);
	const result = await watch(page, batch);
	const realtime = await page.evaluate(() => Boolean(frappe.realtime.socket && frappe.realtime.socket.connected));
	await context.close();
	return { batch, realtime, ...result };
}

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu"],
	});
	let failed = 0;
	for (const [label, options] of [
		["real-time message", { blockSocket: false }],
		["poll, /socket.io blocked", { blockSocket: true }],
	]) {
		try {
			const { batch, seen, shown, realtime, seconds } = await run(browser, options);
			const ok = seen[seen.length - 1] === "Completed" && (options.blockSocket ? !realtime : realtime);
			failed += ok ? 0 : 1;
			console.log(
				`${ok ? "ok  " : "FAIL"} ${label}: ${batch} ${seen.join(" -> ")} in ${seconds} s, shown "${shown}", socket ${
					realtime ? "connected" : "not connected"
				}, no reload`
			);
		} catch (error) {
			failed += 1;
			console.log(`FAIL ${label}: ${error.message}`);
		}
	}
	await browser.close();
	console.log(`${2 - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
})();
