"""The member portal's pages, rendered straight from the app's templates (hooks.page_renderer):
the member's record and menu, without the website's context, bundles and scripts.

- `/my-residence`: the member's own record (portal.overview), in templates/member_base.html.
- `/my-residence-sw.js`: the service worker, served at the site's root so that it may look after
  /my-residence (a worker looks after the paths under its own): the member's own page stays
  readable without a connection. Nothing else is cached, and the page clears it on logout.
"""

import frappe
from frappe import _
from frappe.website.page_renderers.base_renderer import BaseRenderer
from frappe.website.utils import get_portal_sidebar_items
from party_residence.portal import overview

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


def render_page() -> str:
	return frappe.render_template(PAGE_TEMPLATE, page_context())


def page_context() -> frappe._dict:
	return frappe._dict(
		title=_("My Residence Record"),
		lang=frappe.local.lang,
		path=PAGE_ROUTE,
		sidebar_items=get_portal_sidebar_items(),
		record=overview(),
	)
