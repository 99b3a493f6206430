"""A small, committed world that the integration tests share.

Two provinces; in the first, two wards with residential branches and two workplace committees;
in the second, one ward. Five members live and work across them, and one user per role holds
User Permissions on part of the tree. Everything is created once per site and committed, so the
REST tests (which run in another connection) see it too; tests never change it.
"""

import frappe
from party_residence.install import ensure_sectors

PASSWORD = "Pr-Test-2026!"

ORGANIZATIONS = (
	# code, name, type, side, sector, parent
	("T-CITY", "Thành ủy Thử Nghiệm", "Committee", "", "", None),
	("T-WARD-A", "Đảng ủy phường An Thịnh", "Committee", "Residence", "", "T-CITY"),
	("T-WARD-A-B1", "Chi bộ tổ dân phố số 1", "Branch", "Residence", "", "T-WARD-A"),
	("T-WARD-A-B2", "Chi bộ tổ dân phố số 2", "Branch", "Residence", "", "T-WARD-A"),
	("T-WARD-B", "Đảng ủy phường Bình Minh", "Committee", "Residence", "", "T-CITY"),
	("T-WARD-B-B1", "Chi bộ khu dân cư Bình Minh 1", "Branch", "Residence", "", "T-WARD-B"),
	(
		"T-WP-X",
		"Đảng ủy Công ty Xây dựng số 1",
		"Committee",
		"Workplace",
		"Enterprise and Cooperative",
		"T-CITY",
	),
	("T-WP-X-B1", "Chi bộ Phòng Kỹ thuật", "Branch", "Workplace", "", "T-WP-X"),
	("T-WP-Y", "Đảng ủy Bệnh viện Đa khoa", "Committee", "Workplace", "Public Service Unit", "T-CITY"),
	("T-WP-Y-B1", "Chi bộ Khoa Nội", "Branch", "Workplace", "", "T-WP-Y"),
	("T-OTHER", "Tỉnh ủy Khác", "Committee", "", "", None),
	("T-WARD-C", "Đảng ủy xã Hòa Bình", "Committee", "Residence", "", "T-OTHER"),
	("T-WARD-C-B1", "Chi bộ thôn Đông", "Branch", "Residence", "", "T-WARD-C"),
)

MEMBERS = (
	# key, full name, card, CCCD, workplace, residence committee, residence branch
	("M1", "Nguyễn Văn An", "T-93.000001", "001090000001", "T-WP-X-B1", "T-WARD-A", "T-WARD-A-B1"),
	("M2", "Trần Thị Bình", "T-93.000002", "031190000002", "T-WP-X-B1", "T-WARD-C", "T-WARD-C-B1"),
	("M3", "Lê Văn Cường", "T-93.000003", "030088000003", "T-WP-Y-B1", "T-WARD-A", "T-WARD-A-B2"),
	("M4", "Phạm Thị Dung", "T-93.000004", "030192000004", "T-WP-Y-B1", "T-WARD-B", "T-WARD-B-B1"),
	("M5", "Hoàng Văn Em", "T-93.000005", "030095000005", "T-WP-Y-B1", None, None),
)

USERS = (
	# key, email, role, User Permission on
	("manager", "pr.manager@example.com", "Party Residence Manager", None),
	("workplace", "pr.workplace.x@example.com", "Workplace Party Officer", "T-WP-X"),
	("committee", "pr.committee.a@example.com", "Residence Committee Officer", "T-WARD-A"),
	("secretary", "pr.secretary.a1@example.com", "Residence Branch Secretary", "T-WARD-A-B1"),
	("member", "pr.member.m1@example.com", "Party Member", None),
	("noscope", "pr.noscope@example.com", "Workplace Party Officer", None),
	("member3", "pr.member.m3@example.com", "Party Member", None),
)


def ensure_world() -> frappe._dict:
	"""Create (once) and return the shared world: organization codes, member names, user emails."""
	world = frappe._dict(orgs={code: code for code, *_ in ORGANIZATIONS}, members={}, users={}, tokens={})
	ensure_sectors()  # the records the workplace committees' sectors name
	for code, name, org_type, side, sector, parent in ORGANIZATIONS:
		if not frappe.db.exists("Party Organization", code):
			frappe.get_doc(
				{
					"doctype": "Party Organization",
					"organization_code": code,
					"organization_name": name,
					"organization_type": org_type,
					"side": side,
					"sector": sector,
					"parent_party_organization": parent,
				}
			).insert(ignore_permissions=True)

	for key, full_name, card, cccd, workplace, committee, branch in MEMBERS:
		name = frappe.db.get_value("Party Member", {"party_card_number": card})
		if not name:
			name = (
				frappe.get_doc(
					{
						"doctype": "Party Member",
						"full_name": full_name,
						"gender": "Female" if "Thị" in full_name else "Male",
						"date_of_birth": "1985-05-12",
						"date_joined": "2010-03-26",
						"date_official": "2011-03-26",
						"party_card_number": card,
						"citizen_id": cccd,
						"workplace_organization": workplace,
						"residence_address": "Số 12 phố Thử Nghiệm",
						"residence_committee": committee,
						"residence_branch": branch,
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		world.members[key] = name

	for key, email, role, scope in USERS:
		world.users[key] = email
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": key.title(),
					"send_welcome_email": 0,
					"new_password": PASSWORD,
					"roles": [{"role": role}],
				}
			)
			user.flags.ignore_password_policy = True
			user.insert(ignore_permissions=True)
			user.api_key = frappe.generate_hash(length=15)
			user.api_secret = frappe.generate_hash(length=15)
			user.save(ignore_permissions=True)
			frappe.db.set_value("User", email, "user_type", user.user_type)
			if scope:
				frappe.get_doc(
					{
						"doctype": "User Permission",
						"user": email,
						"allow": "Party Organization",
						"for_value": scope,
						"apply_to_all_doctypes": 1,
					}
				).insert(ignore_permissions=True)
			world.tokens[key] = f"{user.api_key}:{user.get_password('api_secret')}"
		else:
			user = frappe.get_doc("User", email)
			world.tokens[key] = f"{user.api_key}:{user.get_password('api_secret')}"

	frappe.db.set_value("Party Member", world.members["M1"], "user", world.users["member"])
	frappe.db.set_value("Party Member", world.members["M3"], "user", world.users["member3"])
	world.introductions = ensure_introductions(world)
	# the "1" records concern M1 (works in T-WP-X, lives in branch T-WARD-A-B1); the "2" records
	# concern M4 (works in T-WP-Y, lives in branch T-WARD-B-B1): the same kinds of record on the
	# other side of the tree, outside every scoped user's reach but the manager's
	world.batches = {"B1": ensure_batch("T-WP-X"), "B2": ensure_batch("T-WP-Y")}
	world.meetings = {
		"MT1": ensure_meeting(world, "M1", "T-WARD-A-B1"),
		"MT2": ensure_meeting(world, "M4", "T-WARD-B-B1"),
	}
	world.activities = {"A1": ensure_activity(world, "M1"), "A2": ensure_activity(world, "M4")}
	world.requests, world.reviews = {}, {}
	for key, member in (("1", "M1"), ("2", "M4")):
		world.requests[f"R{key}"], world.reviews[f"RV{key}"] = ensure_review(world, member)
	world.campaigns = {"C1": ensure_campaign("T-WP-X"), "C2": ensure_campaign("T-WP-Y")}
	world.self_reports = {"SR1": ensure_self_report(world, "M1"), "SR2": ensure_self_report(world, "M4")}
	world.changes = {
		"CH1": ensure_change(world, "M2", "T-WARD-A"),
		"CH2": ensure_change(world, "M4", "T-WARD-C"),
	}
	world.violations = {"V1": ensure_violation(world, "M1"), "V2": ensure_violation(world, "M4")}
	world.liaison_reports = {
		"LR1": ensure_liaison_report("T-WARD-A"),
		"LR2": ensure_liaison_report("T-WARD-B"),
	}
	world.signing_identities = {
		"SI1": ensure_signing_identity("T-WP-X"),
		"SI2": ensure_signing_identity("T-WP-Y"),
	}
	world.signed_documents = {
		"SD1": ensure_signed_document(world.introductions["I1"], "T-WP-X"),
		"SD2": ensure_signed_document(world.introductions["I4"], "T-WP-Y"),
	}
	frappe.db.commit()
	frappe.clear_cache()
	return world


INTRODUCTIONS = (
	# key, member, residence committee, workflow actions taken
	("I1", "M1", "T-WARD-A", ("Send", "Receive", "branch:T-WARD-A-B1", "Assign to Branch", "Acknowledge")),
	("I2", "M2", "T-WARD-C", ()),
	("I3", "M3", "T-WARD-A", ("Send",)),
	("I4", "M4", "T-WARD-B", ("Send", "Receive", "branch:T-WARD-B-B1", "Assign to Branch", "Acknowledge")),
)


def ensure_introductions(world) -> dict:
	from frappe.model.workflow import apply_workflow

	names = {}
	for key, member_key, committee, actions in INTRODUCTIONS:
		member = world.members[member_key]
		name = frappe.db.get_value("Residence Introduction", {"party_member": member, "docstatus": ("<", 2)})
		# M1 is introduced all the way: Active in branch T-WARD-A-B1
		if not name:
			doc = frappe.get_doc(
				{
					"doctype": "Residence Introduction",
					"party_member": member,
					"residence_committee": committee,
				}
			).insert(ignore_permissions=True)
			for action in actions:
				if action.startswith("branch:"):
					doc.residence_branch = action.removeprefix("branch:")
					doc.save(ignore_permissions=True)
				else:
					doc = apply_workflow(doc, action)
			name = doc.name
		names[key] = name
	return names


def ensure_batch(organization: str) -> str:
	"""A draft introduction batch of a workplace organization (never run)."""
	name = frappe.db.get_value("Residence Introduction Batch", {"workplace_organization": organization})
	if not name:
		name = (
			frappe.get_doc(
				{"doctype": "Residence Introduction Batch", "workplace_organization": organization}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return name


def ensure_meeting(world, member_key: str, branch: str) -> str:
	"""A held (submitted) meeting of `branch` where the member was present."""
	name = frappe.db.get_value("Residence Branch Meeting", {"residence_branch": branch, "docstatus": 1})
	if not name:
		meeting = frappe.get_doc(
			{
				"doctype": "Residence Branch Meeting",
				"residence_branch": branch,
				"meeting_type": "Monthly Branch Meeting",
				"meeting_date": "2026-01-15",
				"attendance": [{"party_member": world.members[member_key], "attendance": "Present"}],
			}
		).insert(ignore_permissions=True)
		meeting.submit()
		name = meeting.name
	return name


def ensure_activity(world, member_key: str) -> str:
	"""The member took part in a people's meeting (duty 4)."""
	name = frappe.db.get_value("Residence Activity", {"party_member": world.members[member_key]})
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "Residence Activity",
					"party_member": world.members[member_key],
					"activity_date": "2026-01-20",
					"duty": "4",
					"description": "Dự họp tổ dân phố, phản ánh ý kiến về vệ sinh môi trường",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return name


def ensure_review(world, member_key: str) -> tuple[str, str]:
	"""A 2025 annual review request for the member (sent) and the branch's draft review answering it."""
	from frappe.model.workflow import apply_workflow

	member = world.members[member_key]
	request = frappe.db.get_value(
		"Residence Review Request", {"party_member": member, "review_year": 2025, "purpose": "Annual Review"}
	)
	if not request:
		doc = frappe.get_doc(
			{
				"doctype": "Residence Review Request",
				"party_member": member,
				"review_year": 2025,
				"purpose": "Annual Review",
			}
		).insert(ignore_permissions=True)
		request = apply_workflow(doc, "Send").name
	review = frappe.db.get_value("Residence Review", {"review_request": request})
	if not review:
		review = (
			frappe.get_doc({"doctype": "Residence Review", "review_request": request})
			.insert(ignore_permissions=True)
			.name
		)
	return request, review


def ensure_campaign(organization: str) -> str:
	"""A draft review campaign of a workplace organization (never run)."""
	name = frappe.db.get_value("Residence Review Campaign", {"workplace_organization": organization})
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "Residence Review Campaign",
					"workplace_organization": organization,
					"review_year": 2025,
					"purpose": "Annual Review",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return name


def ensure_liaison_report(committee: str) -> str:
	"""The committee's yearly report on 2025."""
	filters = {"residence_committee": committee, "report_year": 2025}
	name = frappe.db.get_value("Residence Liaison Report", filters)
	if not name:
		name = (
			frappe.get_doc({"doctype": "Residence Liaison Report", **filters})
			.insert(ignore_permissions=True)
			.name
		)
	return name


def ensure_signing_identity(organization: str) -> str:
	"""An inactive signing identity of the organization, with no key (the signing tests make their own)."""
	filters = {"party_organization": organization, "is_active": 0}
	name = frappe.db.get_value("Signing Identity", filters)
	if not name:
		doc = frappe.get_doc(
			{
				"doctype": "Signing Identity",
				**filters,
				"signing_roles": [{"role": "Workplace Party Officer"}],
			}
		)
		name = doc.insert(ignore_permissions=True).name
	return name


def ensure_signed_document(letter: str, organization: str) -> str:
	"""A register entry of a letter's signed PDF that no longer counts (no file: never served)."""
	from party_residence.owned_fields import set_owned

	filters = {"reference_doctype": "Residence Introduction", "reference_name": letter}
	name = frappe.db.get_value("Signed Document", filters)
	if not name:
		doc = frappe.new_doc("Signed Document")
		set_owned(doc, {**filters, "party_organization": organization, "status": "Superseded"})
		name = doc.insert(ignore_permissions=True).name
	return name


def ensure_self_report(world, member_key: str) -> str:
	"""The member's report on the year 2024."""
	name = frappe.db.get_value(
		"Member Self Report", {"party_member": world.members[member_key], "review_year": 2024}
	)
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "Member Self Report",
					"party_member": world.members[member_key],
					"review_year": 2024,
					"duty_3": "Dự đầy đủ sinh hoạt chi bộ tổ dân phố",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return name


def ensure_change(world, member_key: str, committee: str) -> str:
	"""The member reports moving to `committee`; the workplace has not approved it yet."""
	name = frappe.db.get_value("Residence Change", {"party_member": world.members[member_key]})
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "Residence Change",
					"party_member": world.members[member_key],
					"reason": "Moved",
					"effective_date": "2026-06-01",
					"new_residence_address": "Số 3 phố Thử Nghiệm",
					"new_residence_committee": committee,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return name


def ensure_violation(world, member_key: str) -> str:
	"""A violation of the member the ward has sent to the workplace (not resolved yet)."""
	from frappe.model.workflow import apply_workflow

	name = frappe.db.get_value("Violation Notice", {"party_member": world.members[member_key]})
	if not name:
		doc = frappe.get_doc(
			{
				"doctype": "Violation Notice",
				"party_member": world.members[member_key],
				"occurred_on": "2026-02-01",
				"description": "Vi phạm quy định về trật tự đô thị",
			}
		).insert(ignore_permissions=True)
		name = apply_workflow(doc, "Send").name
	return name


def make_scoped_user(email: str, role: str, *organizations: str) -> str:
	"""A user with one role and User Permissions on `organizations` (inside the test's transaction)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		)
		user.insert(ignore_permissions=True)
	for organization in organizations:
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": email,
				"allow": "Party Organization",
				"for_value": organization,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
	frappe.clear_cache(user=email)
	return email


def ensure_outgoing_email_account() -> None:
	"""Notifications queue e-mail only when the site has an outgoing account (never sent in tests)."""
	if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Party Residence Test Outbox",
				"email_id": "outbox@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"awaiting_password": 0,
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)


def act(doctype: str, name: str, action: str, user: str):
	"""Apply a workflow action to a document as `user`, like the buttons on the form do."""
	from frappe.model.workflow import apply_workflow

	frappe.set_user(user)
	try:
		return apply_workflow(frappe.get_doc(doctype, name), action)
	finally:
		frappe.set_user("Administrator")
