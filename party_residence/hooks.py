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
# the date pickers of the web forms in Vietnamese, and their layout on a phone
web_include_js = "party_residence_web.bundle.js"
web_include_css = "party_residence_web.bundle.css"

# the Employee list's action for workplace officers (only where ERPNext is installed)
doctype_list_js = {"Employee": "public/js/employee_list.js"}

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

# the member's page and its service worker, rendered by the app (portal_pages.py)
page_renderer = [
	"party_residence.portal_pages.MemberPage",
	"party_residence.portal_pages.ServiceWorkerPage",
]

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
# ERPNext and HRMS, when the site has them (integrations/erpnext.py; nothing is imported from them)
after_app_install = "party_residence.integrations.erpnext.after_app_install"
before_app_uninstall = "party_residence.integrations.erpnext.before_app_uninstall"

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

# rows of child tables follow their document in lists (Frappe checks a single row against its document)
_child_tables = (
	"Meeting Attendance",
	"Residence Review Rating",
	"Residence Introduction Batch Member",
	"Residence Review Campaign Summary",
)

# Frappe's own records about the app's records (attachments, tags, follows: compat/documents.py)
_references = ("File", "Tag Link", "Document Follow", "ToDo")

permission_query_conditions = {
	doctype: "party_residence.permissions.query_conditions" for doctype in _scoped_doctypes + _child_tables
} | {doctype: "party_residence.compat.documents.reference_conditions" for doctype in _references}
# a portal account tells that its owner is a party member (permissions.user_query_conditions)
permission_query_conditions["User"] = "party_residence.permissions.user_query_conditions"
has_permission = {doctype: "party_residence.permissions.has_permission" for doctype in _scoped_doctypes} | {
	doctype: "party_residence.compat.documents.reference_permission" for doctype in _references
}
# the key store and seal of a signing identity are read by the server alone (signatures.py);
# Frappe asks the hooks from the last: this one answers first for those files
has_permission["File"] = [has_permission["File"], "party_residence.signatures.file_permission"]

# Frappe endpoints that read records without the scope rule, replaced for the app's DocTypes
# (compat/endpoints.py; Frappe's own for every other DocType)
override_whitelisted_methods = {
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "party_residence.compat.endpoints.get_dashboard_chart",
	"frappe.desk.doctype.number_card.number_card.get_result": "party_residence.compat.endpoints.get_number_card_result",
	"frappe.desk.listview.get_group_by_count": "party_residence.compat.endpoints.get_group_by_count",
	"frappe.desk.search.get_link_title": "party_residence.compat.endpoints.get_link_title",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "party_residence.compat.endpoints.get_submitted_linked_docs",
	"frappe.core.doctype.user_permission.user_permission.get_user_permissions": "party_residence.compat.endpoints.get_user_permissions",
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
auth_hooks = [
	"party_residence.privacy.refuse_hidden_field_queries",
	# Frappe endpoints that would reach the app's records past the scope rule (compat/requests.py)
	"party_residence.compat.requests.guard_request",
	# then a query that names a column the list does not have gets a clear 417 (payloads.py)
	"party_residence.payloads.refuse_unknown_query_fields",
]
# a malformed document or list query sent to the API gets a clear 417, not a server error (payloads.py)
before_request = [
	"party_residence.payloads.refuse_malformed_documents",
	"party_residence.payloads.refuse_malformed_queries",
]
after_request = [
	"party_residence.privacy.log_member_data_reads",
	# no field of a level the user may not read in any answer (compat/responses.py)
	"party_residence.compat.responses.strip_hidden_fields",
]
# portal members' sessions end sooner than officers' (accounts.py)
on_session_creation = ["party_residence.accounts.shorten_member_session"]

boot_session = [
	# the workflow actions that need a written reason, for the reason dialog of the Desk forms
	"party_residence.workflow_reasons.boot_session",
	# the seven duties by their titles, for the activity form (duties.py)
	"party_residence.duties.boot_session",
]

# the member's portal page, kept per member, is made again after these (portal.py)
_PAGE_EVENTS = ("on_update", "on_submit", "on_cancel", "on_update_after_submit", "on_trash")
_FORGET_MEMBER_PAGE = dict.fromkeys(_PAGE_EVENTS, "party_residence.portal.forget_member_page")
_FORGET_ALL_PAGES = "party_residence.portal.forget_all_pages"

doc_events = {
	# no-ops where ERPNext is not installed (integrations/erpnext.py)
	"Employee": {
		"on_update": "party_residence.integrations.erpnext.on_employee_update",
		"on_trash": "party_residence.integrations.erpnext.on_employee_trash",
	},
	"Party Organization": {
		"validate": "party_residence.integrations.erpnext.check_company_link",
		# an organization's name shows on every member's page
		"on_update": _FORGET_ALL_PAGES,
		"on_trash": _FORGET_ALL_PAGES,
	},
	"File": {
		"before_insert": "party_residence.compat.documents.refuse_copying_private_files",
		"before_validate": "party_residence.compat.documents.keep_file_identity",
	},
	"Document Follow": {"before_insert": "party_residence.compat.documents.refuse_following"},
	"User Permission": {
		event: ["party_residence.permissions.clear_scope_cache_for", _FORGET_ALL_PAGES]
		for event in ("after_insert", "on_update", "on_trash")
	},
	# the records a member's page shows
	"Party Member": _FORGET_MEMBER_PAGE,
	"Residence Introduction": _FORGET_MEMBER_PAGE,
	"Residence Review": _FORGET_MEMBER_PAGE,
	"Member Self Report": _FORGET_MEMBER_PAGE,
	"Residence Change": _FORGET_MEMBER_PAGE,
	"Violation Notice": _FORGET_MEMBER_PAGE,
	"Residence Branch Meeting": dict.fromkeys(_PAGE_EVENTS, "party_residence.portal.forget_branch_pages"),
	# the branch secretaries' names and contacts
	"User": {"on_update": _FORGET_ALL_PAGES, "on_trash": _FORGET_ALL_PAGES},
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
