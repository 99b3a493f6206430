app_name = "party_residence"
app_title = "Party Residence"
app_publisher = "Party Residence Developers"
app_description = "Liaison of working party members with their place of residence (Regulation 213-QĐ/TW)"
app_email = "developers@party-residence.vn"
app_license = "mit"

# Every controller carries the auto-generated type block.
export_python_type_annotations = True

# Desk
# ----

# list settings and form helpers the app's DocTypes share
app_include_js = "party_residence.bundle.js"

# Printing and website
# --------------------

jinja = {
	"methods": [
		"party_residence.printing.organization",
		"party_residence.printing.member_details",
		"party_residence.printing.upper_organization_name",
		"party_residence.printing.document_number",
		"party_residence.printing.place_and_date",
		"party_residence.printing.verification_url",
		"party_residence.printing.qr_code",
	],
}

website_route_rules = [
	{"from_route": "/verify/<code>", "to_route": "verify"},
]

# members land on their own record and find their forms in the portal menu. v15 keeps a
# `standard_portal_menu_items` entry only when it names a `reference_doctype` (Portal Settings drops
# the others on migrate); `portal_menu_items` are read on every request, filtered by role, and
# their titles go through the translation of the sidebar.
role_home_page = {"Party Member": "my-residence"}

portal_menu_items = [
	{"title": "My Residence Record", "route": "/my-residence", "role": "Party Member"},
	{"title": "Report My Duties", "route": "/member-self-report", "role": "Party Member"},
	{"title": "Report Moving House", "route": "/residence-change", "role": "Party Member"},
]

# Installation
# ------------

after_install = "party_residence.install.after_install"
after_migrate = "party_residence.install.after_migrate"
before_uninstall = "party_residence.install.before_uninstall"

# Testing
# -------

before_tests = "party_residence.tests.before_tests"

# Permissions
# -----------
# The two-sided scope rule (see README, "Who sees what"): a document is visible when ANY of its organization
# links lies in the user's scope. Frappe's own user-permission matching ANDs link fields, so every
# Party Organization link in the app sets `ignore_user_permissions` and the rule below takes over.
# Every DocType of the app that holds data is listed here; a test fails when one is missing.

_scoped_doctypes = (
	"Party Organization",
	"Party Member",
	"Residence Introduction",
	"Residence Introduction Batch",
	"Residence Branch Meeting",
	"Residence Activity",
	"Residence Review Request",
	"Residence Review Campaign",
	"Residence Review",
	"Member Self Report",
	"Residence Change",
	"Violation Notice",
	"Residence Liaison Report",
	"Signing Identity",
	"Signed Document",
)

permission_query_conditions = {
	doctype: "party_residence.permissions.query_conditions" for doctype in _scoped_doctypes
}
has_permission = {doctype: "party_residence.permissions.has_permission" for doctype in _scoped_doctypes}
# the key store and seal of a signing identity are read by the server alone (signatures.py)
has_permission["File"] = "party_residence.signatures.file_permission"

override_whitelisted_methods = {
	"frappe.client.get_count": "party_residence.api.overrides.get_count",
	# a signed document is downloaded and e-mailed as its stored signed PDF (api/signed_pdf.py)
	"frappe.utils.print_format.download_pdf": "party_residence.api.signed_pdf.download_pdf",
	"frappe.core.doctype.communication.email.make": "party_residence.api.signed_pdf.make_communication",
}

standard_queries = {
	"Party Member": "party_residence.queries.party_member_query",
	"Party Organization": "party_residence.queries.party_organization_query",
}

# Party membership is sensitive personal data (see privacy.py): no query on a field the user may
# not read (an auth hook runs once the request's user is known, API keys included), and an Access
# Log for every read of member data Frappe does not log itself
auth_hooks = ["party_residence.privacy.refuse_hidden_field_queries"]
# a malformed document sent to the API gets a clear 417, not a server error (payloads.py)
before_request = ["party_residence.payloads.refuse_malformed_documents"]
after_request = ["party_residence.privacy.log_member_data_reads"]
# portal members' sessions end sooner than officers' (accounts.py)
on_session_creation = ["party_residence.accounts.shorten_member_session"]

doc_events = {
	"User Permission": {
		"after_insert": "party_residence.permissions.clear_scope_cache_for",
		"on_update": "party_residence.permissions.clear_scope_cache_for",
		"on_trash": "party_residence.permissions.clear_scope_cache_for",
	},
}

# Fixtures
# --------
# Shipped records an admin edits in Desk: a record changed on the site is newer than the file and
# is kept on migrate.

fixtures = [
	{"dt": "Notification", "filters": [["module", "=", "Party Residence"]]},
]

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily": ["party_residence.tasks.daily"],
}
