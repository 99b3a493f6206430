"""Idempotent set-up, run on install and after every migrate, and the clean-up before uninstall."""

import glob
import json

import frappe
from frappe import _
from frappe.modules.import_file import import_file_by_path
from frappe.utils import cint
from party_residence import roles
from party_residence.integrations import erpnext

SETTINGS = "Party Residence Settings"

# The Module Profile of officers who work in this app alone: their Desk shows its workspace and no
# other (Frappe's Users, Website, Tools, Integrations, Build, and ERPNext's where it is installed)
MODULE_PROFILE = "Đảng viên nơi cư trú"
MODULE = "Party Residence"

# System Settings for the officers' and members' accounts (see ensure_account_security)
MINIMUM_PASSWORD_SCORE = 3
LOGIN_ATTEMPTS = 5
LOCKOUT_SECONDS = 300


# DocType: List View Settings, created only when the site has none (an admin may change them)
LIST_VIEW_SETTINGS = {
	"Party Member": {"total_fields": "5"},
}


# DocType: its print format in the party document layout, unless an admin chose another one
DEFAULT_PRINT_FORMATS = {
	"Residence Introduction": "Giấy giới thiệu",
	"Residence Review Request": "Phiếu xin ý kiến",
	"Residence Review": "Phiếu nhận xét",
	"Residence Liaison Report": "Báo cáo thực hiện Quy định 213",
}

# The review form as used in practice (criteria are data an admin edits; seeded once)
REVIEW_CRITERIA = (
	# name, variant, order, criterion, levels (best first)
	(
		"TC-S1",
		"Standard",
		1,
		"Nêu gương về phẩm chất chính trị, đạo đức, lối sống",
		"Nêu gương tốt\nNêu gương\nChưa nêu gương",
	),
	(
		"TC-S2",
		"Standard",
		2,
		"Thực hiện nghĩa vụ công dân; tuyên truyền, vận động gia đình và nhân dân thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước",
		"Gương mẫu đi đầu\nGương mẫu\nChưa gương mẫu",
	),
	(
		"TC-S3",
		"Standard",
		3,
		"Tham gia sinh hoạt định kỳ, các cuộc họp do cấp ủy triệu tập và họp nhân dân nơi cư trú",
		"Tham gia đầy đủ\nTham gia chưa đầy đủ\nKhông tham gia",
	),
	(
		"TC-S4",
		"Standard",
		4,
		"Giữ mối liên hệ với chi ủy, trưởng thôn, tổ trưởng dân phố, ban công tác mặt trận nơi cư trú",
		"Thường xuyên, tích cực\nThường xuyên\nChưa thường xuyên",
	),
	(
		"TC-S5",
		"Standard",
		5,
		"Tham gia các cuộc vận động, phong trào thi đua ở địa phương",
		"Rất tích cực\nTích cực\nChưa tích cực",
	),
	(
		"TC-E1",
		"Exempt",
		1,
		"Nêu gương về phẩm chất chính trị, đạo đức, lối sống",
		"Nêu gương tốt\nNêu gương\nChưa nêu gương",
	),
	(
		"TC-E2",
		"Exempt",
		2,
		"Thực hiện nghĩa vụ công dân; tuyên truyền, vận động gia đình và nhân dân thực hiện chủ trương, chính sách của Đảng và Nhà nước",
		"Thực hiện tốt\nThực hiện\nChưa thực hiện",
	),
	(
		"TC-E3",
		"Exempt",
		3,
		"Vận động nhân dân góp ý xây dựng Đảng, chính quyền; cùng gia đình tham gia các cuộc vận động, phong trào ở địa phương",
		"Thực hiện tốt\nThực hiện\nChưa thực hiện",
	),
)

# The sectors of workplace organizations (data a manager edits; seeded once): name, the sector name
# forms and reports show, how the yearly report names the sector within a sentence. The names are
# what organizations, members, letters and reviews store.
SECTORS = (
	("Enterprise and Cooperative", "Doanh nghiệp và hợp tác xã", "doanh nghiệp và hợp tác xã"),
	("Public Service Unit", "Đơn vị sự nghiệp công lập", "đơn vị sự nghiệp"),
	("Police", "Công an", "công an"),
	("State Agency", "Cơ quan nhà nước", "cơ quan nhà nước"),
	("Party Agency", "Cơ quan Đảng", "cơ quan Đảng"),
	("Military", "Quân đội", "quân đội"),
	("Other", "Khác", "loại hình khác"),
)

# Workflow State: indicator style; states and actions come from the workflow JSON files
STATE_STYLES = {
	"Pending Approval": "Warning",
	"Approved": "Success",
	"Rejected": "Danger",
	"Answered": "Success",
	"Pending Confirmation": "Warning",
	"Returned for Revision": "Danger",
	"Confirmed": "Primary",
	"Sent": "Primary",
	"Received": "Info",
	"Assigned": "Warning",
	"Acknowledged": "Success",
	"Returned": "Danger",
	"Cancelled": "Inverse",
}


def after_install():
	after_migrate()
	frappe.db.set_single_value("System Settings", "disable_document_sharing", 1)
	ensure_account_security()


def after_migrate():
	"""What the app needs in place, brought up to date on every migrate (each step is idempotent)."""
	ensure_roles()
	ensure_settings()
	ensure_list_view_settings()
	import_workflows()
	ensure_default_print_formats()
	ensure_review_criteria()
	ensure_sectors()
	ensure_website_footer()
	ensure_module_profile()
	ensure_file_index()
	erpnext.ensure_custom_fields()


def before_uninstall():
	"""Remove what the app put outside its own DocTypes: scope records, its roles, and the workflows,
	workflow actions and property setters of its DocTypes (Frappe removes only what has a module)."""
	doctypes = frappe.get_all("DocType", filters={"module": "Party Residence"}, pluck="name")
	for workflow in frappe.get_all("Workflow", filters={"document_type": ("in", doctypes)}, pluck="name"):
		frappe.delete_doc("Workflow", workflow, ignore_permissions=True, force=True)
	frappe.db.delete("Workflow Action", {"reference_doctype": ("in", doctypes)})
	frappe.db.delete("Property Setter", {"doc_type": ("in", doctypes)})
	frappe.db.delete("User Permission", {"allow": "Party Organization"})
	frappe.db.delete("Has Role", {"role": ("in", list(roles.DESK_ACCESS))})
	for role in roles.DESK_ACCESS:
		frappe.delete_doc("Role", role, ignore_permissions=True, force=True, ignore_missing=True)
	frappe.cache.delete_value("party_residence:scope")
	remove_module_profile()
	erpnext.remove_custom_fields()


def ensure_account_security():
	"""Passwords of at least "strong" (zxcvbn score 3), a lockout after a few failed logins, and
	two-factor authentication for the officers' roles once the admin turns it on (System Settings
	-> Enable Two Factor Auth). Only ever made stricter: a stricter choice of the admin stays.
	Uninstalling keeps them: they protect every account of the site, not only the app's."""
	current = frappe.db.get_singles_dict("System Settings")
	attempts = cint(current.allow_consecutive_login_attempts)
	values = {
		"enable_password_policy": 1,
		"minimum_password_score": str(max(cint(current.minimum_password_score), MINIMUM_PASSWORD_SCORE)),
		"allow_consecutive_login_attempts": min(attempts, LOGIN_ATTEMPTS) if attempts else LOGIN_ATTEMPTS,
		"allow_login_after_fail": max(cint(current.allow_login_after_fail), LOCKOUT_SECONDS),
	}
	for key, value in values.items():
		frappe.db.set_single_value("System Settings", key, value)
	for role in roles.STAFF:
		frappe.db.set_value("Role", role, "two_factor_auth", 1)


def ensure_file_index():
	"""Frappe looks up every new File's content among the earlier ones (to share the copy on disk)
	by a column it does not index: each signed letter stores its PDF as a File, and without an
	index that lookup reads the whole File table, a little slower with every letter."""
	frappe.db.add_index("File", ["content_hash"])


def ensure_module_profile():
	"""Block every module but the app's, the modules of apps installed later included (an admin
	gives the profile to the officers who need nothing else; Frappe applies it to their accounts)."""
	from frappe.config import get_modules_from_all_apps

	blocked = sorted({row["module_name"] for row in get_modules_from_all_apps()} - {MODULE})
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		profile = frappe.get_doc("Module Profile", MODULE_PROFILE)
		if sorted(row.module for row in profile.block_modules) == blocked:
			return
	else:
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = MODULE_PROFILE
	profile.set("block_modules", [{"module": module} for module in blocked])
	profile.flags.ignore_permissions = True
	profile.save()


def remove_module_profile():
	"""Users of the profile get their modules back before it goes."""
	users = frappe.get_all("User", filters={"module_profile": MODULE_PROFILE}, pluck="name")
	if users:
		frappe.db.delete("Block Module", {"parenttype": "User", "parent": ("in", users)})
		frappe.db.set_value("User", {"name": ("in", users)}, "module_profile", None)
	frappe.delete_doc(
		"Module Profile", MODULE_PROFILE, ignore_permissions=True, force=True, ignore_missing=True
	)


def ensure_roles():
	"""The app's roles with the right desk access. Syncing the DocTypes creates every role their
	permissions name with desk access, so an existing role is corrected too: a portal member must
	never become a desk user."""
	for role_name, desk_access in roles.DESK_ACCESS.items():
		if not frappe.db.exists("Role", role_name):
			frappe.get_doc({"doctype": "Role", "role_name": role_name, "desk_access": desk_access}).insert(
				ignore_permissions=True
			)
		elif frappe.db.get_value("Role", role_name, "desk_access") != desk_access:
			frappe.db.set_value("Role", role_name, "desk_access", desk_access)
			_refresh_user_types(role_name)


def _refresh_user_types(role_name):
	"""Users holding the role are saved again so that Frappe recomputes System/Website User."""
	for user in frappe.get_all("Has Role", filters={"role": role_name, "parenttype": "User"}, pluck="parent"):
		if user in ("Administrator", "Guest"):
			continue
		doc = frappe.get_doc("User", user)
		doc.flags.ignore_permissions = True
		doc.save()


def ensure_settings():
	"""Fill every empty setting with its default so that deadlines work from the first day."""
	settings = frappe.get_single(SETTINGS)
	changed = False
	for df in settings.meta.fields:
		if df.default and settings.get(df.fieldname) in (None, ""):
			settings.set(df.fieldname, df.default)
			changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()


def ensure_website_footer():
	"""The member's web forms end with the portal's name, not "Built on Frappe" (an administrator's
	own footer text is kept)."""
	if not frappe.db.get_single_value("Website Settings", "footer_powered"):
		language = frappe.db.get_default("lang") or "vi"
		frappe.db.set_single_value("Website Settings", "footer_powered", _("Party Residence", lang=language))


def ensure_list_view_settings():
	for doctype, values in LIST_VIEW_SETTINGS.items():
		if not frappe.db.exists("List View Settings", doctype):
			frappe.get_doc({"doctype": "List View Settings", "name": doctype, **values}).insert(
				ignore_permissions=True
			)


def import_workflows():
	"""Frappe does not sync workflows from app folders: import party_residence/*/workflow/*/*.json.

	A workflow an admin changed in Desk is newer than the file and is kept; a newer file from the
	app replaces it."""
	for path in sorted(glob.glob(frappe.get_app_path("party_residence", "*", "workflow", "*", "*.json"))):
		with open(path) as f:
			workflow = json.load(f)
		for row in workflow.get("states", []):
			ensure_workflow_state(row["state"])
		for row in workflow.get("transitions", []):
			if not frappe.db.exists("Workflow Action Master", row["action"]):
				frappe.get_doc(
					{"doctype": "Workflow Action Master", "workflow_action_name": row["action"]}
				).insert(ignore_permissions=True)
		import_file_by_path(path)
		frappe.clear_cache(doctype=workflow["document_type"])


def ensure_workflow_state(state):
	if not frappe.db.exists("Workflow State", state):
		frappe.get_doc(
			{"doctype": "Workflow State", "workflow_state_name": state, "style": STATE_STYLES.get(state, "")}
		).insert(ignore_permissions=True)


def ensure_default_print_formats():
	for doctype, print_format in DEFAULT_PRINT_FORMATS.items():
		if frappe.get_meta(doctype).default_print_format:
			continue
		frappe.make_property_setter(
			{
				"doctype": doctype,
				"doctype_or_field": "DocType",
				"property": "default_print_format",
				"value": print_format,
			},
			validate_fields_for_doctype=False,
		)


def ensure_review_criteria():
	"""Seed the default review form once; an admin's edits, reordering or deactivations stay."""
	seed(
		"Review Criterion",
		(
			(
				name,
				{
					"criterion": criterion,
					"variant": variant,
					"position": position,
					"rating_options": levels,
					"is_active": 1,
				},
			)
			for name, variant, position, criterion, levels in REVIEW_CRITERIA
		),
	)


def ensure_sectors():
	"""Seed the sectors a workplace organization belongs to; a sector the manager renamed,
	reordered or rephrased keeps the manager's text."""
	seed(
		"Party Sector",
		(
			(name, {"sector_name": sector_name, "report_phrase": phrase, "position": position})
			for position, (name, sector_name, phrase) in enumerate(SECTORS, start=1)
		),
	)


def seed(doctype: str, records) -> None:
	"""Create each (name, values) record that does not exist; existing ones keep their values."""
	for name, values in records:
		if not frappe.db.exists(doctype, name):
			frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True, set_name=name)
