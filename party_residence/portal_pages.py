"""The member portal's pages, rendered straight from the app's templates (hooks.page_renderer):
the member's record and menu, without the website's context, bundles and scripts.

- `/my-residence`: the member's own record (portal.overview), in templates/member_base.html.
- `/my-residence-sw.js`: the service worker, served at the site's root so that it may look after
  /my-residence (a worker looks after the paths under its own): the member's own page stays
  readable without a connection. Nothing else is cached, and the page clears it on logout.
"""

from jinja2 import BytecodeCache

import frappe
from frappe import _
from frappe.website.page_renderers.base_renderer import BaseRenderer
from frappe.website.utils import get_portal_sidebar_items
from party_residence.portal import cached_overview

PAGE_ROUTE = "my-residence"
PAGE_TEMPLATE = "party_residence/templates/pages/my_residence_page.html"

ROUTE = "my-residence-sw.js"
# the cache the worker keeps the member's page in; the page deletes it on logout
CACHE = "member-page"
PAGES = ("/my-residence",)

SCRIPT = f"""// the member's own page, kept for reading without a connection (network first)
const CACHE = "{CACHE}";
const PAGES = {list(PAGES)!r};
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {{
	const url = new URL(event.request.url);
	if (event.request.method !== "GET" || url.origin !== self.location.origin || !PAGES.includes(url.pathname)) {{
		return;
	}}
	event.respondWith(
		fetch(event.request)
			.then((response) => {{
				// a signed-out visit is sent to the login page: nothing of it is kept
				if (response.ok && !response.redirected) {{
					const copy = response.clone();
					caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
				}}
				return response;
			}})
			.catch(() =>
				caches.open(CACHE).then((cache) => cache.match(url.pathname)).then((kept) => kept || Response.error())
			)
	);
}});
"""


class ServiceWorkerPage(BaseRenderer):
	def can_render(self):
		return self.path == ROUTE

	def render(self):
		return self.build_response(SCRIPT, headers={"Cache-Control": "no-cache"})


class MemberPage(BaseRenderer):
	def can_render(self):
		return self.path == PAGE_ROUTE

	def render(self):
		if frappe.session.user == "Guest":
			return self.build_response(
				"",
				302,
				{"Location": f"/login?redirect-to=/{PAGE_ROUTE}", "Cache-Control": "no-store"},
			)
		# the member's own data: never kept by a shared cache (the service worker keeps its copy)
		return self.build_response(render_page(), headers={"Cache-Control": "private, no-store"})


class CompiledTemplates(BytecodeCache):
	"""The page's templates compiled once per worker. Frappe makes a new Jinja environment for each
	request, so without this every visit compiled the page and its base template again (about
	two thirds of a request's time). Only the compiled code is kept; it is checked against the
	template's source on every use, and each request renders with its own environment and globals."""

	def __init__(self):
		self.compiled: dict[str, bytes] = {}

	def load_bytecode(self, bucket) -> None:
		if code := self.compiled.get(bucket.key):
			bucket.bytecode_from_string(code)

	def dump_bytecode(self, bucket) -> None:
		self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def render_page() -> str:
	environment = frappe.get_jenv()
	environment.bytecode_cache = COMPILED
	return environment.get_template(PAGE_TEMPLATE).render(page_context())


def page_context() -> frappe._dict:
	record = cached_overview()
	return frappe._dict(
		title=_("My Residence Record"),
		lang=frappe.local.lang,
		path=PAGE_ROUTE,
		sidebar_items=get_portal_sidebar_items(),
		record=record,
		# when the record was read: the page may be a copy kept since then
		updated_at=record and record.updated_at,
	)
