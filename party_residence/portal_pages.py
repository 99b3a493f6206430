"""The member portal's service worker, served at the site's root so that it may look after
/my-residence (a worker looks after the paths under its own): the member's own page stays
readable without a connection. Nothing else is cached, and the page clears it on logout
(templates/member_base.html)."""

from frappe.website.page_renderers.base_renderer import BaseRenderer

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
