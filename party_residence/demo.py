"""Demo data: a city party committee with two wards, workplace committees in six sectors, about 300
party members with realistic Vietnamese names, and one login per role.

	bench --site demo.localhost execute party_residence.demo.setup_demo

The data are deterministic (one seeded random generator, and dates that do not depend on the day
of the run, except for the few members still on probation) and the command is idempotent: records
are found again by their organization code, citizen ID, party card number or e-mail address, and
only missing ones are created. Everything goes through the ORM, so each record passes the app's
own validation. Every person, card number and citizen ID is invented.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, today

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

# code, name (both are committees above the two sides)
PROVINCES = (
	(CITY, "Thành ủy Hải Phòng"),
	(OTHER_PROVINCE, "Thành ủy Hà Nội"),
)

# Residence side: ward committees and their residential branches.
# branch: code, residential area (the branch is named after it), streets of the area
WARDS = (
	{
		"code": "DU-P-HD",
		"name": "Đảng ủy phường Hải Dương",
		"parent": CITY,
		"locality": "phường Hải Dương, thành phố Hải Phòng",
		"address": "Số 2 đường Quang Trung, phường Hải Dương, thành phố Hải Phòng",
		"phone": "0220 3852 114",
		"branches": (
			("DU-P-HD-TDP01", "Tổ dân phố số 1", ("đường Trần Hưng Đạo", "phố Bắc Sơn")),
			("DU-P-HD-TDP02", "Tổ dân phố số 2", ("đường Quang Trung", "phố Nguyễn Du")),
			("DU-P-HD-TDP03", "Tổ dân phố số 3", ("đường Hồng Quang", "phố Đô Lương")),
			("DU-P-HD-TDP04", "Tổ dân phố số 4", ("đường Bạch Đằng", "phố Chi Lăng")),
			("DU-P-HD-TDP05", "Tổ dân phố số 5", ("đường Thống Nhất", "phố Tuy An")),
		),
	},
	{
		"code": "DU-P-LTN",
		"name": "Đảng ủy phường Lê Thanh Nghị",
		"parent": CITY,
		"locality": "phường Lê Thanh Nghị, thành phố Hải Phòng",
		"address": "Số 186 đường Lê Thanh Nghị, phường Lê Thanh Nghị, thành phố Hải Phòng",
		"phone": "0220 3845 672",
		"branches": (
			("DU-P-LTN-TB", "Khu dân cư Thanh Bình", ("đường Lê Thanh Nghị", "phố Vũ Hựu")),
			("DU-P-LTN-PL", "Khu dân cư Phú Lương", ("đường Nguyễn Lương Bằng", "phố Đinh Văn Tả")),
			("DU-P-LTN-HT", "Khu dân cư Hải Tân", ("đường Thanh Niên", "phố Ngô Gia Tự")),
			("DU-P-LTN-LC", "Khu dân cư Lộ Cương", ("đường Trường Chinh", "phố Tuệ Tĩnh")),
		),
	},
	{
		# a member may live in another province than the one they work in
		"code": "DU-P-CG",
		"name": "Đảng ủy phường Cầu Giấy",
		"parent": OTHER_PROVINCE,
		"locality": "phường Cầu Giấy, thành phố Hà Nội",
		"address": "Số 36 phố Cầu Giấy, phường Cầu Giấy, thành phố Hà Nội",
		"phone": "024 3793 2150",
		"branches": (
			("DU-P-CG-TDP07", "Tổ dân phố số 7", ("phố Trần Thái Tông", "phố Dịch Vọng Hậu")),
			("DU-P-CG-TDP12", "Tổ dân phố số 12", ("đường Xuân Thủy", "phố Trần Quốc Vượng")),
		),
	},
)
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

# Workplace side: committees with their branches, how many members each has and what they do.
WORKPLACE_COMMITTEES = (
	{
		"code": "DU-CTY-STB",
		"name": "Đảng ủy Công ty Cổ phần Sứ Thanh Bình",
		"sector": "Enterprise and Cooperative",
		"address": "Khu công nghiệp Đại An, phường Tứ Minh, thành phố Hải Phòng",
		"phone": "0220 3755 218",
		"branches": (
			("DU-CTY-STB-TH", "Chi bộ Phân xưởng Tạo hình"),
			("DU-CTY-STB-LN", "Chi bộ Phân xưởng Lò nung"),
			("DU-CTY-STB-KT", "Chi bộ Phòng Kỹ thuật - KCS"),
		),
		"members": 75,
		"female_share": 0.35,
		"job_titles": (
			"Công nhân vận hành lò nung",
			"Công nhân tạo hình",
			"Tổ trưởng sản xuất",
			"Quản đốc phân xưởng",
			"Kỹ sư silicat",
			"Nhân viên KCS",
			"Kế toán viên",
			"Nhân viên kinh doanh",
		),
		"schedules": {"Regular": 4, "Shift Work": 5, "Frequent Travel": 1},
	},
	{
		"code": "DU-CTY-BD",
		"name": "Đảng ủy Công ty Cổ phần Xây dựng Bạch Đằng",
		"sector": "Enterprise and Cooperative",
		"address": "Số 12 đường Nguyễn Lương Bằng, phường Lê Thanh Nghị, thành phố Hải Phòng",
		"phone": "0220 3891 407",
		"branches": (
			("DU-CTY-BD-KH", "Chi bộ Phòng Kế hoạch - Kỹ thuật"),
			("DU-CTY-BD-TC", "Chi bộ Phòng Tài chính - Kế toán"),
			("DU-CTY-BD-TC1", "Chi bộ Đội thi công số 1"),
		),
		"members": 60,
		"female_share": 0.2,
		"job_titles": (
			"Kỹ sư xây dựng",
			"Chỉ huy trưởng công trình",
			"Đội trưởng thi công",
			"Cán bộ kỹ thuật",
			"Kế toán viên",
			"Thủ kho",
			"Lái máy thi công",
		),
		"schedules": {"Regular": 3, "Frequent Travel": 4, "Mobile": 3},
	},
	{
		"code": "DU-BV-TD",
		"name": "Đảng ủy Bệnh viện Đa khoa Thành Đông",
		"sector": "Public Service Unit",
		"address": "Số 225 đường Nguyễn Lương Bằng, phường Thành Đông, thành phố Hải Phòng",
		"phone": "0220 3890 115",
		"branches": (
			("DU-BV-TD-NOI", "Chi bộ Khoa Nội"),
			("DU-BV-TD-NGOAI", "Chi bộ Khoa Ngoại"),
			("DU-BV-TD-DD", "Chi bộ Phòng Điều dưỡng"),
		),
		"members": 55,
		"female_share": 0.7,
		"job_titles": (
			"Bác sĩ",
			"Bác sĩ chuyên khoa I",
			"Điều dưỡng",
			"Điều dưỡng trưởng khoa",
			"Dược sĩ",
			"Kỹ thuật viên xét nghiệm",
			"Hộ sinh",
		),
		"schedules": {"Regular": 4, "Shift Work": 6},
	},
	{
		"code": "DU-CD-CN",
		"name": "Đảng ủy Trường Cao đẳng Công nghệ Hải Dương",
		"sector": "Public Service Unit",
		"address": "Số 8 đường Chi Lăng, phường Hải Dương, thành phố Hải Phòng",
		"phone": "0220 3853 360",
		"branches": (
			("DU-CD-CN-CK", "Chi bộ Khoa Cơ khí"),
			("DU-CD-CN-DT", "Chi bộ Phòng Đào tạo"),
		),
		"members": 25,
		"female_share": 0.5,
		"job_titles": ("Giảng viên", "Giảng viên chính", "Trưởng khoa", "Chuyên viên Phòng Đào tạo"),
		"schedules": {"Regular": 1},
	},
	{
		"code": "DU-CA-HP",
		"name": "Đảng ủy Công an thành phố Hải Phòng",
		"sector": "Police",
		"address": "Số 2 đường Lê Đại Hành, phường Hồng Bàng, thành phố Hải Phòng",
		"phone": "0225 3842 579",
		"branches": (
			("DU-CA-HP-CSGT", "Chi bộ Phòng Cảnh sát giao thông"),
			("DU-CA-HP-TM", "Chi bộ Phòng Tham mưu"),
			("DU-CA-HP-PHD", "Chi bộ Công an phường Hải Dương"),
		),
		"members": 32,
		"female_share": 0.15,
		"job_titles": ("Cán bộ", "Điều tra viên", "Trinh sát viên", "Đội trưởng", "Cảnh sát khu vực"),
		"schedules": {"Regular": 3, "Shift Work": 4, "Mobile": 3},
	},
	{
		"code": "DU-SO-GDDT",
		"name": "Đảng ủy Sở Giáo dục và Đào tạo",
		"sector": "State Agency",
		"address": "Số 9 đường Thanh Niên, phường Lê Thanh Nghị, thành phố Hải Phòng",
		"phone": "0225 3745 120",
		"branches": (
			("DU-SO-GDDT-VP", "Chi bộ Văn phòng Sở"),
			("DU-SO-GDDT-GDPT", "Chi bộ Phòng Giáo dục phổ thông"),
			("DU-SO-GDDT-KHTC", "Chi bộ Phòng Kế hoạch - Tài chính"),
		),
		"members": 20,
		"female_share": 0.55,
		"job_titles": (
			"Chuyên viên",
			"Chuyên viên chính",
			"Phó Trưởng phòng",
			"Trưởng phòng",
			"Kế toán viên",
		),
		"schedules": {"Regular": 9, "Frequent Travel": 1},
	},
	{
		"code": "DU-CQD-HP",
		"name": "Đảng ủy các cơ quan Đảng thành phố",
		"sector": "Party Agency",
		"address": "Số 1 đường Hoàng Diệu, phường Hồng Bàng, thành phố Hải Phòng",
		"phone": "0225 3821 064",
		"branches": (
			("DU-CQD-HP-VP", "Chi bộ Văn phòng Thành ủy"),
			("DU-CQD-HP-BTC", "Chi bộ Ban Tổ chức Thành ủy"),
			("DU-CQD-HP-BTG", "Chi bộ Ban Tuyên giáo và Dân vận Thành ủy"),
		),
		"members": 18,
		"female_share": 0.5,
		"job_titles": ("Chuyên viên", "Chuyên viên chính", "Phó Trưởng ban", "Văn thư"),
		"schedules": {"Regular": 8, "Frequent Travel": 2},
	},
	{
		"code": "DU-QS-HP",
		"name": "Đảng ủy Bộ Chỉ huy Quân sự thành phố",
		"sector": "Military",
		"address": "Phường Thành Đông, thành phố Hải Phòng",
		"phone": "0220 3862 213",
		"branches": (
			("DU-QS-HP-TM", "Chi bộ Phòng Tham mưu"),
			("DU-QS-HP-CT", "Chi bộ Phòng Chính trị"),
		),
		"members": 15,
		"female_share": 0.08,
		"job_titles": ("Trợ lý tác chiến", "Trợ lý chính trị", "Trợ lý quân lực", "Nhân viên cơ yếu"),
		"schedules": {"Regular": 6, "Shift Work": 4},
	},
)

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
INTRODUCTION_EXEMPTION = (
	"Military",
	"Ở tập trung trong doanh trại, không có nơi cư trú ngoài đơn vị.",
	2,
)

# Logins --------------------------------------------------------------------------------------

# e-mail (before the @), password, full name, role, User Permission on (the portal member's name
# is the one of their Party Member record)
DEMO_USERS = (
	("quanly", "QuanLy@Demo2026", "Nguyễn Thị Thanh Hương", "Party Residence Manager", None),
	("coquan", "CoQuan@Demo2026", "Trần Văn Hùng", "Workplace Party Officer", "DU-CTY-STB"),
	("phuong", "Phuong@Demo2026", "Lê Thị Mai", "Residence Committee Officer", "DU-P-HD"),
	("chibo", "ChiBo@Demo2026", "Phạm Văn Thắng", "Residence Branch Secretary", "DU-P-HD-TDP01"),
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
	frappe.db.commit()
	print(summary(created))


def claim_site(force: bool) -> None:
	"""The demo adds logins whose passwords are printed for anyone to read, so it runs only on a site
	of its own: one without party members, or one it was made on before."""
	if frappe.db.get_default(DEMO_MARK):
		return
	if frappe.db.count(MEMBER) and not force:
		raise frappe.ValidationError(
			f"{frappe.local.site} already has party members. The demo adds logins with published "
			"passwords, so it belongs on a site of its own (bench new-site demo.localhost "
			"--install-app party_residence). To add it here all the same: bench --site "
			f"{frappe.local.site} execute party_residence.demo.setup_demo --kwargs \"{{'force': True}}\""
		)
	frappe.db.set_default(DEMO_MARK, "1")


def complete_setup_wizard() -> None:
	"""A fresh site opens on the setup wizard; finish it the way a Vietnamese admin would."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{
			"language": "English",  # switched to Vietnamese by configure_site()
			"country": "Vietnam",
			"timezone": "Asia/Ho_Chi_Minh",
			"currency": "VND",
		}
	)


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
	rows = [_organization(code, name, "Committee", "", None) for code, name in PROVINCES]
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
			)
		)
		rows.extend(
			_organization(code, name, "Branch", "Workplace", committee["code"])
			for code, name in committee["branches"]
		)
	return rows


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
	existing = set(frappe.get_all(ORGANIZATION, pluck="name"))
	created = 0
	for row in rows:
		if row["organization_code"] not in existing:
			frappe.get_doc(row).insert(ignore_permissions=True)
			created += 1
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
			member.update(exemption=EXEMPT_FROM_ACTIVITY, exemption_reason=reason)

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


# Summary ---------------------------------------------------------------------------------------


def summary(created: frappe._dict) -> str:
	organizations = frappe.db.count(ORGANIZATION)
	members = frappe.db.count(MEMBER)
	lines = [
		f"{frappe.local.site} has {organizations} party organizations ({created.organizations} new), "
		f"{members} party members ({created.members} new) and {len(DEMO_USERS)} demo logins "
		f"({created.users} new).",
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
