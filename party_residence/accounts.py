"""Officers' and members' accounts: short sessions on the member portal.

Frappe keeps one session length for the whole site (System Settings -> Session Expiry, 170 hours
by default, counted from the last request). A portal member opens the site now and then, often
on a shared or family device, so their session ends sooner: after MEMBER_SESSION_EXPIRY without
a request, or the site's length when that is shorter. Frappe checks each session against the
length stored in it, so the login hook below stores the shorter one.
"""

import frappe
from frappe.sessions import get_expiry_in_seconds
from party_residence import roles

# a portal member's session ends after this long without a request (HH:MM:SS)
MEMBER_SESSION_EXPIRY = "02:00:00"


def shorten_member_session(login_manager) -> None:
	"""on_session_creation hook: a portal member's session lasts MEMBER_SESSION_EXPIRY at most."""
	if login_manager.user_type != "Website User" or roles.MEMBER not in frappe.get_roles(login_manager.user):
		return
	session = getattr(frappe.local, "session_obj", None)
	if not session or session.sid == "Guest":
		return
	if get_expiry_in_seconds(session.data.data.session_expiry) <= get_expiry_in_seconds(
		MEMBER_SESSION_EXPIRY
	):
		return
	session.data.data.session_expiry = MEMBER_SESSION_EXPIRY
	session.update(force=True)
