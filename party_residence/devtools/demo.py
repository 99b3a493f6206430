"""Demo data: a city party committee with two wards, workplace committees in six sectors, about 300
party members with realistic Vietnamese names, one login per role, and the procedure in motion:
introductions at every step, two years of branch meetings, residence activities, and an annual
review campaign whose reviews stand at every step (see "The procedure in motion" below).

	bench --site demo.localhost execute party_residence.devtools.demo.setup_demo

The data are deterministic (seeded random generators, and dates that do not depend on the day of
the run, except for the few members still on probation and what is under way: the letters and
reviews of the last weeks, next month's meeting) and the command is idempotent: records are found
again by their organization code, citizen ID, party card number or e-mail address, the steps of the
procedure by the member, branch and date they concern, and only what is missing is done. Everything
goes through the ORM and the app's workflow actions, so each record passes the app's own
validation. Every person, card number and citizen ID is invented.
"""

from __future__ import annotations

import json
import logging
import random
import unicodedata
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.model.document import Document
from frappe.model.workflow import apply_workflow
from frappe.query_builder import DocType
from frappe.utils import add_months, getdate, today
from party_residence import roles
from party_residence.install import MODULE_PROFILE, ensure_module_profile
from party_residence.working_days import add_working_days

ORGANIZATION = "Party Organization"
MEMBER = "Party Member"
DEMO_DOMAIN = "demo.dangvien.vn"
WORKSPACE = "Party Residence"
# A default set on the sites the demo was made on, so that it runs there again.
DEMO_MARK = "party_residence_demo"

SITE_SETTINGS = {
	"language": "vi",
	"country": "Vietnam",
	"time_zone": "Asia/Ho_Chi_Minh",
	"date_format": "dd/mm/yyyy",
	"time_format": "HH:mm",
	"number_format": "#.###,##",
	"first_day_of_the_week": "Monday",
}

# Organizations ---------------------------------------------------------------------------------
# The city is the one of the ward report the app was built from: since the 2025 reform the wards
# of Hải Dương report directly to the Hải Phòng city committee. Companies, the hospital and the
# college are invented.

CITY = "TU-HP"
OTHER_PROVINCE = "TU-HN"

# code, name, place name on its documents (both are committees above the two sides)
PROVINCES = (
	(CITY, "Thành ủy Hải Phòng", "Hải Phòng"),
	(OTHER_PROVINCE, "Thành ủy Hà Nội", "Hà Nội"),
)

# Who signs the documents of each kind of committee (Giấy giới thiệu, Phiếu xin ý kiến, Phiếu nhận
# xét); the names are drawn, except in the branch of the branch secretary's login, who signs there.
DOCUMENT_FIELDS = ("place_name", "signer_title", "signer_name")
PROVINCE_SIGNER = "Phó Bí thư Thường trực"
WARD_SIGNER = "Phó Bí thư"
WORKPLACE_SIGNER = "Bí thư"
BRANCH_SIGNER = "Bí thư"


def _organizations() -> dict:
	"""The organizations of both sides, from demo_organizations.json beside this file."""
	data = json.loads(Path(__file__).with_name("demo_organizations.json").read_text(encoding="utf-8"))
	for committee in data["workplace_committees"]:
		committee["introduced_on"] = date.fromisoformat(committee["introduced_on"])
	return data


ORGANIZATIONS = _organizations()

# Residence side: ward committees and their residential branches. A ward's parent is one of the
# PROVINCES; a branch is [code, residential area (the branch is named after it), streets of the
# area]. The last ward is in the other province: a member may live in another province than the
# one they work in.
WARDS = ORGANIZATIONS["wards"]
HOME_WARDS = ("DU-P-HD", "DU-P-LTN")
HOME_WARD_WEIGHTS = (55, 45)

# Where members live who are not (yet) attached to a residence committee of the demo.
OTHER_PLACES = (
	"thôn Đông Thượng, xã Gia Lộc, thành phố Hải Phòng",
	"khu dân cư Ngọc Uyên, phường Việt Hòa, thành phố Hải Phòng",
	"phố Tân Dân, phường Tân Hưng, thành phố Hải Phòng",
	"thôn Vạn Tải, xã Nam Sách, thành phố Hải Phòng",
	"khu dân cư Hàm Giang, phường Thạch Khôi, thành phố Hải Phòng",
	"phố Lê Hồng Phong, phường Thành Đông, thành phố Hải Phòng",
)
BARRACKS = "Doanh trại Bộ Chỉ huy Quân sự thành phố, phường Thành Đông, thành phố Hải Phòng"

# Workplace side: committees with their branches ([code, name]), the day of their introductions
# (autumn 2024), how many members each has and what they do.
WORKPLACE_COMMITTEES = ORGANIZATIONS["workplace_committees"]

# Members ---------------------------------------------------------------------------------------

# Family names with their approximate share of the population (in %).
FAMILY_NAMES = {
	"Nguyễn": 38,
	"Trần": 11,
	"Lê": 9.5,
	"Phạm": 7,
	"Hoàng": 4.5,
	"Huỳnh": 0.6,
	"Phan": 4.5,
	"Vũ": 3.9,
	"Võ": 0.6,
	"Đặng": 2.1,
	"Bùi": 2,
	"Đỗ": 1.4,
	"Hồ": 1.3,
	"Ngô": 1.3,
	"Dương": 1,
	"Lý": 0.5,
	"Đinh": 1,
	"Đào": 1,
	"Trịnh": 0.8,
	"Mạc": 0.4,
}
# Middle names and their weights; the traditional Văn and Thị are rarer among the younger.
MIDDLE_NAMES = {
	"Male": {
		"Văn": 45,
		"Đức": 12,
		"Minh": 10,
		"Quang": 7,
		"Hữu": 6,
		"Xuân": 4,
		"Thanh": 4,
		"Tiến": 3,
		"Công": 3,
		"Mạnh": 2,
		"Trung": 2,
		"Duy": 2,
		"Thế": 2,
	},
	"Female": {
		"Thị": 55,
		"Thu": 8,
		"Ngọc": 7,
		"Thanh": 6,
		"Minh": 4,
		"Hồng": 4,
		"Thùy": 4,
		"Phương": 3,
		"Kim": 3,
		"Thị Thu": 3,
		"Thị Thanh": 3,
	},
}
TRADITIONAL_MIDDLE = {"Văn", "Thị"}
GIVEN_NAMES = {
	"Male": (
		"An", "Anh", "Bình", "Cường", "Chiến", "Dũng", "Duy", "Đạt", "Đông", "Giang", "Hải", "Hậu",
		"Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khải", "Khánh", "Khoa", "Kiên", "Lâm", "Long",
		"Lợi", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Quyết", "Sơn", "Tài",
		"Tâm", "Thái", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trung", "Trường", "Tuấn", "Tùng",
		"Vinh", "Việt",
	),
	"Female": (
		"Anh", "Bích", "Châm", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
		"Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "Nga", "Ngân",
		"Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thơm", "Thu", "Thủy", "Trang",
		"Trinh", "Tuyết", "Vân", "Yến",
	),
}  # fmt: skip

# Birth years: members of working age (women retire earlier), most in their thirties and forties.
BIRTH_YEARS = {"Male": (1966, 2000), "Female": (1969, 2000)}
PEAK_BIRTH_YEAR = 1984
JOIN_AGE = (18, 40, 25)  # youngest, oldest, most common age at admission to the Party
PROBATION_SHARE = 0.05  # admitted within the last year, not yet official
PROBATION_BIRTH_YEARS = (1992, 2000)
# The official dates of the other members reach at most this day, so that the data are the same
# whatever the day of the run (the probation period is 12 months).
LAST_OFFICIAL_DATE = date(2025, 12, 31)

# CCCD: 3-digit code of the province of birth registration, with its weight.
CCCD_PROVINCES = {"030": 55, "031": 20, "033": 5, "034": 5, "001": 5, "022": 3, "036": 3, "027": 2, "038": 2}
CCCD_PROVINCES_HANOI = {"001": 60, "030": 25, "034": 10, "036": 5}
# Party cards: the issuing committee's two digits, a dot, six digits (e.g. 30.012345).
PARTY_CARD_PREFIXES = {"30": 70, "31": 30}
MOBILE_PREFIXES = (
	"086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",  # Viettel
	"088", "091", "094", "081", "082", "083", "084", "085",  # Vinaphone
	"089", "090", "093", "070", "076", "077", "078", "079",  # Mobifone
)  # fmt: skip
EMAIL_SHARE = 0.45
TEMPORARY_RESIDENCE_SHARE = 0.07

# Where members live: no residence committee yet, a ward in another province, else a home ward
# (a few already received by the ward but not yet assigned to a branch).
NO_RESIDENCE_SHARE = 0.10
OTHER_PROVINCE_SHARE = 0.04
WARD_ONLY_SHARE = 0.05

EXEMPT_FROM_ACTIVITY = "Exempt from Residence Activity"
EXEMPT_FROM_INTRODUCTION = "Exempt from Introduction"
ACTIVITY_EXEMPTIONS = (
	# work schedules, reason, how many
	(("Frequent Travel", "Mobile"), "Thường xuyên đi công tác dài ngày xa nơi cư trú.", 3),
	(("Regular", "Shift Work"), "Sức khỏe yếu, đang điều trị bệnh dài ngày (có xác nhận của bệnh viện).", 2),
)
EXEMPTIONS_FROM = date(2024, 9, 9)  # granted before the members were introduced (autumn 2024)
INTRODUCTION_EXEMPTION = (
	"Military",
	"Ở tập trung trong doanh trại, không có nơi cư trú ngoài đơn vị.",
	2,
)

# Logins --------------------------------------------------------------------------------------

# e-mail (before the @), password, full name, role, User Permission on (the portal member's name
# is the one of their Party Member record)
DEMO_USERS = (
	("quanly", "QuanLy@Demo2026", "Nguyễn Thị Thanh Hương", roles.MANAGER, None),
	("coquan", "CoQuan@Demo2026", "Trần Văn Hùng", roles.WORKPLACE_OFFICER, "DU-CTY-STB"),
	("phuong", "Phuong@Demo2026", "Lê Thị Mai", roles.COMMITTEE_OFFICER, "DU-P-HD"),
	("chibo", "ChiBo@Demo2026", "Phạm Văn Thắng", roles.BRANCH_SECRETARY, "DU-P-HD-TDP01"),
	("dangvien", "DangVien@Demo2026", None, "Party Member", None),
)
PORTAL_BRANCH = "DU-P-HD-TDP01"


def demo_email(login: str) -> str:
	return f"{login}@{DEMO_DOMAIN}"


# The command -----------------------------------------------------------------------------------


def setup_demo(seed: int = 2026, force: bool = False) -> None:
	"""Create the demo data that are missing, commit, and print a summary with the logins."""
	claim_site(force)
	complete_setup_wizard()
	configure_site()
	created = frappe._dict()
	created.organizations = ensure_organizations(build_organizations(seed))
	members = build_members(seed)
	created.members = ensure_members(members)
	created.users = ensure_users(members)
	created.employees = link_employees()
	# a command, not a request: each finished step is kept when a later one fails
	frappe.db.commit()  # nosemgrep: frappe-manual-commit
	created.procedure = play_procedure(members, seed)
	print(summary(created))


def link_employees() -> int:
	"""With ERPNext on the site: the first enterprise's Company, linked to its workplace committee,
	and an Employee linked to each of its members (integrations/erpnext.py). Nothing without it."""
	if "erpnext" not in frappe.get_installed_apps():
		return 0
	from party_residence.integrations import erpnext

	erpnext.ensure_custom_fields()
	committee = WORKPLACE_COMMITTEES[0]
	company = committee["name"].removeprefix("Đảng ủy ")
	if not frappe.db.exists("Company", company):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": company,
				"abbr": "STB",
				"default_currency": "VND",
				"country": "Vietnam",
				"chart_of_accounts": "Standard",
			}
		).insert(ignore_permissions=True)
	frappe.db.set_value(ORGANIZATION, committee["code"], "erpnext_company", company)
	members = frappe.get_all(
		MEMBER,
		filters={"workplace_organization": ("like", f"{committee['code']}%"), "employee": ("is", "not set")},
		fields=[
			"name",
			"full_name",
			"gender",
			"date_of_birth",
			"date_joined",
			"phone",
			"email",
			"residence_address",
		],
	)
	for member in members:
		employee = frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": member.full_name,
				"gender": member.gender or "Male",
				"date_of_birth": member.date_of_birth,
				"date_of_joining": member.date_joined,
				"company": company,
				"status": "Active",
				"cell_number": member.phone,
				"personal_email": member.email,
				"current_address": member.residence_address,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(MEMBER, member.name, "employee", employee.name, update_modified=False)
	new_hires(company)
	employee_access(demo_email("coquan"), company)
	return len(members)


# party members who joined the company lately, transferred from another workplace: the workplace
# officer turns them into members of the committee with the Employee list's action
NEW_HIRES = (
	("Phạm Thị Thu Trang", "Female", "1990-07-14", "0912 468 135"),
	("Đỗ Minh Khôi", "Male", "1986-02-03", "0987 214 560"),
	("Vũ Ngọc Lan", "Female", "1993-11-22", "0903 775 218"),
)


def new_hires(company: str) -> None:
	for full_name, gender, born, phone in NEW_HIRES:
		if frappe.db.exists("Employee", {"employee_name": full_name, "company": company}):
			continue
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": full_name,
				"gender": gender,
				"date_of_birth": born,
				"date_of_joining": add_months(getdate(), -2),
				"company": company,
				"status": "Active",
				"cell_number": phone,
				"current_address": "Số 18 phố Nguyễn Du, phường Hải Dương",
			}
		).insert(ignore_permissions=True)


def employee_access(user: str, company: str) -> None:
	"""The workplace officer reads the Employees of the company (the HR User role, held to that
	Company by a User Permission), as an enterprise that keeps its staff in HRMS would set it up."""
	if not frappe.db.exists("User", user) or not frappe.db.exists("Role", "HR User"):
		return
	officer = frappe.get_doc("User", user)
	officer.add_roles("HR User")
	if officer.module_profile == MODULE_PROFILE:
		# the officer works in HR too: the profile that shows the app alone does not fit
		officer.module_profile = None
		officer.set("block_modules", [])
		officer.save(ignore_permissions=True)
	permission = {"user": user, "allow": "Company", "for_value": company}
	if not frappe.db.exists("User Permission", permission):
		frappe.get_doc({"doctype": "User Permission", **permission}).insert(ignore_permissions=True)


def claim_site(force: bool) -> None:
	"""The demo adds logins whose passwords are printed for anyone to read, so it runs only on a site
	of its own: one without users or party data, or one it was made on before."""
	if frappe.db.get_default(DEMO_MARK):
		return
	if (held := data_of_its_own()) and not force:
		raise frappe.ValidationError(
			f"{frappe.local.site} already holds {held}. The demo adds logins with published "
			"passwords, so it belongs on a site of its own (bench new-site demo.localhost "
			"--install-app party_residence). To add it here all the same: bench --site "
			f"{frappe.local.site} execute party_residence.devtools.demo.setup_demo --kwargs \"{{'force': True}}\""
		)
	frappe.db.set_default(DEMO_MARK, "1")


def data_of_its_own() -> str | None:
	"""What a site holds that a freshly made one does not: logins of people, or the app's records.
	None for a new site."""
	users = frappe.db.count("User", {"name": ("not in", ("Administrator", "Guest"))})
	if users:
		return f"{users} user account(s)"
	for doctype in (ORGANIZATION, MEMBER):
		if count := frappe.db.count(doctype):
			return f"{count} {doctype} record(s)"
	return None


def complete_setup_wizard() -> None:
	"""A fresh site opens on the setup wizard; finish it the way a Vietnamese admin would."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	args = {
		"language": "English",  # switched to Vietnamese by configure_site()
		"country": "Vietnam",
		"timezone": "Asia/Ho_Chi_Minh",
		"currency": "VND",
	}
	if "erpnext" in frappe.get_installed_apps():
		# ERPNext's steps of the wizard make the enterprise's Company (see link_employees)
		year = date.today().year
		args |= {
			"company_name": WORKPLACE_COMMITTEES[0]["name"].removeprefix("Đảng ủy "),
			"company_abbr": "STB",
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
		}
	setup_complete(args)


def configure_site() -> None:
	settings = frappe.get_doc("System Settings")
	changed = {field: value for field, value in SITE_SETTINGS.items() if settings.get(field) != value}
	if changed:
		settings.update(changed)
		settings.save(ignore_permissions=True)


# Organizations -------------------------------------------------------------------------------


def build_organizations(seed: int) -> list[dict]:
	"""Every organization of the demo, each after its parent."""
	rng = random.Random(f"{seed}-organizations")  # the phones of the branch secretaries
	signers = random.Random(f"{seed}-signers")
	secretaries = {scope: name for _l, _p, name, role, scope in DEMO_USERS if role == roles.BRANCH_SECRETARY}
	rows = [
		_organization(code, name, "Committee", "", None, **signature(signers, place, PROVINCE_SIGNER))
		for code, name, place in PROVINCES
	]
	for ward in WARDS:
		rows.append(
			_organization(
				ward["code"],
				ward["name"],
				"Committee",
				"Residence",
				ward["parent"],
				address=ward["address"],
				phone=ward["phone"],
				**signature(signers, ward["place"], WARD_SIGNER),
			)
		)
		for code, area, streets in ward["branches"]:
			address = f"Nhà văn hóa {lower_first(area)}, {streets[0]}, {ward['locality']}"
			rows.append(
				_organization(
					code,
					f"Chi bộ {lower_first(area)}",
					"Branch",
					"Residence",
					ward["code"],
					residential_area=area,
					address=address,
					phone=mobile_number(rng),
					**signature(signers, ward["place"], BRANCH_SIGNER, secretaries.get(code)),
				)
			)
	for committee in WORKPLACE_COMMITTEES:
		rows.append(
			_organization(
				committee["code"],
				committee["name"],
				"Committee",
				"Workplace",
				CITY,
				sector=committee["sector"],
				address=committee["address"],
				phone=committee["phone"],
				**signature(signers, committee["place"], WORKPLACE_SIGNER),
			)
		)
		rows.extend(
			_organization(code, name, "Branch", "Workplace", committee["code"])
			for code, name in committee["branches"]
		)
	return rows


def signature(rng: random.Random, place: str, title: str, name: str | None = None) -> dict:
	"""Where the organization's documents are dated and who signs them (an invented name, drawn
	even when one is given so that the names of the others stay the same)."""
	gender = "Female" if rng.random() < 0.3 else "Male"
	drawn = vietnamese_name(rng, gender, rng.randint(1964, 1980))
	return {"place_name": place, "signer_title": title, "signer_name": name or drawn}


def lower_first(text: str) -> str:
	"""'Tổ dân phố số 1' as it reads inside a sentence or an address."""
	return text[:1].lower() + text[1:]


def _organization(code, name, organization_type, side, parent, **values) -> dict:
	email = f"{code.lower()}@{DEMO_DOMAIN}" if organization_type == "Committee" else None
	return {
		"doctype": ORGANIZATION,
		"organization_code": code,
		"organization_name": name,
		"organization_type": organization_type,
		"side": side,
		"parent_party_organization": parent,
		"email": email,
		**values,
	}


def ensure_organizations(rows: list[dict]) -> int:
	"""Insert the missing organizations; fill the document details of the others where they are
	still empty (a site made before the demo had them, or an admin cleared them)."""
	existing = {row.name: row for row in frappe.get_all(ORGANIZATION, fields=["name", *DOCUMENT_FIELDS])}
	created = 0
	for row in rows:
		found = existing.get(row["organization_code"])
		if not found:
			frappe.get_doc(row).insert(ignore_permissions=True)
			created += 1
			continue
		missing = {field: row[field] for field in DOCUMENT_FIELDS if row.get(field) and not found.get(field)}
		if "signer_name" in missing:  # the title has a default: it goes with the name
			missing["signer_title"] = row["signer_title"]
		if missing:
			doc = frappe.get_doc(ORGANIZATION, found.name)
			doc.update(missing)
			doc.save(ignore_permissions=True)
	return created


# Members ---------------------------------------------------------------------------------------


class _Unique:
	"""Draws values until one has not been drawn before."""

	def __init__(self):
		self.seen = set()

	def draw(self, make):
		while (value := make()) in self.seen:
			pass
		self.seen.add(value)
		return value


def build_members(seed: int) -> list[dict]:
	"""The demo's party members as documents to insert (nothing is read from the database)."""
	rng = random.Random(seed)
	unique = frappe._dict(citizen_id=_Unique(), card=_Unique(), phone=_Unique(), email=_Unique())
	members = []
	for committee in WORKPLACE_COMMITTEES:
		for _ in range(committee["members"]):
			members.append(make_member(rng, unique, committee))
	mark_exemptions(members)
	members[portal_member_index(members)]["email"] = demo_email("dangvien")
	return members


def make_member(rng: random.Random, unique, committee: dict) -> dict:
	gender = "Female" if rng.random() < committee["female_share"] else "Male"
	on_probation = rng.random() < PROBATION_SHARE
	birth = birth_date(rng, gender, on_probation)
	joined, official = party_dates(rng, birth, on_probation)
	residence = make_residence(rng)
	full_name = vietnamese_name(rng, gender, birth.year)
	in_hanoi = residence["residence_committee"] == "DU-P-CG"
	member = {
		"doctype": MEMBER,
		"full_name": full_name,
		"gender": gender,
		"date_of_birth": birth,
		"date_joined": joined,
		"date_official": official,
		"party_card_number": None if on_probation else unique.card.draw(lambda: party_card_number(rng)),
		"citizen_id": unique.citizen_id.draw(lambda: citizen_id(rng, gender, birth, in_hanoi)),
		"job_title": rng.choice(committee["job_titles"]),
		"work_schedule": weighted_choice(rng, committee["schedules"]),
		"workplace_organization": rng.choice(committee["branches"])[0],
		"phone": unique.phone.draw(lambda: mobile_number(rng)),
		**residence,
	}
	if rng.random() < EMAIL_SHARE:
		member["email"] = unique.email.draw(lambda: personal_email(rng, full_name, birth))
	return member


def weighted_choice(rng: random.Random, weights: dict):
	return rng.choices(list(weights), weights=list(weights.values()))[0]


def vietnamese_name(rng: random.Random, gender: str, birth_year: int) -> str:
	family = weighted_choice(rng, FAMILY_NAMES)
	middle_weights = {
		name: weight * (0.4 if birth_year >= 1988 and name in TRADITIONAL_MIDDLE else 1)
		for name, weight in MIDDLE_NAMES[gender].items()
	}
	middle = weighted_choice(rng, middle_weights)
	given = rng.choice([name for name in GIVEN_NAMES[gender] if name != middle.split()[-1]])
	return f"{family} {middle} {given}"


def birth_date(rng: random.Random, gender: str, on_probation: bool) -> date:
	if on_probation:
		year = rng.randint(*PROBATION_BIRTH_YEARS)
	else:
		first, last = BIRTH_YEARS[gender]
		year = min(last, int(rng.triangular(first, last + 1, PEAK_BIRTH_YEAR)))
	return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def party_dates(rng: random.Random, birth: date, on_probation: bool) -> tuple[date, date | None]:
	"""Admission at 18 to 40 years of age; official membership after the 12 months of probation."""
	if on_probation:
		return getdate(today()) - timedelta(days=rng.randint(20, 330)), None
	youngest, oldest, usual = JOIN_AGE
	last_joined = add_years(LAST_OFFICIAL_DATE, -1)
	oldest = min(oldest, last_joined.year - birth.year - 1)
	age = min(oldest, int(rng.triangular(youngest, oldest + 1, min(usual, oldest))))
	joined = min(add_years(birth, age) + timedelta(days=rng.randrange(1, 365)), last_joined)
	return joined, add_years(joined, 1)


def add_years(day: date, years: int) -> date:
	"""The same day `years` later (28 February for 29 February)."""
	try:
		return day.replace(year=day.year + years)
	except ValueError:
		return day.replace(year=day.year + years, day=28)


def citizen_id(rng: random.Random, gender: str, birth: date, in_hanoi: bool) -> str:
	"""Province of birth registration, century and gender, year of birth, six random digits."""
	province = weighted_choice(rng, CCCD_PROVINCES_HANOI if in_hanoi else CCCD_PROVINCES)
	century_and_gender = (birth.year // 100 - 19) * 2 + (gender == "Female")
	return f"{province}{century_and_gender}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def party_card_number(rng: random.Random) -> str:
	return f"{weighted_choice(rng, PARTY_CARD_PREFIXES)}.{rng.randrange(10**6):06d}"


def mobile_number(rng: random.Random) -> str:
	digits = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
	return f"{digits[:4]} {digits[4:7]} {digits[7:]}"


def ascii_name(text: str) -> str:
	decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
	return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def personal_email(rng: random.Random, full_name: str, birth: date) -> str:
	"""The usual Vietnamese pattern: given name, initials of the others, year of birth."""
	*others, given = ascii_name(full_name).split()
	suffix = f"{birth.year % 100:02d}" if rng.random() < 0.7 else f"{rng.randint(1, 99)}"
	return f"{given}{''.join(word[0] for word in others)}{suffix}@{DEMO_DOMAIN}"


def make_residence(rng: random.Random) -> dict:
	draw = rng.random()
	house = rng.randint(1, 220)
	lane = f" ngõ {rng.randint(2, 120)}" if rng.random() < 0.3 else ""
	residence = {
		"residence_type": "Temporary" if rng.random() < TEMPORARY_RESIDENCE_SHARE else "Permanent",
		"residence_committee": None,
		"residence_branch": None,
	}
	if draw < NO_RESIDENCE_SHARE:
		residence["residence_address"] = f"Số {house}, {rng.choice(OTHER_PLACES)}"
		return residence
	if draw < NO_RESIDENCE_SHARE + OTHER_PROVINCE_SHARE:
		ward = WARDS[-1]
	else:
		code = rng.choices(HOME_WARDS, weights=HOME_WARD_WEIGHTS)[0]
		ward = next(ward for ward in WARDS if ward["code"] == code)
	branch, area, streets = rng.choice(ward["branches"])
	residence["residence_address"] = (
		f"Số {house}{lane} {rng.choice(streets)}, {lower_first(area)}, {ward['locality']}"
	)
	residence["residence_committee"] = ward["code"]
	if ward["code"] == "DU-P-CG" or rng.random() >= WARD_ONLY_SHARE:
		residence["residence_branch"] = branch
	return residence


def mark_exemptions(members: list[dict]) -> None:
	"""A few members exempt from residence activity, spread over the committees, and two soldiers
	living in barracks, exempt from introduction."""
	for schedules, reason, count in ACTIVITY_EXEMPTIONS:
		fitting = [
			member
			for member in members
			if member["work_schedule"] in schedules
			and member["residence_branch"]
			and not member.get("exemption")
		]
		for member in fitting[:: max(1, len(fitting) // count)][:count]:  # spread over the committees
			member.update(
				exemption=EXEMPT_FROM_ACTIVITY, exemption_reason=reason, exemption_from=EXEMPTIONS_FROM
			)

	sector, reason, count = INTRODUCTION_EXEMPTION
	branches = {
		code
		for committee in WORKPLACE_COMMITTEES
		if committee["sector"] == sector
		for code, _name in committee["branches"]
	}
	soldiers = [
		member
		for member in members
		if member["workplace_organization"] in branches and not member.get("exemption")
	]
	for member in soldiers[:count]:
		member.update(
			exemption=EXEMPT_FROM_INTRODUCTION,
			exemption_reason=reason,
			exemption_from=EXEMPTIONS_FROM,
			residence_address=BARRACKS,
			residence_committee=None,
			residence_branch=None,
		)


def portal_member_index(members: list[dict]) -> int:
	"""The member who gets the portal login: an official member living in PORTAL_BRANCH."""
	return next(
		index
		for index, member in enumerate(members)
		if member["residence_branch"] == PORTAL_BRANCH
		and member["date_official"]
		and not member.get("exemption")
	)


def ensure_members(members: list[dict]) -> int:
	existing = existing_members(members)
	created = 0
	for member in members:
		if member["citizen_id"] in existing or member["party_card_number"] in existing:
			continue
		frappe.get_doc(member).insert(ignore_permissions=True)
		created += 1
	return created


def existing_members(members: list[dict]) -> set[str]:
	"""Citizen IDs and party card numbers of the demo that are already on the site."""
	table = DocType(MEMBER)
	citizen_ids = [member["citizen_id"] for member in members]
	cards = [member["party_card_number"] for member in members if member["party_card_number"]]
	rows = (
		frappe.qb.from_(table)
		.select(table.citizen_id, table.party_card_number)
		.where(table.citizen_id.isin(citizen_ids) | table.party_card_number.isin(cards))
	).run()
	return {value for row in rows for value in row if value}


# Logins --------------------------------------------------------------------------------------


def ensure_users(members: list[dict]) -> int:
	portal_member = members[portal_member_index(members)]
	created = 0
	for login, password, full_name, role, scope in DEMO_USERS:
		email = demo_email(login)
		if not frappe.db.exists("User", email):
			insert_user(email, password, full_name or portal_member["full_name"], role)
			created += 1
		if scope:
			ensure_user_permission(email, scope)
		if role != roles.MEMBER:
			show_the_app_alone(email)
	link_portal_user(portal_member["citizen_id"], demo_email("dangvien"))
	return created


def insert_user(email: str, password: str, full_name: str, role: str) -> None:
	desk_user = role != "Party Member"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": full_name,  # Vietnamese names are written and shown in full
			"language": "vi",
			"send_welcome_email": 0,
			"new_password": password,
			"default_workspace": WORKSPACE if desk_user else None,
			"roles": [{"role": role}],
		}
	).insert(ignore_permissions=True)


def show_the_app_alone(email: str) -> None:
	"""An officer who works in the app alone gets its Module Profile: the Desk shows its workspace
	and no other. One who holds roles of other apps keeps what they give."""
	user = frappe.get_doc("User", email)
	own = {*roles.DESK_ACCESS, "All", "Guest", "Desk User"}
	if user.module_profile or not {row.role for row in user.roles} <= own:
		return
	ensure_module_profile()  # a site not migrated since the app was updated has none yet
	user.module_profile = MODULE_PROFILE
	user.save(ignore_permissions=True)


def ensure_user_permission(email: str, organization: str) -> None:
	values = {"user": email, "allow": ORGANIZATION, "for_value": organization}
	if not frappe.db.exists("User Permission", values):
		frappe.get_doc({"doctype": "User Permission", "apply_to_all_doctypes": 1, **values}).insert(
			ignore_permissions=True
		)


def link_portal_user(citizen_id: str, email: str) -> None:
	name = frappe.db.get_value(MEMBER, {"citizen_id": citizen_id})
	if name and not frappe.db.exists(MEMBER, {"user": email}):
		member = frappe.get_doc(MEMBER, name)
		member.user = email
		member.save(ignore_permissions=True)


# The procedure in motion -----------------------------------------------------------------------
#
# On top of the records the demo plays the procedure through with the app's own workflow actions,
# each taken as the demo login of the right role whose scope holds the organization concerned
# (Administrator stands in for the officers of the organizations without a demo login):
#
# - Introductions. In the autumn of 2024 each workplace committee introduced its members (the
#   workplace login's committee with one batch, the others letter by letter); the wards received
#   the letters and chose the branch of each member's area, the branches acknowledged. Members
#   admitted since followed one by one. A dozen letters are under way now, some of them late, two
#   were returned, one is a draft, and a few members are not introduced yet.
# - Branch life. The residential branches of the two wards of the Hải Dương area meet every month
#   (2025, and 2026 up to October), meet their working members each June, and have planned next
#   month's meeting; members record what they did for the seven duties.
# - Reviews. The workplace login's committee asks for the 2025 annual review of its members; the
#   reviews stand at every step. One member exempt from residence activity is reviewed on demand.
#
# The past is played with the procedure's clock set back (the introduction steps read the time from
# party_residence.introductions.now_datetime, patched), so that its dates and due dates are those
# of the past, and quietly: no e-mail, bell notification or workflow to-do is made today for a step
# taken and read long ago. What is under way now sends its messages (see ensure_outbox).

INTRODUCTION = "Residence Introduction"
BATCH = "Residence Introduction Batch"
MEETING = "Residence Branch Meeting"
ACTIVITY = "Residence Activity"
CAMPAIGN = "Residence Review Campaign"
REQUEST = "Residence Review Request"
REVIEW = "Residence Review"
SELF_REPORT = "Member Self Report"
PROCEDURE = (INTRODUCTION, BATCH, MEETING, ACTIVITY, CAMPAIGN, REQUEST, REVIEW, SELF_REPORT)

# The committee of the workplace officer's login: it introduces its members with a batch and runs
# the review campaign, so that the login has letters and reviews of its own to follow.
OWN_COMMITTEE = next(scope for *_login, role, scope in DEMO_USERS if role == roles.WORKPLACE_OFFICER)
COMMITTEE_OF = {
	code: committee["code"] for committee in WORKPLACE_COMMITTEES for code, _n in committee["branches"]
}

OUTBOX = "Hộp thư demo"

# Introductions

INTRODUCTION_STATES = ("Draft", "Sent", "Received", "Assigned", "Acknowledged", "Returned", "Cancelled")
OPEN_STATES = ("Sent", "Received", "Assigned")
# workflow action -> the state it leads to, and the side that takes it
STEP_STATE = {
	"Send": "Sent",
	"Receive": "Received",
	"Assign to Branch": "Assigned",
	"Acknowledge": "Acknowledged",
	"Return": "Returned",
}
STEP_ROLE = {
	"Send": roles.WORKPLACE_OFFICER,
	"Receive": roles.COMMITTEE_OFFICER,
	"Assign to Branch": roles.COMMITTEE_OFFICER,
	"Return": roles.COMMITTEE_OFFICER,
	"Acknowledge": roles.BRANCH_SECRETARY,
}
BATCH_TIME = time(8, 30)
NOT_INTRODUCED_SHARE = 0.05  # of the members with a residence committee

# Letters under way on the day of the run: their steps as (action, working days before, hour). The
# late ones were taken further back than the time limit allows (3 working days a step by default).
LIVE_STEPS = {
	"draft": (),
	"sent": (("Send", 1, 9),),
	"sent late": (("Send", 9, 9),),
	"received": (("Send", 3, 9), ("Receive", 1, 10)),
	"received late": (("Send", 12, 8), ("Receive", 10, 10)),
	"assigned": (("Send", 4, 9), ("Receive", 3, 10), ("Assign to Branch", 1, 15)),
	"assigned late": (("Send", 16, 9), ("Receive", 15, 10), ("Assign to Branch", 13, 15)),
	"returned": (("Send", 6, 9), ("Return", 5, 10)),
	"returned after receipt": (("Send", 10, 9), ("Receive", 9, 10), ("Return", 8, 14)),
}
# kind, from the workplace login's committee, residence committee, branch the ward chooses
LIVE_LETTERS = (
	("sent", True, "DU-P-HD", None),
	("received", True, "DU-P-HD", None),
	("assigned", True, "DU-P-HD", PORTAL_BRANCH),
	("returned", True, "DU-P-HD", None),
	("draft", True, "DU-P-HD", None),
	("sent", False, "DU-P-HD", None),
	("sent late", False, "DU-P-HD", None),
	("received late", False, "DU-P-HD", None),
	("assigned", False, "DU-P-HD", "DU-P-HD-TDP03"),
	("assigned late", False, "DU-P-HD", PORTAL_BRANCH),
	("sent", False, "DU-P-LTN", None),
	("received", False, "DU-P-LTN", None),
	("returned after receipt", False, "DU-P-LTN", None),
	("received", False, "DU-P-CG", None),
)
RETURN_REASONS = {
	"returned": "Số nhà ghi trong giấy giới thiệu không có trên tuyến phố thuộc địa bàn phường. Đề nghị "
	"đơn vị kiểm tra lại nơi cư trú của đảng viên và giới thiệu lại.",
	"returned after receipt": "Qua xác minh của tổ dân phố, đảng viên đã chuyển đến nơi ở mới ngoài địa "
	"bàn phường. Đề nghị giới thiệu đảng viên về đảng ủy xã, phường nơi đảng viên đang cư trú.",
}

# Branch life

MEETING_MONTHS = {2025: range(1, 13), 2026: range(1, 11)}  # the monthly meetings held
WORKING_MEMBERS_MONTH = 6
MEETING_TIME = "19:30:00"
MONTHLY_TOPICS = {
	1: "Chăm lo Tết Nguyên đán cho gia đình chính sách, hộ có hoàn cảnh khó khăn",
	2: "Quán triệt nghị quyết của chi bộ năm {year}; giữ gìn an ninh trật tự sau Tết",
	3: "Sinh hoạt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
	4: "Tuyên truyền kỷ niệm ngày Giải phóng miền Nam 30/4; tổng vệ sinh môi trường khu dân cư",
	5: "Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh 19/5; rà soát hộ nghèo, hộ cận nghèo",
	6: "Sơ kết công tác 6 tháng đầu năm; phòng chống đuối nước cho trẻ em dịp hè",
	7: "Thăm hỏi gia đình thương binh, liệt sĩ nhân ngày 27/7; phương án phòng chống lụt bão",
	8: "Kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9; an ninh trật tự khu dân cư",
	9: "Tổ chức Tết Trung thu cho thiếu nhi; vận động đóng góp quỹ khuyến học",
	10: "Chuẩn bị Ngày hội Đại đoàn kết toàn dân tộc 18/11; thu quỹ phòng chống thiên tai",
	11: "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc; chuẩn bị kiểm điểm cuối năm",
	12: "Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year}; phương hướng nhiệm vụ năm {next}",
}
WORKING_MEMBERS_AGENDA = (
	"1. Chi ủy thông báo tình hình khu dân cư 6 tháng đầu năm {year} và nhiệm vụ 6 tháng cuối năm.\n"
	"2. Đảng viên đang công tác báo cáo việc thực hiện nhiệm vụ ở nơi cư trú (Quy định 213-QĐ/TW).\n"
	"3. Trao đổi, thống nhất việc phối hợp giữa chi bộ nơi cư trú và chi bộ nơi công tác."
)
# (cumulative share of the members, how often they come): most come nearly always, a few rarely
ATTENDANCE_HABITS = ((0.6, 0.93), (0.85, 0.8), (0.97, 0.62), (1.0, 0.3))
EXCUSED_SHARE = 0.7  # of the meetings missed, those the member excused beforehand
EXCUSES = {
	"Shift Work": ("Trực ca",),
	"Frequent Travel": ("Đi công tác",),
	"Mobile": ("Đi công tác", "Làm việc tại công trình"),
}
COMMON_EXCUSES = ("Ốm", "Việc gia đình", "Về quê có việc", "Con nhỏ ốm")

ACTIVITIES_FROM = date(2025, 1, 6)
ACTIVITY_MEMBERS = 40  # members who recorded activities, besides the portal member
ACTIVITY_TEXTS = {
	1: (
		"Gia đình được công nhận danh hiệu Gia đình văn hóa",
		"Tham gia hòa giải mâu thuẫn giữa hai hộ gia đình trong tổ dân phố",
		"Gương mẫu chấp hành quy ước của tổ dân phố về việc cưới, việc tang",
	),
	2: (
		"Tuyên truyền cho các hộ gia đình về phòng chống lừa đảo qua mạng",
		"Vận động gia đình và hàng xóm phân loại rác thải tại nguồn",
		"Tuyên truyền Luật Đất đai năm 2024 cho các hộ trong ngõ",
	),
	3: (
		"Góp ý dự thảo nghị quyết của chi bộ về chỉnh trang ngõ xóm",
		"Tham gia sinh hoạt chuyên đề của chi bộ, phát biểu về công tác khuyến học",
	),
	4: (
		"Dự họp tổ dân phố bàn kế hoạch làm sạch môi trường",
		"Dự hội nghị nhân dân lấy ý kiến về việc sửa chữa nhà văn hóa",
		"Trao đổi với tổ trưởng dân phố về việc lắp đèn chiếu sáng trong ngõ",
	),
	5: (
		"Vận động nhân dân góp ý xây dựng Đảng, chính quyền tại hội nghị cuối năm",
		"Tham gia giám sát việc thu, chi quỹ khuyến học của tổ dân phố",
	),
	6: (
		"Cùng gia đình ủng hộ Quỹ Vì người nghèo",
		"Tham gia ngày Chủ nhật xanh làm sạch đường phố",
		"Tham gia hiến máu tình nguyện",
		"Cùng gia đình ủng hộ đồng bào các tỉnh miền Trung bị thiệt hại do lũ lụt",
	),
	7: (
		"Báo cáo chi bộ nơi công tác kết quả thực hiện nhiệm vụ ở nơi cư trú 6 tháng đầu năm",
		"Báo cáo chi ủy nơi cư trú việc được cử đi công tác dài ngày",
	),
}

# Reviews

REVIEW_YEAR = 2025
REVIEW_STATES = ("Draft", "Pending Confirmation", "Returned for Revision", "Confirmed", "Received")
CAMPAIGN_WORKING_DAYS = 10  # the campaign's time limit, counted from the day of the run
# what the branch does with a request ("": nothing yet), weighted
REVIEW_MIX = {
	"": 5,
	"Draft": 2,
	"Pending Confirmation": 3,
	"Returned for Revision": 1,
	"Confirmed": 4,
	"Received": 8,
}
# the first requests of the branch secretary's branch: what the secretary and the ward officer
# find waiting (the portal member's own review is confirmed)
SECRETARY_REVIEWS = ("", "", "Draft", "Returned for Revision", "Pending Confirmation")
REVIEW_PATHS = {
	"": (),
	"Draft": (),
	"Pending Confirmation": ("Send for Confirmation",),
	"Returned for Revision": ("Send for Confirmation", "Return for Revision"),
	"Confirmed": ("Send for Confirmation", "Confirm"),
	"Received": ("Send for Confirmation", "Confirm", "Acknowledge Receipt"),
}
REVIEW_STEP_STATE = {
	"Send for Confirmation": "Pending Confirmation",
	"Return for Revision": "Returned for Revision",
	"Confirm": "Confirmed",
	"Acknowledge Receipt": "Received",
}
REVIEW_STEP_ROLE = {
	"Send for Confirmation": roles.BRANCH_SECRETARY,
	"Return for Revision": roles.COMMITTEE_OFFICER,
	"Confirm": roles.COMMITTEE_OFFICER,
	"Acknowledge Receipt": roles.WORKPLACE_OFFICER,
}
MEETING_CRITERION = "sinh hoạt định kỳ"  # the criterion on meetings, rated from the attendance
COMMEND_SHARE = 0.3  # of the members who came to nearly every meeting
DRAFT_RATED = 2  # criteria a draft review has rated so far
REVIEW_COMMENTS = {
	"Commend": (
		"Đồng chí gương mẫu, nhiệt tình tham gia các phong trào của tổ dân phố, được nhân dân tín nhiệm.",
	),
	"No Proposal": (
		"",
		"",
		"Chấp hành tốt quy định nơi cư trú.",
		"Giữ mối liên hệ thường xuyên với chi ủy và tổ dân phố.",
	),
	"Consider Discipline": (
		"Năm {year} đồng chí nhiều lần vắng sinh hoạt chi bộ không báo lý do, ít giữ mối liên hệ với chi ủy "
		"và ban công tác mặt trận nơi cư trú. Đề nghị chi bộ nơi công tác xem xét, nhắc nhở.",
	),
}
REVIEW_RETURN_REASON = (
	"Đề nghị chi ủy ghi rõ số buổi đồng chí tham gia sinh hoạt chi bộ trong năm và ý kiến của ban công "
	"tác mặt trận trước khi gửi lại."
)
CADRE_WORK = "Cadre Work"
CADRE_WORK_NOTE = "Xin ý kiến nhận xét của chi bộ nơi cư trú phục vụ công tác quy hoạch cán bộ."
SELF_REPORT_TEXT = {
	"duty_1": "Giữ gìn phẩm chất đạo đức, lối sống; gia đình được công nhận Gia đình văn hóa.",
	"duty_2": "Chấp hành tốt pháp luật và quy định của địa phương; vận động gia đình phân loại rác tại nguồn.",
	"duty_3": "Tham gia sinh hoạt chi bộ tổ dân phố theo lịch; góp ý về việc chỉnh trang ngõ xóm.",
	"duty_4": "Dự các cuộc họp tổ dân phố; giữ liên hệ với chi ủy, tổ trưởng dân phố, ban công tác mặt trận.",
	"duty_5": "Góp ý xây dựng Đảng, chính quyền tại hội nghị nhân dân cuối năm.",
	"duty_6": "Cùng gia đình ủng hộ Quỹ Vì người nghèo và quỹ khuyến học của tổ dân phố.",
	"duty_7": "Báo cáo chi bộ nơi công tác kết quả thực hiện nhiệm vụ ở nơi cư trú.",
}


def play_procedure(members: list[dict], seed: int) -> int:
	"""Introductions, branch life and reviews, each part committed once done. Returns how many
	records of the procedure are new (none on a second run)."""
	before = procedure_count()
	# the CSS parser behind e-mail rendering logs the stylesheet's modern colours as errors
	css_log = logging.getLogger("CSSUTILS")
	disabled, css_log.disabled = css_log.disabled, True
	try:
		play_steps(members, seed)
	finally:
		css_log.disabled = disabled
	return procedure_count() - before


def play_steps(members: list[dict], seed: int) -> None:
	# a command, not a request: each finished step is kept when a later one fails
	ensure_outbox()
	names = member_names(members)
	portal_member = names[members[portal_member_index(members)]["citizen_id"]]
	letters = plan_introductions(members, seed)
	ensure_batch(letters, members, names)
	ensure_letters(letters, names)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit
	ensure_meetings(seed)
	ensure_activities(seed, portal_member)
	ensure_self_report(portal_member)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit
	ensure_reviews(seed, portal_member)
	ensure_cadre_work_review(seed, members, names)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit


def procedure_count() -> int:
	return sum(frappe.db.count(doctype) for doctype in PROCEDURE)


def ensure_outbox() -> None:
	"""Each step of the procedure e-mails the officers concerned, and the introduction batch, the
	review campaign and meeting invitations stop with an error on a site without an outgoing e-mail
	account. The demo gets one whose queue is suspended: the messages can be read under Email
	Queue, and none leaves the site."""
	if frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		return
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": OUTBOX,
			"email_id": demo_email("thongbao"),
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": f"smtp.{DEMO_DOMAIN}",  # never reached: the queue is suspended
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	frappe.db.set_default("suspend_email_queue", 1)


def member_names(members: list[dict]) -> dict[str, str]:
	"""citizen ID -> the name of the member's record."""
	rows = frappe.get_all(
		MEMBER,
		filters={"citizen_id": ("in", [member["citizen_id"] for member in members])},
		fields=["name", "citizen_id"],
	)
	return {row.citizen_id: row.name for row in rows}


def planned_branch(member: dict) -> str | None:
	"""The residential branch of the area the member lives in: the one the ward chooses."""
	if member["residence_branch"]:
		return member["residence_branch"]
	ward = next((ward for ward in WARDS if ward["code"] == member["residence_committee"]), None)
	if not ward:
		return None
	for code, area, _streets in ward["branches"]:
		if f", {lower_first(area)}, " in member["residence_address"]:
			return code
	return ward["branches"][0][0]


# Who does it -----------------------------------------------------------------------------------


def actor(role: str, organization: str | None) -> str:
	"""The demo login of `role` whose scope holds `organization`, else Administrator (standing in
	for the officers of the organizations that have no demo login)."""
	from party_residence.permissions import get_scope

	for login, _password, _name, login_role, _scope in DEMO_USERS:
		if login_role == role and organization and organization in get_scope(demo_email(login)):
			return demo_email(login)
	return "Administrator"


@contextmanager
def acting_as(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


@contextmanager
def back_then(moment: datetime | None, quiet: bool):
	"""Steps taken inside happen at `moment` for the procedure (the time stamps and due dates of
	introductions). Quiet steps are history: no message, bell notification or workflow to-do."""
	with ExitStack() as stack:
		if moment:
			stack.enter_context(patch("party_residence.introductions.now_datetime", return_value=moment))
		if quiet:
			stack.enter_context(patch.object(Document, "run_notifications"))
			stack.enter_context(
				patch("frappe.workflow.doctype.workflow_action.workflow_action.process_workflow_actions")
			)
			stack.enter_context(patch("party_residence.introductions.send_digest"))
			stack.enter_context(patch("party_residence.meetings.invite", return_value=0))
		yield


# Introductions -----------------------------------------------------------------------------------


@dataclass
class Letter:
	citizen_id: str
	workplace: str  # the member's workplace committee, which issues the letter
	committee: str  # the residence committee it goes to
	branch: str | None  # the branch the ward chooses
	steps: tuple = ()  # (workflow action, when)
	history: bool = True
	batch: bool = False
	reason: str | None = None  # for returning it

	@property
	def introduction_date(self) -> date:
		return self.steps[0][1].date() if self.steps else getdate(today())


def plan_introductions(members: list[dict], seed: int) -> list[Letter]:
	"""Who is introduced, where, and how far each letter has come."""
	rng = random.Random(f"{seed}-introductions")
	run_day = getdate(today())
	eligible = [
		member
		for member in members
		if member["residence_committee"] and member.get("exemption") != EXEMPT_FROM_INTRODUCTION
	]
	# the newly admitted first: a letter under way is most often theirs
	pool = sorted(eligible, key=lambda member: (member["date_official"] is not None, rng.random()))
	portal = members[portal_member_index(members)]["citizen_id"]  # introduced long ago, like most
	taken = set()  # members whose letter is under way, or who have none yet
	letters = []
	for kind, own, committee, branch in LIVE_LETTERS:
		member = next(
			(
				member
				for member in pool
				if member["citizen_id"] not in taken | {portal}
				and fits(member, own, committee, branch, run_day)
			),
			None,
		)
		if member:
			taken.add(member["citizen_id"])
			letters.append(live_letter(member, kind, branch, run_day))
	waiting = [  # not introduced yet: members of the other committees living in the home wards
		member
		for member in pool
		if member["citizen_id"] not in taken | {portal}
		and COMMITTEE_OF[member["workplace_organization"]] != OWN_COMMITTEE
		and member["residence_committee"] in HOME_WARDS
		and not member.get("exemption")
	]
	taken.update(member["citizen_id"] for member in waiting[: round(NOT_INTRODUCED_SHARE * len(eligible))])
	for member in eligible:  # in the order of the records: the dates do not depend on the stories
		if member["citizen_id"] not in taken and (letter := past_letter(rng, member, run_day)):
			letters.append(letter)
	return letters


def fits(member: dict, own: bool, committee: str, branch: str | None, run_day: date) -> bool:
	return (
		member["residence_committee"] == committee
		and (COMMITTEE_OF[member["workplace_organization"]] == OWN_COMMITTEE) == own
		and (branch is None or planned_branch(member) == branch)
		and not member.get("exemption")
		and member["date_joined"] < run_day - timedelta(days=60)
	)


def live_letter(member: dict, kind: str, branch: str | None, run_day: date) -> Letter:
	steps = tuple(
		(action, datetime.combine(add_working_days(run_day, -days), time(hour, (7 * days + 11 * hour) % 60)))
		for action, days, hour in LIVE_STEPS[kind]
	)
	return Letter(
		member["citizen_id"],
		COMMITTEE_OF[member["workplace_organization"]],
		member["residence_committee"],
		branch or planned_branch(member),
		steps,
		history=False,
		reason=RETURN_REASONS.get(kind),
	)


def past_letter(rng: random.Random, member: dict, run_day: date) -> Letter | None:
	"""A letter of the autumn 2024 introductions, or one sent a few weeks after the member's
	admission; None when the member was admitted too recently to be introduced yet."""
	committee = COMMITTEE_OF[member["workplace_organization"]]
	drive = next(item["introduced_on"] for item in WORKPLACE_COMMITTEES if item["code"] == committee)
	joined = member["date_joined"]
	batch = committee == OWN_COMMITTEE and joined < drive
	if batch:
		sent = datetime.combine(drive, BATCH_TIME)
	elif joined < drive - timedelta(days=30):
		sent = at_hour(rng, add_working_days(drive, rng.randint(0, 2)), 8, 11)
	else:
		sent = at_hour(rng, add_working_days(joined, rng.randint(5, 15)), 8, 11)
	received = at_hour(rng, add_working_days(sent, rng.randint(1, 3)), 8, 11)
	assigned = at_hour(rng, add_working_days(received, rng.randint(0, 1)), 14, 17)
	acknowledged = at_hour(rng, add_working_days(assigned, rng.randint(1, 4)), 8, 17)
	if acknowledged.date() >= run_day - timedelta(days=3):
		return None
	steps = (
		("Send", sent),
		("Receive", received),
		("Assign to Branch", assigned),
		("Acknowledge", acknowledged),
	)
	return Letter(
		member["citizen_id"],
		committee,
		member["residence_committee"],
		planned_branch(member),
		steps,
		batch=batch,
	)


def at_hour(rng: random.Random, day: date, first: int, last: int) -> datetime:
	"""A time of `day` between `first` o'clock and `last` o'clock."""
	return datetime.combine(day, time(rng.randrange(first, last), rng.randrange(0, 60, 5)))


def ensure_batch(letters: list[Letter], members: list[dict], names: dict[str, str]) -> None:
	"""The workplace login's committee introduced its members with one batch. The job runs here,
	now and as the officer rather than queued; the members without a residence committee come back
	as errors, as they would."""
	if frappe.db.exists(BATCH, {"workplace_organization": OWN_COMMITTEE}):
		return
	batch_letters = [letter for letter in letters if letter.batch]
	if not batch_letters:
		return
	from party_residence.party_residence.doctype.residence_introduction_batch.residence_introduction_batch import (
		run,
	)

	listed = [names[letter.citizen_id] for letter in batch_letters] + [
		names[member["citizen_id"]]
		for member in members
		if COMMITTEE_OF[member["workplace_organization"]] == OWN_COMMITTEE
		and not member["residence_committee"]
	]
	moment = batch_letters[0].steps[0][1]
	with acting_as(actor(roles.WORKPLACE_OFFICER, OWN_COMMITTEE)):
		batch = frappe.get_doc(
			{
				"doctype": BATCH,
				"workplace_organization": OWN_COMMITTEE,
				"introduction_date": moment.date(),
				"members": [{"party_member": name} for name in sorted(listed)],
			}
		).insert()
		with back_then(moment, quiet=True):
			run(batch.name, commit=True)


def ensure_letters(letters: list[Letter], names: dict[str, str]) -> None:
	"""Take each letter as far as it goes; a letter already there is left as it is."""
	found = {
		row.party_member: row
		for row in frappe.get_all(
			INTRODUCTION,
			filters={"docstatus": ("<", 2)},
			fields=["name", "party_member", "workflow_state"],
			order_by="creation asc, name asc",
		)
	}
	for letter in sorted(letters, key=lambda letter: letter.steps[0][1] if letter.steps else datetime.max):
		member = names[letter.citizen_id]
		play_letter(letter, member, found.get(member))


def play_letter(letter: Letter, member: str, found: frappe._dict | None) -> None:
	states = ["Draft", *(STEP_STATE[action] for action, _when in letter.steps)]
	if found and (found.workflow_state not in states or found.workflow_state == states[-1]):
		return  # there already, or taken elsewhere by hand since
	done = states.index(found.workflow_state) if found else 0
	doc = frappe.get_doc(INTRODUCTION, found.name) if found else draft_letter(letter, member)
	for action, when in letter.steps[done:]:
		doc = take_step(doc, letter, action, when)


def draft_letter(letter: Letter, member: str):
	first = letter.steps[0][1] if letter.steps else None
	with acting_as(actor(roles.WORKPLACE_OFFICER, letter.workplace)), back_then(first, letter.history):
		return frappe.get_doc(
			{
				"doctype": INTRODUCTION,
				"party_member": member,
				"residence_committee": letter.committee,
				"introduction_date": letter.introduction_date,
			}
		).insert()


def take_step(doc, letter: Letter, action: str, when: datetime):
	from party_residence.workflow_reasons import keep as keep_reason

	role = STEP_ROLE[action]
	organization = {roles.WORKPLACE_OFFICER: letter.workplace, roles.COMMITTEE_OFFICER: letter.committee}.get(
		role, letter.branch
	)
	with acting_as(actor(role, organization)), back_then(when, letter.history):
		if action == "Assign to Branch" and doc.residence_branch != letter.branch:
			doc.residence_branch = letter.branch
			doc.save()
		elif action == "Return":
			keep_reason("Residence Introduction", doc.name, "Return", letter.reason)
		return apply_workflow(doc, action)


def acknowledgement_days() -> dict[str, date]:
	"""member -> the day their branch acknowledged them."""
	rows = frappe.get_all(
		INTRODUCTION,
		filters={"workflow_state": "Acknowledged", "docstatus": 1},
		fields=["party_member", "acknowledged_on"],
	)
	return {row.party_member: getdate(row.acknowledged_on) for row in rows}


# Branch life -----------------------------------------------------------------------------------


def ensure_meetings(seed: int) -> None:
	"""The meetings of each residential branch of the home wards: held ones submitted with their
	attendance, next month's planned (a draft, whose invitations go out)."""
	run_day = getdate(today())
	existing = frappe.get_all(
		MEETING,
		filters={"docstatus": ("<", 2)},
		fields=["residence_branch", "meeting_date", "meeting_type"],
	)
	known = {(row.residence_branch, getdate(row.meeting_date), row.meeting_type) for row in existing}
	planned = {row.residence_branch for row in existing if getdate(row.meeting_date) >= run_day}
	acknowledged = acknowledgement_days()
	schedules = dict(frappe.get_all(MEMBER, fields=["name", "work_schedule"], as_list=True))
	home_wards = [ward for ward in WARDS if ward["code"] in HOME_WARDS]
	for ward_index, ward in enumerate(home_wards):
		for branch_index, (branch, area, _streets) in enumerate(ward["branches"]):
			day = 3 + 2 * branch_index + ward_index  # each branch has its day of the month
			place = f"Nhà văn hóa {lower_first(area)}"
			for meeting in branch_calendar(day, run_day):
				if (branch, meeting["meeting_date"], meeting["meeting_type"]) in known:
					continue
				values = {"residence_branch": branch, "place": place, "meeting_time": MEETING_TIME, **meeting}
				if meeting["meeting_date"] < run_day:
					hold_meeting(seed, values, acknowledged, schedules)
				elif branch not in planned:
					with acting_as(actor(roles.BRANCH_SECRETARY, branch)):
						frappe.get_doc({"doctype": MEETING, **values}).insert()


def branch_calendar(day: int, run_day: date) -> list[dict]:
	"""The meetings held before `run_day`, then the one planned for the next month."""
	meetings = []
	for year, months in MEETING_MONTHS.items():
		for month in months:
			meetings.append(monthly_meeting(date(year, month, day)))
		meetings.append(
			{
				"meeting_type": "Meeting with Working Members",
				"meeting_date": date(year, WORKING_MEMBERS_MONTH, day + 14),
				"agenda": WORKING_MEMBERS_AGENDA.format(year=year),
			}
		)
	held = [meeting for meeting in meetings if meeting["meeting_date"] < run_day]
	next_month = (run_day.replace(day=1) + timedelta(days=32)).replace(day=1)
	return [*held, monthly_meeting(next_month.replace(day=day))]


def monthly_meeting(day: date) -> dict:
	previous = 12 if day.month == 1 else day.month - 1
	topic = MONTHLY_TOPICS[day.month].format(year=day.year, next=day.year + 1)
	return {
		"meeting_type": "Monthly Branch Meeting",
		"meeting_date": day,
		"agenda": (
			"1. Thông tin thời sự; chủ trương, chính sách mới của Đảng, Nhà nước và của thành phố.\n"
			f"2. Kiểm điểm công tác tháng {previous}, triển khai nhiệm vụ tháng {day.month}.\n"
			f"3. {topic}."
		),
	}


def hold_meeting(seed: int, values: dict, acknowledged: dict, schedules: dict) -> None:
	"""The meeting as the secretary records it: the form lists the branch's active members; those
	acknowledged only later are taken off, the others marked present, excused or absent."""
	day = values["meeting_date"]
	rng = random.Random(f"{seed}-{values['residence_branch']}-{day}")
	with acting_as(actor(roles.BRANCH_SECRETARY, values["residence_branch"])), back_then(None, quiet=True):
		doc = frappe.get_doc({"doctype": MEETING, **values}).insert()
		for row in list(doc.attendance):
			if acknowledged.get(row.party_member, date.min) > day:
				doc.remove(row)
		for idx, row in enumerate(doc.attendance, start=1):
			row.idx = idx
			row.attendance, row.note = attendance_mark(
				rng, attendance_habit(seed, row.party_member), schedules.get(row.party_member)
			)
		doc.submit()


def attendance_habit(seed: int, member: str) -> float:
	"""How often the member comes to the meetings (the same for every meeting)."""
	draw = random.Random(f"{seed}-habit-{member}").random()
	return next(habit for share, habit in ATTENDANCE_HABITS if draw < share)


def attendance_mark(rng: random.Random, habit: float, schedule: str | None) -> tuple[str, str | None]:
	if schedule == "Shift Work":
		habit -= 0.06
	if rng.random() < habit:
		return "Present", None
	if rng.random() < EXCUSED_SHARE:
		return "Excused", rng.choice(EXCUSES.get(schedule, ()) + COMMON_EXCUSES)
	return "Absent", None


def ensure_activities(seed: int, portal_member: str) -> None:
	"""What members of the home wards did at their place of residence, over the seven duties (only
	those they still owe for members exempt from residence activity)."""
	from party_residence.duties import EXEMPT_DUTIES

	rng = random.Random(f"{seed}-activities")
	run_day = getdate(today())
	branches = [
		code for ward in WARDS if ward["code"] in HOME_WARDS for code, _area, _streets in ward["branches"]
	]
	active = frappe.get_all(
		MEMBER,
		filters={"liaison_status": "Active", "residence_branch": ("in", branches)},
		fields=["name", "residence_branch", "exemption"],
		order_by="name",
	)
	others = [member for member in active if member.name != portal_member]
	chosen = [member for member in active if member.name == portal_member] + sorted(
		rng.sample(others, min(ACTIVITY_MEMBERS, len(others))), key=lambda member: member.name
	)
	acknowledged = acknowledgement_days()
	existing = {
		(row.party_member, getdate(row.activity_date), row.duty)
		for row in frappe.get_all(ACTIVITY, fields=["party_member", "activity_date", "duty"])
	}
	turn = 0
	for member in chosen:
		duties = EXEMPT_DUTIES if member.exemption == EXEMPT_FROM_ACTIVITY else tuple(range(1, 8))
		start = max(ACTIVITIES_FROM, acknowledged.get(member.name, ACTIVITIES_FROM) + timedelta(days=7))
		end = run_day - timedelta(days=2)
		for _ in range(3 if member.name == portal_member else rng.randint(1, 3)):
			duty = duties[turn % len(duties)]
			turn += 1
			day = start + timedelta(days=rng.randrange(max(1, (end - start).days + 1)))
			text = rng.choice(ACTIVITY_TEXTS[duty])
			if start > end or (member.name, day, str(duty)) in existing:
				continue
			with acting_as(actor(roles.BRANCH_SECRETARY, member.residence_branch)):
				frappe.get_doc(
					{
						"doctype": ACTIVITY,
						"party_member": member.name,
						"activity_date": day,
						"duty": str(duty),
						"description": text,
					}
				).insert()


def ensure_self_report(member: str) -> None:
	"""The portal member's own report on the review year, filed before the branch reviewed her."""
	if frappe.db.exists(SELF_REPORT, {"party_member": member, "review_year": REVIEW_YEAR}):
		return
	with acting_as(demo_email("dangvien")):
		frappe.get_doc(
			{"doctype": SELF_REPORT, "party_member": member, "review_year": REVIEW_YEAR, **SELF_REPORT_TEXT}
		).insert()


# Reviews ---------------------------------------------------------------------------------------


def ensure_reviews(seed: int, portal_member: str) -> None:
	"""The annual review campaign of the workplace login's committee, and the branches' answers."""
	from party_residence.participation import attendance_by_member

	campaign = ensure_campaign()
	requests = frappe.get_all(
		REQUEST,
		filters={"campaign": campaign, "docstatus": 1},
		fields=["name", "party_member", "residence_branch", "residence_committee", "workplace_organization"],
		order_by="party_member",
	)
	figures = attendance_by_member(REVIEW_YEAR, members=[request.party_member for request in requests])
	rng = random.Random(f"{seed}-reviews")
	targets = review_targets(requests, portal_member, rng)
	proposals = review_proposals(requests, targets, figures, portal_member, rng)
	for request in requests:
		play_review(seed, request, targets[request.name], proposals.get(request.name))


def ensure_campaign() -> str:
	"""Run as the officer who starts it, here and now rather than queued."""
	from party_residence.party_residence.doctype.residence_review_campaign.residence_review_campaign import (
		run,
	)

	values = {"workplace_organization": OWN_COMMITTEE, "review_year": REVIEW_YEAR, "purpose": "Annual Review"}
	if name := frappe.db.get_value(CAMPAIGN, values):
		return name
	with acting_as(actor(roles.WORKPLACE_OFFICER, OWN_COMMITTEE)):
		campaign = frappe.get_doc(
			{
				"doctype": CAMPAIGN,
				**values,
				"due_date": add_working_days(today(), CAMPAIGN_WORKING_DAYS),
			}
		).insert()
		run(campaign.name, commit=True)
	return campaign.name


def review_targets(requests: list, portal_member: str, rng: random.Random) -> dict[str, str]:
	"""request -> the state its review has reached ("": not written yet), every state at least once."""
	waiting = list(SECRETARY_REVIEWS)
	home = {
		code for ward in WARDS if ward["code"] in HOME_WARDS for code, _area, _streets in ward["branches"]
	}
	targets = {}
	for request in requests:
		draw = weighted_choice(rng, REVIEW_MIX)
		if request.party_member == portal_member:
			targets[request.name] = "Confirmed"  # the member reads it on the portal
		elif request.residence_branch == PORTAL_BRANCH and waiting:
			targets[request.name] = waiting.pop(0)
		else:  # the demo holds no meetings in the other province: its branches have not answered
			targets[request.name] = draw if request.residence_branch in home else ""
	for state in REVIEW_STATES:
		unwritten = [name for name, target in targets.items() if not target]
		if state not in targets.values() and unwritten:
			targets[unwritten[-1]] = state
	return targets


def review_proposals(requests, targets, figures, portal_member, rng) -> dict[str, str]:
	"""What the branch proposes for each review it has sent on: mostly nothing, praise for some who
	came to nearly every meeting, and discipline for the one who came least."""

	def rate(request) -> float:
		counts = figures.get(request.party_member) or {"meetings": 0, "present": 0}
		return counts["present"] / counts["meetings"] if counts["meetings"] else 0.0

	proposals = {}
	for request in requests:
		draw = rng.random()
		if targets[request.name] not in ("", "Draft"):
			proposals[request.name] = (
				"Commend" if rate(request) >= 0.9 and draw < COMMEND_SHARE else "No Proposal"
			)
	finished = [
		request
		for request in requests
		if targets[request.name] in ("Confirmed", "Received")
		and request.party_member != portal_member
		and (figures.get(request.party_member) or {}).get("meetings")
	]
	if finished:
		worst = min(finished, key=lambda request: (rate(request), request.party_member))
		proposals[worst.name] = "Consider Discipline"
	return proposals


def play_review(seed: int, request, target: str, proposal: str | None) -> None:
	"""Take the review of a request to `target`, writing it first if need be."""
	from party_residence.workflow_reasons import keep as keep_reason

	if not target:
		return
	path = REVIEW_PATHS[target]
	states = ["Draft", *(REVIEW_STEP_STATE[action] for action in path)]
	found = frappe.db.get_value(
		REVIEW,
		{"review_request": request.name, "docstatus": ("<", 2)},
		["name", "workflow_state"],
		as_dict=True,
	)
	if found and (found.workflow_state not in states or found.workflow_state == states[-1]):
		return
	done = states.index(found.workflow_state) if found else 0
	doc = frappe.get_doc(REVIEW, found.name) if found else write_review(seed, request, target, proposal)
	organizations = {
		roles.BRANCH_SECRETARY: request.residence_branch,
		roles.COMMITTEE_OFFICER: request.residence_committee,
		roles.WORKPLACE_OFFICER: request.workplace_organization,
	}
	for action in path[done:]:
		role = REVIEW_STEP_ROLE[action]
		with acting_as(actor(role, organizations[role])):
			if action == "Return for Revision":
				keep_reason("Residence Review", doc.name, "Return for Revision", REVIEW_RETURN_REASON)
			doc = apply_workflow(doc, action)


def write_review(seed: int, request, target: str, proposal: str | None):
	"""The branch's review: the form takes everything from the request; the branch rates each
	criterion (the one on meetings from the member's attendance), proposes, and notes that it met
	the Front work committee. A draft has only the first criteria rated."""
	rng = random.Random(f"{seed}-review-{request.name}")
	complete = target != "Draft"
	with acting_as(actor(roles.BRANCH_SECRETARY, request.residence_branch)):
		doc = frappe.get_doc({"doctype": REVIEW, "review_request": request.name}).insert()
		attended = f"{doc.meetings_attended}/{doc.meetings_total}"
		for index, row in enumerate(doc.ratings):
			if not complete and index >= DRAFT_RATED:
				break
			levels = [level.strip() for level in (row.rating_options or "").splitlines() if level.strip()]
			if MEETING_CRITERION in (row.criterion_text or ""):
				level = participation_level(doc.meetings_attended, doc.meetings_total)
				if proposal == "Consider Discipline":
					row.comment = f"Dự {attended} buổi sinh hoạt chi bộ năm {doc.review_year}."
			elif proposal == "Commend":
				level = 0
			elif proposal == "Consider Discipline":
				level = rng.choice((1, 2))
			else:
				draw = rng.random()
				level = 0 if draw < 0.35 else 2 if draw > 0.96 else 1
			row.rating = levels[min(level, len(levels) - 1)]
		if complete:
			doc.proposal = proposal or "No Proposal"
			doc.met_with_front_committee = 1
			doc.other_comments = (
				rng.choice(REVIEW_COMMENTS[doc.proposal]).format(year=doc.review_year) or None
			)
		doc.save()
	return doc


def participation_level(present: int, meetings: int) -> int:
	"""0: attended fully, 1: not fully, 2: did not attend (best level first)."""
	if not meetings:
		return 0
	rate = present / meetings
	return 0 if rate >= 0.85 else 1 if rate >= 0.6 else 2


def ensure_cadre_work_review(seed: int, members: list[dict], names: dict[str, str]) -> None:
	"""A review on demand (cadre work) for a member exempt from residence activity, preferably one
	of the workplace login's committee living in the ward of the ward officer's login: the branch
	has written it, the ward is to confirm it."""
	ward = next(scope for *_login, role, scope in DEMO_USERS if role == roles.COMMITTEE_OFFICER)
	exempt = [member for member in members if member.get("exemption") == EXEMPT_FROM_ACTIVITY]
	exempt.sort(
		key=lambda member: (
			COMMITTEE_OF[member["workplace_organization"]] != OWN_COMMITTEE,
			member["residence_committee"] != ward,
		)
	)
	member = next(
		(
			names[member["citizen_id"]]
			for member in exempt
			if frappe.db.get_value(MEMBER, names[member["citizen_id"]], "liaison_status") == "Active"
		),
		None,
	)
	if not member:
		return
	fields = ["name", "party_member", "residence_branch", "residence_committee", "workplace_organization"]
	request = frappe.db.get_value(
		REQUEST, {"party_member": member, "purpose": CADRE_WORK, "docstatus": ("<", 2)}, fields, as_dict=True
	)
	if not request:
		year = getdate(today()).year
		workplace = frappe.db.get_value(MEMBER, member, "workplace_organization")
		with acting_as(actor(roles.WORKPLACE_OFFICER, workplace)):
			doc = frappe.get_doc(
				{
					"doctype": REQUEST,
					"party_member": member,
					"purpose": CADRE_WORK,
					"review_year": year,
					"note": CADRE_WORK_NOTE,
				}
			).insert()
			doc = apply_workflow(doc, "Send")
		request = frappe._dict({field: doc.get(field) for field in fields})
	play_review(seed, request, "Pending Confirmation", "No Proposal")


# Summary ---------------------------------------------------------------------------------------


def summary(created: frappe._dict) -> str:
	organizations = frappe.db.count(ORGANIZATION)
	members = frappe.db.count(MEMBER)
	lines = [
		f"{frappe.local.site} has {organizations} party organizations ({created.organizations} new), "
		f"{members} party members ({created.members} new) and {len(DEMO_USERS)} demo logins "
		f"({created.users} new).",
		"",
		f"The procedure ({created.procedure} new records):",
		*procedure_summary(),
		"",
		"Demo logins (e-mail / password: role, scope):",
	]
	for login, password, _full_name, role, scope in DEMO_USERS:
		where = frappe.db.get_value(ORGANIZATION, scope, "organization_name") if scope else None
		if role == "Party Member":
			where = "own record, portal only"
		lines.append(
			f"  {demo_email(login):28} {password:18} {role}" + (f", {where}" if where else ", everything")
		)
	return "\n".join(lines)


def procedure_summary() -> list[str]:
	run_day = today()
	overdue = frappe.db.count(
		INTRODUCTION, {"docstatus": 1, "workflow_state": ("in", OPEN_STATES), "due_date": ("<", run_day)}
	)
	meetings = frappe.get_all(
		MEETING, fields=["docstatus", "count(name) as count"], group_by="docstatus", order_by="docstatus"
	)
	held = sum(row.count for row in meetings if row.docstatus == 1)
	planned = sum(row.count for row in meetings if row.docstatus == 0)
	purposes = frappe.get_all(REQUEST, filters={"docstatus": 1}, pluck="purpose")
	on_demand = sum(1 for purpose in purposes if purpose != "Annual Review")
	return [
		f"  Residence introductions: {state_counts(INTRODUCTION, INTRODUCTION_STATES)}, {overdue} overdue; "
		f"{frappe.db.count(BATCH)} batch",
		f"  Branch meetings: {held} held, {planned} planned; {frappe.db.count(ACTIVITY)} residence activities",
		f"  Review requests: {state_counts(REQUEST, ('Sent', 'Answered', 'Cancelled'))}, "
		f"{on_demand} on demand; {frappe.db.count(CAMPAIGN)} campaign",
		f"  Residence reviews: {state_counts(REVIEW, REVIEW_STATES)}",
	]


def state_counts(doctype: str, states: tuple[str, ...]) -> str:
	"""'12 (Sent 4, Received 8)': the total and how many are in each workflow state."""
	rows = frappe.get_all(
		doctype, fields=["workflow_state", "count(name) as count"], group_by="workflow_state"
	)
	counts = {row.workflow_state: row.count for row in rows}
	order = [state for state in states if state in counts] + sorted(set(counts) - set(states), key=str)
	detail = ", ".join(f"{state} {counts[state]}" for state in order)
	return f"{sum(counts.values())} ({detail})" if detail else "0"
