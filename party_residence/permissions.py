"""The scope rule: who may see and change which records of the app.

- A staff user's scope is the set of Party Organizations named in their User Permission records,
  each with its whole subtree (unless the record hides descendants).
- A record is in scope when ANY of its links to Party Organization is in scope: a ward officer
  sees the members who live in the ward, a workplace officer those who work there. A record with
  no such link follows its Party Member.
- Party Residence Managers (and Administrator) see everything.
- A portal member (role Party Member) sees only their own records.
- Anyone else, and a staff user without any User Permission, sees nothing.

Frappe's own user-permission matching ANDs link fields, so every Party Organization link in the
app sets `ignore_user_permissions` and this module supplies the rule on both paths Frappe has:
`query_conditions` (lists, counts, reports, exports, link search) and `has_permission` (a single
document: form, REST, print). Both are built from the same field lists, and a test checks that
they agree.
"""

from __future__ import annotations

import frappe
from frappe.query_builder import Criterion, DocType
from party_residence import IN_LIST_CHUNK, roles

ORGANIZATION = "Party Organization"
MEMBER = "Party Member"
SCOPE_CACHE_KEY = "party_residence:scope"

NOTHING = "1=0"

# A new document whose links are filled from the document it answers is in scope when that one is
SOURCE_LINKS = {
	"Residence Review": ("review_request", "Residence Review Request"),
}

# What a portal member files about themself: a new one is theirs whatever member the request
# names, because its controller sets the member from the login (residence_changes.own_member_only)
SELF_SERVICE = frozenset({"Member Self Report", "Residence Change"})

# DocTypes of the app that hold no one's data (no link to a member or an organization): every
# role that may read them reads all of them, so they are not scoped.
MASTER_DATA = frozenset({"Review Criterion", "Party Sector"})

# Links that give access only once the document has left its author (docstatus > 0): a draft
# introduction is not yet the residence committee's business.
AFTER_SUBMIT_LINKS = {
	"Residence Introduction": ("residence_committee", "residence_branch"),
	"Residence Review Request": ("residence_committee", "residence_branch"),
	# the branch writes the review; the workplace sees it once the ward has confirmed it
	"Residence Review": ("workplace_organization",),
	# the new ward learns of the member once the change is approved
	"Residence Change": ("new_residence_committee",),
	# the workplace hears of a violation once the committee sends the notice
	"Violation Notice": ("workplace_organization",),
}

# A member's residence as the workplace declares it before the liaison starts (or after it ended):
# set by hand then, wherever it is; in liaison, moved by the steps of the procedure only
DECLARED_RESIDENCE = frozenset({"residence_committee", "residence_branch"})
NOT_IN_LIAISON = frozenset({"Not Introduced", "Moved Away"})

# A member sees their own records of these kinds only in these states
OWN_VISIBLE_STATES = {
	"Violation Notice": ("Resolved",),
}


# Who is the user ---------------------------------------------------------------------------------


def is_unrestricted(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or roles.MANAGER in frappe.get_roles(user)


def is_staff(user: str | None = None) -> bool:
	return bool(roles.SCOPED_OFFICERS.intersection(frappe.get_roles(user or frappe.session.user)))


def get_scope(user: str | None = None) -> frozenset[str]:
	"""Names of the Party Organizations the user's User Permissions cover, subtrees included."""
	user = user or frappe.session.user
	names = frappe.cache.hget(SCOPE_CACHE_KEY, user)
	if names is None:
		names = sorted(_load_scope(user))
		frappe.cache.hset(SCOPE_CACHE_KEY, user, names)
	return frozenset(names)


def _load_scope(user: str) -> set[str]:
	permission = DocType("User Permission")
	org = DocType(ORGANIZATION)
	roots = (
		frappe.qb.from_(permission)
		.join(org)
		.on(org.name == permission.for_value)
		.select(org.name, org.lft, org.rgt, permission.hide_descendants)
		.where((permission.user == user) & (permission.allow == ORGANIZATION))
	).run(as_dict=True)

	names = {root.name for root in roots}
	subtrees = [(org.lft > root.lft) & (org.rgt < root.rgt) for root in roots if not root.hide_descendants]
	if subtrees:
		names.update(frappe.qb.from_(org).select(org.name).where(Criterion.any(subtrees)).run(pluck=True))
	return names


def get_own_member(user: str | None = None) -> str | None:
	"""The Party Member record linked to a portal user."""
	user = user or frappe.session.user
	if user in ("Guest", "Administrator"):
		return None
	return frappe.db.get_value(MEMBER, {"user": user}, "name", cache=True)


def clear_scope_cache(*args, **kwargs) -> None:
	"""Forget every user's scope (the organization tree changed).

	Frappe's own cache of user permissions lists the descendants of each permitted organization
	too, so it goes as well."""

	def clear():
		frappe.cache.delete_value(SCOPE_CACHE_KEY)
		frappe.cache.delete_value("user_permissions")

	clear()
	frappe.db.after_rollback.add(clear)


def clear_scope_cache_for(doc, method=None) -> None:
	"""doc_events hook of User Permission: forget that user's scope."""
	if doc.allow != ORGANIZATION:
		return
	frappe.cache.hdel(SCOPE_CACHE_KEY, doc.user)
	frappe.db.after_rollback.add(lambda: frappe.cache.hdel(SCOPE_CACHE_KEY, doc.user))


# Which fields carry the scope --------------------------------------------------------------------


def organization_fields(doctype: str) -> list[str]:
	"""Link fields of `doctype` that point at Party Organization (the tree's own name for itself)."""
	if doctype == ORGANIZATION:
		return ["name"]
	return [df.fieldname for df in frappe.get_meta(doctype).get_link_fields() if df.options == ORGANIZATION]


def member_field(doctype: str) -> str | None:
	if doctype == MEMBER:
		return "name"
	for df in frappe.get_meta(doctype).get_link_fields():
		if df.options == MEMBER:
			return df.fieldname
	return None


# List path -------------------------------------------------------------------------------------


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook: a SQL condition for lists, counts, reports and exports."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return ""
	if parent := parent_doctype(doctype):
		# a row of a child table is visible with the document it belongs to
		condition = query_conditions(user, parent)
		rows = f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent, percent=False)}"
		if condition:
			rows += f" and `tab{doctype}`.`parent` in (select `name` from `tab{parent}` where {condition})"
		return f"({rows})"

	parts = []
	if is_staff(user):
		if scope := get_scope(user):
			parts.append(_scope_condition(doctype, scope))
	if roles.MEMBER in frappe.get_roles(user):
		if own := _own_condition(doctype, user):
			parts.append(own)

	if not parts:
		return NOTHING
	return "(" + " or ".join(parts) + ")"


def _in_list(table: str, field: str, values) -> str:
	escaped = ", ".join(frappe.db.escape(value, percent=False) for value in sorted(values))
	return f"`tab{table}`.`{field}` in ({escaped})"


def _scope_condition(doctype: str, scope: frozenset[str]) -> str:
	if fields := organization_fields(doctype):
		after_submit = AFTER_SUBMIT_LINKS.get(doctype, ())
		parts = [
			f"(`tab{doctype}`.`docstatus` > 0 and {_in_list(doctype, field, scope)})"
			if field in after_submit
			else _in_list(doctype, field, scope)
			for field in fields
		]
		return "(" + " or ".join(parts) + ")"
	if field := member_field(doctype):
		members = _scope_condition(MEMBER, scope)
		return f"`tab{doctype}`.`{field}` in (select `name` from `tab{MEMBER}` where {members})"
	return NOTHING


def user_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook of User (ANDed with Frappe's own): a portal account is a
	party member's, so the accounts of members are listed (the assignment picker, link searches, a
	list of users with their roles) only to whom the member's record is in reach: a manager, the
	officers whose scope holds the member, the member themself."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return ""
	members = f"select `parent` from `tabHas Role` where `parenttype` = 'User' and `role` = {frappe.db.escape(roles.MEMBER, percent=False)}"
	visible = [f"`tabUser`.`name` = {frappe.db.escape(user, percent=False)}"]
	if is_staff(user) and (scope := get_scope(user)):
		visible.append(
			f"`tabUser`.`name` in (select `user` from `tab{MEMBER}` where `user` is not null and "
			f"{_scope_condition(MEMBER, scope)})"
		)
	return f"(`tabUser`.`name` not in ({members}) or {' or '.join(visible)})"


def _own_condition(doctype: str, user: str) -> str | None:
	field = member_field(doctype)
	if not field:
		return None
	if doctype == MEMBER:
		return f"`tab{MEMBER}`.`user` = {frappe.db.escape(user, percent=False)}"
	condition = (
		f"`tab{doctype}`.`{field}` in (select `name` from `tab{MEMBER}` "
		f"where `user` = {frappe.db.escape(user, percent=False)})"
	)
	if frappe.get_meta(doctype).is_submittable:
		# a member sees the documents about them once they are issued, never the drafts
		condition = f"(`tab{doctype}`.`docstatus` > 0 and {condition})"
	if states := OWN_VISIBLE_STATES.get(doctype):
		allowed = ", ".join(frappe.db.escape(state, percent=False) for state in states)
		condition = f"(`tab{doctype}`.`workflow_state` in ({allowed}) and {condition})"
	return condition


# Single-document path --------------------------------------------------------------------------


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission hook: may `user` reach this document at all? (Roles decide what they may do.)

	A document that is stored must be within reach both as it is stored and as it is in hand:
	nobody moves a record into their scope, or out of it, and a document sent whole by a client
	(the desk's save, a print preview, run_doc_method) is not taken at its word."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return None
	if not reaches(doc, user):
		return False
	stored = stored_links(doc) if doc.name else None
	if stored is not None and not reaches(stored, user):
		return False
	return sources_reached(doc, stored, user) and member_moved_within_reach(doc, stored, user)


def member_moved_within_reach(doc, stored, user: str) -> bool:
	"""A member's organization changed by hand is one the user reaches, before and after: a ward
	officer does not move a member to another workplace, nor a workplace officer an introduced member
	to another ward (the residence of a member in liaison is moved by the steps of the procedure:
	the introduction and the approved residence change). Before the liaison starts, the workplace
	declares where its member lives, wherever that is."""
	if stored is None or doc.doctype != MEMBER:
		return True
	scope = get_scope(user)
	for field in organization_fields(MEMBER):
		before, after = stored.get(field), doc.get(field)
		if before == after:
			continue
		declared = (
			field in DECLARED_RESIDENCE
			and stored.get("liaison_status") in NOT_IN_LIAISON
			and stored.get("workplace_organization") in scope
		)
		if not declared and any(value and value not in scope for value in (before, after)):
			return False
	return True


def sources_reached(doc, stored, user: str) -> bool:
	"""Where the document in hand names a member or another document anew (it is new, or the link
	changed), the user reaches that record too. The server fills a document's organizations, names
	and addresses from the member and the document it answers: naming one's own organization in a
	request must not open another's member to it."""
	for field, doctype in source_links(doc.doctype):
		value = doc.get(field)
		if not value or (stored is not None and stored.get(field) == value):
			continue
		if doctype == MEMBER and doc.is_new() and doc.doctype in SELF_SERVICE and not is_staff(user):
			continue  # a portal member files it about themself: the controller sets their own member
		record = stored_record(doctype, value)
		# a record that does not exist opens nothing: the link check says it is missing
		if record is not None and not reaches(record, user):
			return False
	return True


def source_links(doctype: str) -> list[tuple[str, str]]:
	"""The links of `doctype` to the guarded records other than organizations (members and
	documents), as (field, DocType). A document names organizations outside its author's scope as a
	matter of course (the ward a letter goes to); it is made from members and documents."""
	from party_residence.metas import per_meta

	def build(meta):
		guarded = set(scoped_doctypes()) - {ORGANIZATION}
		return [(df.fieldname, df.options) for df in meta.get_link_fields() if df.options in guarded]

	return per_meta("source_links", doctype, build)


def reaches(doc, user: str) -> bool:
	"""Is `doc` within the user's scope, or (a portal member) their own?"""
	if is_staff(user) and is_in_scope(doc, get_scope(user)):
		return True
	return roles.MEMBER in frappe.get_roles(user) and is_own(doc, user)


def stored_links(doc):
	"""The document as stored, as far as the scope rule reads it; None when it is not stored."""
	return stored_record(doc.doctype, doc.name)


def stored_record(doctype: str, name: str):
	"""The stored values of a record that the scope rule reads; None when there is no such record."""
	meta = frappe.get_meta(doctype)
	fields = {"docstatus", *organization_fields(doctype), *(field for field, _d in source_links(doctype))}
	if field := member_field(doctype):
		fields.add(field)
	if doctype == MEMBER:
		fields.update(("user", "liaison_status"))
	if meta.has_field("workflow_state"):
		fields.add("workflow_state")
	fields.discard("name")
	if not isinstance(name, str | int):
		return None
	row = frappe.db.get_value(doctype, name, sorted(fields), as_dict=True)
	return StoredDocument(doctype, row.pop("name", name), row) if row else None


class StoredDocument(frappe._dict):
	"""The stored values of a document that the scope rule reads, answering as a document does."""

	def __init__(self, doctype: str, name: str, values: dict):
		super().__init__(values, doctype=doctype, name=name)
		self.meta = frappe.get_meta(doctype)

	def is_new(self) -> bool:
		return False


def scoped_doctypes() -> list[str]:
	"""The DocTypes whose documents this rule guards (hooks.py lists them)."""
	hook = "party_residence.permissions.has_permission"
	return [doctype for doctype, hooks in frappe.get_hooks("has_permission").items() if hook in hooks]


def parent_doctype(doctype: str | None) -> str | None:
	"""The guarded DocType whose child table `doctype` is, if it is one. A row is visible with its
	document: Frappe checks a single row against its document, query_conditions() does so in lists."""
	if not doctype or not frappe.get_meta(doctype).istable:
		return None
	for parent in scoped_doctypes():
		if any(df.options == doctype for df in frappe.get_meta(parent).get_table_fields()):
			return parent
	return None


def is_in_scope(doc, scope: frozenset[str]) -> bool:
	if not scope:
		return False
	if doc.doctype == ORGANIZATION:
		# a new organization is in scope through the committee it is created under
		name = doc.parent_party_organization if doc.is_new() else doc.name
		return name in scope
	fields = organization_fields(doc.doctype)
	if doc.docstatus == 0:
		fields = [field for field in fields if field not in AFTER_SUBMIT_LINKS.get(doc.doctype, ())]
	if fields and (any(doc.get(field) for field in fields) or not doc.is_new()):
		return any(doc.get(field) in scope for field in fields)
	# a new document whose links are filled later on: from the document it answers, or its member
	if doc.is_new() and doc.doctype in SOURCE_LINKS:
		field, source_doctype = SOURCE_LINKS[doc.doctype]
		if doc.get(field) and not any(doc.get(f) for f in fields):
			source = frappe.get_doc(source_doctype, doc.get(field))
			return is_in_scope(source, scope)
	if field := member_field(doc.doctype):
		member = doc.get(field)
		if not member:
			return False
		values = frappe.db.get_value(MEMBER, member, organization_fields(MEMBER), as_dict=True) or {}
		return any(value in scope for value in values.values())
	return False


def is_own(doc, user: str) -> bool:
	field = member_field(doc.doctype)
	if not field:
		return False
	if doc.doctype == MEMBER:
		return bool(doc.get("user")) and doc.get("user") == user
	if doc.is_new() and doc.doctype in SELF_SERVICE:
		return bool(get_own_member(user))
	if doc.meta.is_submittable and doc.docstatus == 0 and doc.doctype not in SELF_SERVICE:
		return False
	if (states := OWN_VISIBLE_STATES.get(doc.doctype)) and doc.get("workflow_state") not in states:
		return False
	member = doc.get(field)
	return bool(member) and member == get_own_member(user)


def may_read(doctype: str, name, user: str | None = None) -> bool:
	"""Is `name` (text) a record of `doctype` that exists and that the user may read?"""
	return (
		isinstance(name, str)
		and bool(name)
		and bool(frappe.db.exists(doctype, name))
		and bool(frappe.has_permission(doctype, "read", doc=name, user=user))
	)


def readable_names(doctype: str, names) -> set[str]:
	"""Those of `names` the session user may read, by the list's own permission rules."""
	names = list(dict.fromkeys(name for name in names if name))
	readable = set()
	for start in range(0, len(names), IN_LIST_CHUNK):
		chunk = names[start : start + IN_LIST_CHUNK]
		readable.update(frappe.get_list(doctype, filters={"name": ("in", chunk)}, pluck="name", limit=0))
	return readable


def can_reach_organization(organization: str | None, user: str | None = None) -> bool:
	"""May the user attach records to this organization (it lies in their scope)?"""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return True
	return bool(organization) and organization in get_scope(user)


def users_with_scope_over(organization: str, roles: tuple[str, ...] | list[str]) -> list[str]:
	"""Enabled users with one of `roles` whose scope covers `organization` (the inverse of
	get_scope()), keeping only those closest to it: the officers of the organization itself when
	it has any, else those of the nearest committee above it. They are the ones a step of the
	procedure concerns; officers higher up are told only when a deadline is missed."""
	return users_with_scope_over_each([organization], roles).get(organization, [])


def users_with_scope_over_each(organizations, roles: tuple[str, ...] | list[str]) -> dict[str, list[str]]:
	"""users_with_scope_over() for many organizations in one query, whatever their number (a
	campaign's or a batch's thousands of branches and committees)."""
	names = sorted({name for name in organizations if name})
	if not names:
		return {}
	org = DocType(ORGANIZATION)
	target = DocType(ORGANIZATION).as_("target")
	permission = DocType("User Permission")
	has_role = DocType("Has Role")
	user = DocType("User")
	covering = (org.lft <= target.lft) & (org.rgt >= target.rgt)
	covering_self_or_open = (org.name == target.name) | (permission.hide_descendants == 0)
	rows = (
		frappe.qb.from_(permission)
		.join(org)
		.on(org.name == permission.for_value)
		.join(target)
		.on(covering)
		.join(has_role)
		.on((has_role.parent == permission.user) & (has_role.parenttype == "User"))
		.join(user)
		.on(user.name == permission.user)
		.select(target.name, permission.user, org.lft)
		.distinct()
		.where(
			target.name.isin(names)
			& (permission.allow == ORGANIZATION)
			& covering_self_or_open
			& has_role.role.isin(list(roles))
			& (user.enabled == 1)
		)
	).run()
	closest: dict[str, int] = {}
	for name, _user, lft in rows:
		closest[name] = max(closest.get(name, lft), lft)
	found: dict[str, set[str]] = {name: set() for name in names}
	for name, person, lft in rows:
		if lft == closest[name]:
			found[name].add(person)
	return {name: sorted(people) for name, people in found.items()}
