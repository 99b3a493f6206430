"""A city-size population for the benchmark (scripts/benchmark.sh) and for trying the app at scale.

A city committee with about 100 commune and ward committees and 2,000 residential branches, six
sector blocs with about 500 workplace organizations, 200,000 party members, and the procedure
at every step: introductions (most acknowledged, some on their way or returned), branch
meetings with attendance, the annual review of the last full year with its requests and reviews,
and a few on-demand requests. The same seed gives the same population.

The ORM would take hours for this, so the rows are built in memory, checked set-wise against
the rules the controllers apply (check_organizations, check_members, ...) and written with
frappe.db.bulk_insert. Names of naming-series DocTypes are taken from their series
(naming.reserve_names), so what the series hands out later never collides; the organization
tree's nested set is rebuilt afterwards.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import frappe
from frappe.utils import add_days, getdate, now_datetime, today
from frappe.utils.nestedset import rebuild_tree
from frappe.utils.password import update_password
from party_residence import liaison, roles, validators, verification
from party_residence.devtools import demo
from party_residence.meetings import title as meeting_title
from party_residence.naming import reserve_names
from party_residence.permissions import clear_scope_cache
from party_residence.reviews import active_criteria, dedupe_key, levels
from party_residence.working_days import add_working_days

ORGANIZATION = "Party Organization"
MEMBER = "Party Member"
INTRODUCTION = "Residence Introduction"
MEETING = "Residence Branch Meeting"
ATTENDANCE = "Meeting Attendance"
REQUEST = "Residence Review Request"
REVIEW = "Residence Review"
RATING = "Residence Review Rating"

MARK = "party_residence_population"  # a default holding the size and seed of a finished population
CHUNK = 10_000
REVIEW_YEAR = 2025  # the last full year: its annual review is done
CURRENT_YEAR = 2026
FIRST_INTRODUCTION_YEAR = 2019
USER_DOMAIN = "scale.dangvien.vn"
PASSWORD = "Scale@Bench2026"  # benchmark site only; published in the README

# sector, bloc code, bloc name, share of the members, share of the workplace committees
SECTORS = (
	("Enterprise and Cooperative", "DN", "Đảng ủy Khối Doanh nghiệp", 0.52, 0.50),
	("Public Service Unit", "SN", "Đảng ủy Khối Sự nghiệp", 0.25, 0.25),
	("State Agency", "CQ", "Đảng ủy Khối Chính quyền", 0.08, 0.10),
	("Police", "CA", "Đảng ủy Công an thành phố", 0.07, 0.06),
	("Party Agency", "CD", "Đảng ủy các cơ quan Đảng thành phố", 0.05, 0.05),
	("Military", "QS", "Đảng ủy Quân sự thành phố", 0.03, 0.04),
)
WORKPLACE_KIND = {
	"Enterprise and Cooperative": ("Đảng ủy Công ty", "Chi bộ Phân xưởng"),
	"Public Service Unit": ("Đảng ủy Trường", "Chi bộ Khoa"),
	"State Agency": ("Đảng ủy Sở", "Chi bộ Phòng"),
	"Police": ("Đảng ủy Công an", "Chi bộ Đội"),
	"Party Agency": ("Đảng ủy Ban", "Chi bộ Phòng"),
	"Military": ("Đảng ủy Trung đoàn", "Chi bộ Tiểu đoàn"),
}
JOB_TITLES = ("Chuyên viên", "Kỹ sư", "Giáo viên", "Bác sĩ", "Cán bộ", "Kế toán", "Trưởng phòng", "Nhân viên")
SCHEDULES = {"Regular": 80, "Shift Work": 10, "Frequent Travel": 6, "Mobile": 4}
STREETS = ("Lê Lợi", "Trần Phú", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Bạch Đằng", "Lạch Tray")
ATTENDANCE_MARKS = ("Present", "Excused", "Absent")
PROPOSALS = {"No Proposal": 84, "Commend": 15, "Consider Discipline": 1}

# shares of the members living in the city, by where their introduction stands
PROBATION_SHARE = 0.03
OUTSIDE_CITY_SHARE = 0.03  # introduced to a ward of another province, which is not in this site
NOT_INTRODUCED_SHARE = 0.05
OPEN_STATES = {"Sent": 0.01, "Received": 0.005, "Assigned": 0.005, "Returned": 0.01}
EXEMPT_FROM_ACTIVITY_SHARE = 0.03
BARRACKS_SHARE = {"Military": 0.4, "Police": 0.1}  # exempt from introduction
ANSWERED_SHARE = 0.88
PENDING_REVIEW_SHARE = 0.4  # of the unanswered requests, a review awaits the ward's confirmation
ON_DEMAND_REQUESTS = 0.005


@dataclass(frozen=True)
class Size:
	wards: int = 100
	branches_per_ward: int = 20
	workplace_committees: int = 80  # spread over the six sector blocs, at least one each
	branches_per_workplace_committee: int = 5
	members: int = 200_000
	portal_users: int = 40


CITY = Size()
TINY = Size(
	wards=1, branches_per_ward=3, workplace_committees=6, branches_per_workplace_committee=1, members=50
)


class PopulationError(frappe.ValidationError):
	pass


# Entry points --------------------------------------------------------------------------------------


def ensure(size: Size = CITY, seed: int = 213, prefix: str = "SC") -> bool:
	"""Generate the population once (bench execute party_residence.devtools.population.ensure).
	Returns False when it is already there."""
	mark = f"{prefix}|{seed}|{size}"
	if frappe.db.get_default(MARK) == mark:
		return False
	if frappe.db.exists(ORGANIZATION, f"{prefix}-TU"):
		frappe.throw(
			f"An unfinished or different population ({prefix}-TU) is on this site: drop the site and run again.",
			PopulationError,
		)
	from party_residence.devtools.demo import data_of_its_own

	if held := data_of_its_own():
		# the population adds logins whose password is published: never on a site with data
		frappe.throw(
			f"{frappe.local.site} already holds {held}; the benchmark's population goes on a site of its own.",
			PopulationError,
		)
	generate(size, seed, prefix, commit=True)
	frappe.db.set_default(MARK, mark)
	frappe.db.commit()
	return True


def generate(size: Size, seed: int, prefix: str, commit: bool = False, log=print) -> frappe._dict:
	"""Build, check and write the population; returns what was written, by kind.
	`commit` commits after each chunk (off inside a test's transaction)."""
	started = now_datetime()
	city = City(size, random.Random(seed), prefix)
	city.build_organizations()
	check_organizations(city.organizations)
	write(ORGANIZATION, city.organizations, commit)
	rebuild_tree(ORGANIZATION)
	clear_scope_cache()
	log(f"organizations: {len(city.organizations)}")

	city.build_members()
	city.build_introductions()
	check_members(city.members, city.by_code)
	check_introductions(city.introductions, city.by_code)
	write(MEMBER, city.members, commit)
	log(f"members: {len(city.members)}")
	write(INTRODUCTION, city.introductions, commit)
	log(f"introductions: {len(city.introductions)}")

	meetings = attendance = 0
	for meeting_rows, attendance_rows in city.build_meetings():
		check_attendance(meeting_rows, attendance_rows, city.members_by_name)
		write(MEETING, meeting_rows, commit)
		write(ATTENDANCE, attendance_rows, commit)
		meetings += len(meeting_rows)
		attendance += len(attendance_rows)
	log(f"meetings: {meetings}, attendance rows: {attendance}")

	city.build_reviews()
	check_requests(city.requests, city.members_by_name)
	write(REQUEST, city.requests, commit)
	write(REVIEW, city.reviews, commit)
	write(RATING, city.ratings, commit)
	log(f"review requests: {len(city.requests)}, reviews: {len(city.reviews)}")

	users = city.make_users() if size.portal_users else {}
	if commit:
		frappe.db.commit()
	log(f"generated in {(now_datetime() - started).total_seconds():.0f} s")
	return frappe._dict(
		root=city.root,
		organizations=len(city.organizations),
		members=len(city.members),
		introductions=len(city.introductions),
		meetings=meetings,
		attendance=attendance,
		requests=len(city.requests),
		reviews=len(city.reviews),
		users=users,
	)


def write(doctype: str, rows: list[dict], commit: bool) -> None:
	if not rows:
		return
	if doctype in verification.VERIFIABLE:
		for row in rows:
			row.setdefault(verification.FIELD, verification.new_code())
	# a field the site's schema does not have yet (a newer checkout than its last migrate) is left out
	fields = [field for field in rows[0] if field == "name" or frappe.db.has_column(doctype, field)]
	for start in range(0, len(rows), CHUNK):
		chunk = rows[start : start + CHUNK]
		frappe.db.bulk_insert(doctype, fields, [[row[field] for field in fields] for row in chunk])
		if commit:
			frappe.db.commit()


# The population ---------------------------------------------------------------------------------


def _stamp(moment: datetime, user: str = "Administrator") -> dict:
	return {"owner": user, "modified_by": user, "creation": moment, "modified": moment, "docstatus": 0}


def _at(rng: random.Random, day: date, first: int = 8, last: int = 16) -> datetime:
	return datetime.combine(day, time(rng.randint(first, last), rng.randrange(60), rng.randrange(60)))


def _day_between(rng: random.Random, first: date, last: date) -> date:
	return first + timedelta(days=rng.randrange(max(1, (last - first).days + 1)))


class City:
	def __init__(self, size: Size, rng: random.Random, prefix: str):
		self.size, self.rng, self.prefix = size, rng, prefix
		self.root = f"{prefix}-TU"
		self.organizations: list[dict] = []
		self.by_code: dict[str, dict] = {}
		self.wards: list[str] = []
		self.branches_of: dict[str, list[str]] = defaultdict(list)
		self.workplace_branches: dict[str, list[str]] = defaultdict(list)  # sector -> branches
		self.members: list[dict] = []
		self.plans: dict[str, tuple] = {}  # member -> (state of their letter, branch of their area)
		self.members_by_name: dict[str, dict] = {}
		self.letters: dict[str, dict] = {}  # member -> their last letter
		self.introductions: list[dict] = []
		self.attendance_of: dict[str, Counter] = defaultdict(Counter)  # member -> marks in REVIEW_YEAR
		self.requests: list[dict] = []
		self.reviews: list[dict] = []
		self.ratings: list[dict] = []
		self.created = datetime(2024, 9, 1, 8, 0)

	# Organizations

	def organization(self, code, name, organization_type, side, parent, sector=None, **values):
		row = {
			"name": code,
			"organization_code": code,
			"organization_name": name,
			"parent_party_organization": parent,
			"organization_type": organization_type,
			"side": side,
			"sector": sector,
			"is_group": int(organization_type == "Committee"),
			"residential_area": values.get("residential_area"),
			"address": values.get("address"),
			"phone": None,
			"email": None,
			"place_name": "Thành phố Mẫu",
			"signer_title": "Bí thư",
			"signer_name": None,
			"lft": 0,
			"rgt": 0,
			"old_parent": parent,
			**_stamp(self.created),
		}
		self.organizations.append(row)
		self.by_code[code] = row
		return code

	def build_organizations(self) -> None:
		size, prefix = self.size, self.prefix
		self.organization(self.root, "Thành ủy Thành phố Mẫu", "Committee", None, None)
		for w in range(1, size.wards + 1):
			kind = "xã" if w % 5 == 0 else "phường"
			ward = self.organization(
				f"{prefix}-P{w:03d}", f"Đảng ủy {kind} Mẫu {w}", "Committee", "Residence", self.root
			)
			self.wards.append(ward)
			for b in range(1, size.branches_per_ward + 1):
				area = f"Tổ dân phố số {b}" if kind == "phường" else f"Thôn {b}"
				branch = self.organization(
					f"{ward}-T{b:02d}",
					f"Chi bộ {area}",
					"Branch",
					"Residence",
					ward,
					residential_area=area,
					address=f"Nhà văn hóa {area.lower()}, {kind} Mẫu {w}",
				)
				self.branches_of[ward].append(branch)

		counts = _split(size.workplace_committees, [share for *_, share in SECTORS], minimum=1)
		for (sector, code, bloc_name, _member_share, _share), committees in zip(SECTORS, counts, strict=True):
			bloc = self.organization(
				f"{prefix}-K{code}", bloc_name, "Committee", "Workplace", self.root, sector
			)
			committee_kind, branch_kind = WORKPLACE_KIND[sector]
			for c in range(1, committees + 1):
				# a child without a sector of its own inherits its bloc's (Party Organization.set_sector)
				committee = self.organization(
					f"{bloc}-{c:03d}", f"{committee_kind} Mẫu {c}", "Committee", "Workplace", bloc, sector
				)
				for b in range(1, size.branches_per_workplace_committee + 1):
					branch = self.organization(
						f"{committee}-CB{b:02d}",
						f"{branch_kind} {b}",
						"Branch",
						"Workplace",
						committee,
						sector,
					)
					self.workplace_branches[sector].append(branch)

	# Members

	def build_members(self) -> None:
		rng, size = self.rng, self.size
		counts = _split(size.members, [share for _s, _c, _n, share, _cs in SECTORS])
		names = reserve_names("DV-.######", size.members)
		cards, citizen_ids = set(), set()
		name_iter = iter(names)
		for (sector, *_rest), count in zip(SECTORS, counts, strict=True):
			branches = self.workplace_branches[sector]
			for index in range(count):
				member = self.make_member(next(name_iter), sector, branches[index % len(branches)])
				while member["citizen_id"] in citizen_ids:
					member["citizen_id"] = demo.citizen_id(
						rng, member["gender"], member["date_of_birth"], False
					)
				citizen_ids.add(member["citizen_id"])
				if member["party_card_number"]:
					while member["party_card_number"] in cards:
						member["party_card_number"] = demo.party_card_number(rng)
					cards.add(member["party_card_number"])
				self.members.append(member)
		self.avoid_taken_identifiers(cards, citizen_ids)
		self.members_by_name = {member["name"]: member for member in self.members}

	def avoid_taken_identifiers(self, cards: set, citizen_ids: set) -> None:
		"""Identifiers already on the site (e.g. another data set) are drawn again."""
		taken_ids = _existing("citizen_id", citizen_ids)
		taken_cards = _existing("party_card_number", cards)
		for member in self.members:
			if member["citizen_id"] in taken_ids:
				while member["citizen_id"] in taken_ids or member["citizen_id"] in citizen_ids:
					member["citizen_id"] = demo.citizen_id(
						self.rng, member["gender"], member["date_of_birth"], False
					)
				citizen_ids.add(member["citizen_id"])
			if member["party_card_number"] in taken_cards:
				while member["party_card_number"] in taken_cards or member["party_card_number"] in cards:
					member["party_card_number"] = demo.party_card_number(self.rng)
				cards.add(member["party_card_number"])

	def make_member(self, name: str, sector: str, workplace: str) -> dict:
		rng = self.rng
		gender = "Female" if rng.random() < 0.4 else "Male"
		on_probation = rng.random() < PROBATION_SHARE
		if on_probation:
			birth = date(rng.randint(1996, 2004), 1, 1) + timedelta(days=rng.randrange(365))
			joined, official = _day_between(rng, date(2025, 7, 1), date(2026, 5, 31)), None
		else:
			birth = date(min(2002, int(rng.triangular(1962, 2003, 1982))), 1, 1) + timedelta(
				days=rng.randrange(365)
			)
			age = min(40, int(rng.triangular(18, 41, 25)))
			joined = min(
				demo.add_years(birth, age) + timedelta(days=rng.randrange(1, 365)), date(2025, 5, 31)
			)
			joined = max(joined, demo.add_years(birth, 18))
			official = demo.add_years(joined, 1)
		full_name = demo.vietnamese_name(rng, gender, birth.year)
		moment = _at(rng, _day_between(rng, date(2024, 9, 1), date(2026, 5, 31)))
		member = {
			"name": name,
			"full_name": full_name,
			"gender": gender,
			"date_of_birth": birth,
			"date_joined": joined,
			"date_official": official,
			"party_card_number": None if on_probation else demo.party_card_number(rng),
			"citizen_id": demo.citizen_id(rng, gender, birth, False),
			"job_title": rng.choice(JOB_TITLES),
			"work_schedule": demo.weighted_choice(rng, SCHEDULES),
			"workplace_organization": workplace,
			"sector": sector,
			"phone": demo.mobile_number(rng),
			"email": None,
			"user": None,
			"residence_type": "Temporary" if rng.random() < 0.07 else "Permanent",
			"residence_committee": None,
			"residence_branch": None,
			"residence_address": None,
			"liaison_status": liaison.NOT_INTRODUCED,
			"exemption": None,
			"exemption_reason": None,
			"exemption_from": None,
			**_stamp(moment),
		}
		self.plans[name] = self.place(member, sector, on_probation)
		return member

	def place(self, member: dict, sector: str, on_probation: bool) -> tuple[str | None, str | None]:
		"""Where the member lives and where their introduction stands: returns the state of their
		letter (None when they have none) and the branch of their area."""
		rng = self.rng
		house = rng.randint(1, 250)
		if rng.random() < BARRACKS_SHARE.get(sector, 0):
			member.update(
				residence_address=f"Doanh trại đơn vị, {self.by_code[self.wards[0]]['organization_name']}",
				exemption=liaison.EXEMPT_FROM_INTRODUCTION,
				exemption_reason="Ở tập trung trong doanh trại",
				exemption_from=date(2024, 9, 9),
				liaison_status=liaison.EXEMPT,
			)
			return None, None
		if rng.random() < OUTSIDE_CITY_SHARE:
			member["residence_address"] = f"Số {house} đường Lê Lợi, phường Trung tâm, tỉnh Khác"
			return None, None
		ward = rng.choice(self.wards)
		branch = rng.choice(self.branches_of[ward])
		area = self.by_code[branch]["residential_area"]
		member["residence_committee"] = ward
		member["residence_address"] = (
			f"Số {house} phố {rng.choice(STREETS)}, {area.lower()}, {self.by_code[ward]['organization_name'][8:]}"
		)
		draw = rng.random()
		if on_probation or draw < NOT_INTRODUCED_SHARE:
			return None, None
		draw -= NOT_INTRODUCED_SHARE
		for state, share in OPEN_STATES.items():
			if draw < share:
				if state == "Assigned":
					member["residence_branch"] = branch
				if state != "Returned":
					member["liaison_status"] = liaison.INTRODUCED
				return state, branch
			draw -= share
		member.update(residence_branch=branch, liaison_status=liaison.ACTIVE)
		if rng.random() < EXEMPT_FROM_ACTIVITY_SHARE:
			member.update(
				exemption=liaison.EXEMPT_FROM_ACTIVITY,
				exemption_reason="Làm việc theo ca, thường xuyên đi công tác xa",
				exemption_from=date(2024, 9, 9),
			)
		return "Acknowledged", branch

	# Introductions

	def build_introductions(self) -> None:
		rng = self.rng
		planned = []
		for member in self.members:
			state, branch = self.plans[member["name"]]
			if not state:
				continue
			if state == "Acknowledged":
				first = max(date(FIRST_INTRODUCTION_YEAR, 1, 2), add_days(member["date_joined"], 30))
				day = _day_between(rng, getdate(first), date(REVIEW_YEAR, 12, 10))
			else:
				day = _day_between(rng, date(CURRENT_YEAR, 3, 1), date(CURRENT_YEAR, 6, 20))
			planned.append((day, member, state, branch))
		planned.sort(key=lambda plan: plan[0])
		by_year = Counter(day.year for day, *_ in planned)
		names = {year: iter(reserve_names(f"GT-{year}-.#####", count)) for year, count in by_year.items()}
		committees = {}
		for day, member, state, branch in planned:
			letter = self.letter(next(names[day.year]), day, member, state, branch, committees)
			self.introductions.append(letter)
			self.letters[member["name"]] = letter

	def letter(self, name, day, member, state, branch, committees) -> dict:
		rng = self.rng
		workplace = member["workplace_organization"]
		sent = _at(rng, day)
		received = _at(rng, add_days(day, rng.randint(1, 3))) if state != "Sent" else None
		assigned = (
			received + timedelta(hours=rng.randint(1, 30)) if state in ("Assigned", "Acknowledged") else None
		)
		acknowledged = assigned + timedelta(days=rng.randint(1, 4)) if state == "Acknowledged" else None
		if state == "Returned":
			received = None
		due = {"Sent": sent, "Received": received, "Assigned": assigned}.get(state)
		if workplace not in committees:
			committees[workplace] = self.by_code[workplace]["parent_party_organization"]
		if acknowledged:
			member["modified"] = max(member["modified"], acknowledged)
		return {
			"name": name,
			"party_member": member["name"],
			"member_name": member["full_name"],
			"exempt_from_activity": int(member["exemption"] == liaison.EXEMPT_FROM_ACTIVITY),
			"workplace_organization": workplace,
			"sector": member["sector"],
			"issuing_committee": committees[workplace],
			"residence_address": member["residence_address"],
			"residence_committee": member["residence_committee"],
			"residence_branch": branch if state in ("Assigned", "Acknowledged") else None,
			"introduction_date": day,
			"due_date": add_working_days(due, 3) if due else None,
			"sent_on": sent,
			"received_on": received,
			"assigned_on": assigned,
			"acknowledged_on": acknowledged,
			"return_reason": "Địa chỉ cư trú không đúng" if state == "Returned" else None,
			"workflow_state": state,
			**_stamp(sent),
			"modified": acknowledged or assigned or received or sent,
			"docstatus": 1,
		}

	# Branch life

	def build_meetings(self):
		"""(meetings, attendance rows) one year at a time: the working members' meetings each June
		and December and the people's meetings each March and September of the review year, the
		June meeting of this year and the coming one, not held yet."""
		rng = self.rng
		attendees = defaultdict(list)
		for member in self.members:
			if (
				member["liaison_status"] == liaison.ACTIVE
				and member["exemption"] != liaison.EXEMPT_FROM_ACTIVITY
			):
				attendees[member["residence_branch"]].append(member)
		habit = {
			member["name"]: rng.betavariate(8, 1.5) for branch in attendees.values() for member in branch
		}
		coming = getdate(add_days(today(), 14))
		plans = {
			REVIEW_YEAR: (
				("People's Meeting", 3),
				("Meeting with Working Members", 6),
				("People's Meeting", 9),
				("Meeting with Working Members", 12),
			),
			CURRENT_YEAR: (("Meeting with Working Members", 6),),
		}
		for year, plan in plans.items():
			schedule = [
				(branch, kind, date(year, month, rng.randint(5, 25)))
				for ward in self.wards
				for branch in self.branches_of[ward]
				for kind, month in plan
			]
			if year == CURRENT_YEAR:
				schedule += [
					(branch, "Meeting with Working Members", coming)
					for ward in self.wards
					for branch in self.branches_of[ward]
				]
			by_year = Counter(day.year for *_rest, day in schedule)
			names = {y: iter(reserve_names(f"SH-{y}-.#####", n)) for y, n in by_year.items()}
			meetings, rows = [], []
			for branch, kind, day in sorted(schedule, key=lambda plan: plan[2]):
				held = day < getdate(today())
				name = next(names[day.year])
				listed = [
					member
					for member in attendees[branch]
					if (self.letters[member["name"]]["acknowledged_on"] or datetime.max).date() < day
				]
				marks = Counter()
				moment = _at(rng, day, 19, 21) if held else _at(rng, add_days(day, -10))
				for idx, member in enumerate(listed, start=1):
					mark = None
					if held:
						draw = rng.random()
						p = habit[member["name"]]
						mark = (
							"Present" if draw < p else ("Excused" if draw < p + (1 - p) * 0.7 else "Absent")
						)
						marks[mark] += 1
						if year == REVIEW_YEAR:
							self.attendance_of[member["name"]][mark] += 1
					rows.append(
						{
							"name": f"{name}-{idx:03d}",
							"parent": name,
							"parenttype": MEETING,
							"parentfield": "attendance",
							"idx": idx,
							"party_member": member["name"],
							"member_name": member["full_name"],
							"attendance": mark,
							"note": "Đi công tác" if mark == "Excused" else None,
							**_stamp(moment),
							"docstatus": int(held),
						}
					)
				values = frappe._dict(meeting_type=kind, meeting_date=day)
				meetings.append(
					{
						"name": name,
						"residence_branch": branch,
						"meeting_type": kind,
						"meeting_title": meeting_title(values),
						"meeting_date": day,
						"meeting_time": "19:30:00",
						"place": self.by_code[branch]["address"],
						"agenda": "Thông tin thời sự; kết quả thực hiện nhiệm vụ của đảng viên nơi cư trú",
						"invited_count": len(listed),
						"present_count": marks["Present"],
						"excused_count": marks["Excused"],
						"absent_count": marks["Absent"],
						**_stamp(moment),
						"docstatus": int(held),
					}
				)
			yield meetings, rows

	# Reviews

	def build_reviews(self) -> None:
		rng = self.rng
		criteria = active_criteria("Standard")
		# the form each review was made with, as the controller keeps it (reviews.criteria_snapshot)
		self.snapshot = json.dumps(
			[
				{"criterion": c.name, "criterion_text": c.criterion, "rating_options": c.rating_options}
				for c in criteria
			],
			ensure_ascii=False,
		)
		eligible = [
			member
			for member in self.members
			if member["liaison_status"] == liaison.ACTIVE
			and member["exemption"] != liaison.EXEMPT_FROM_ACTIVITY
			and self.letters[member["name"]]["acknowledged_on"].date() < date(REVIEW_YEAR, 11, 1)
		]
		# each workplace committee runs its campaign on a day of November
		requested = {}
		request_names = iter(reserve_names(f"XYK-{REVIEW_YEAR}-.#####", len(eligible)))
		answered = [member for member in eligible if rng.random() < ANSWERED_SHARE]
		answered_set = {member["name"] for member in answered}
		pending = [
			m for m in eligible if m["name"] not in answered_set and rng.random() < PENDING_REVIEW_SHARE
		]
		review_names = iter(reserve_names(f"NX-{REVIEW_YEAR}-.#####", len(answered) + len(pending)))
		pending_set = {member["name"] for member in pending}
		for member in eligible:
			committee = self.by_code[member["workplace_organization"]]["parent_party_organization"]
			if committee not in requested:
				day = date(REVIEW_YEAR, 11, rng.randint(10, 20))
				requested[committee] = (day, add_working_days(day, 3))
			day, due = requested[committee]
			request = self.request(
				next(request_names), member, committee, "Annual Review", REVIEW_YEAR, day, due
			)
			if member["name"] in answered_set or member["name"] in pending_set:
				review = self.review(
					next(review_names), request, member, criteria, member["name"] in pending_set
				)
				if review["docstatus"] == 1:
					request.update(
						workflow_state="Answered",
						residence_review=review["name"],
						modified=review["confirmed_on"],
					)
			self.requests.append(request)

		# reviews on demand this year: cadre work and admissions, still unanswered
		on_demand = rng.sample(eligible, int(len(eligible) * ON_DEMAND_REQUESTS))
		names = iter(reserve_names(f"XYK-{CURRENT_YEAR}-.#####", len(on_demand)))
		for member in on_demand:
			committee = self.by_code[member["workplace_organization"]]["parent_party_organization"]
			day = _day_between(rng, date(CURRENT_YEAR, 3, 1), date(CURRENT_YEAR, 6, 20))
			purpose = rng.choice(("Cadre Work", "Party Admission"))
			self.requests.append(
				self.request(
					next(names), member, committee, purpose, CURRENT_YEAR, day, add_working_days(day, 3)
				)
			)

	def request(self, name, member, committee, purpose, year, day, due) -> dict:
		moment = _at(self.rng, day)
		return {
			"name": name,
			"party_member": member["name"],
			"member_name": member["full_name"],
			"workplace_organization": member["workplace_organization"],
			"sector": member["sector"],
			"issuing_committee": committee,
			"residence_committee": member["residence_committee"],
			"residence_branch": member["residence_branch"],
			"purpose": purpose,
			"review_year": year,
			"requested_on": day,
			"due_date": due,
			"residence_review": None,
			"campaign": None,
			"workflow_state": "Sent",
			"dedupe_key": dedupe_key(member["name"], year, purpose),
			**_stamp(moment),
			"docstatus": 1,
		}

	def review(self, name, request, member, criteria, pending: bool) -> dict:
		rng = self.rng
		marks = self.attendance_of[member["name"]]
		meetings, present = sum(marks.values()), marks["Present"]
		written = _at(rng, add_days(request["requested_on"], rng.randint(1, 3)))
		confirmed = None if pending else written + timedelta(hours=rng.randint(2, 48))
		received = confirmed + timedelta(days=rng.randint(1, 5)) if confirmed and rng.random() < 0.8 else None
		proposal = demo.weighted_choice(rng, PROPOSALS)
		for idx, criterion in enumerate(criteria, start=1):
			options = levels(criterion.rating_options)
			if idx == 3 and meetings:  # meetings attended
				rating = options[0] if present == meetings else options[1] if present else options[2]
			else:
				rating = (
					options[0]
					if proposal == "Commend"
					else options[2 if proposal == "Consider Discipline" else rng.choice((0, 0, 1))]
				)
			self.ratings.append(
				{
					"name": f"{name}-{idx}",
					"parent": name,
					"parenttype": REVIEW,
					"parentfield": "ratings",
					"idx": idx,
					"criterion": criterion.name,
					"criterion_text": criterion.criterion,
					"rating": rating,
					"rating_options": criterion.rating_options,
					"comment": None,
					**_stamp(written),
					"docstatus": 0 if pending else 1,
				}
			)
		state = "Pending Confirmation" if pending else ("Received" if received else "Confirmed")
		review = {
			"name": name,
			"review_request": request["name"],
			"party_member": member["name"],
			"member_name": member["full_name"],
			"review_year": request["review_year"],
			"purpose": request["purpose"],
			"residence_branch": member["residence_branch"],
			"residence_committee": member["residence_committee"],
			"workplace_organization": member["workplace_organization"],
			"sector": member["sector"],
			"variant": "Standard",
			"criteria_snapshot": self.snapshot,
			"met_with_front_committee": 1,
			"meetings_attended": present,
			"meetings_total": meetings,
			"proposal": proposal,
			"other_comments": None,
			"confirmed_on": confirmed,
			"received_on": received,
			"workflow_state": state,
			**_stamp(written),
			"modified": received or confirmed or written,
			"docstatus": 0 if pending else 1,
		}
		self.reviews.append(review)
		return review

	# Logins

	def make_users(self) -> dict[str, list[str]]:
		"""One login per staff role with a scope to benchmark, and portal logins for members."""
		first_ward = self.wards[0]
		staff = {
			"branch_secretary": ("chibo", roles.BRANCH_SECRETARY, [self.branches_of[first_ward][0]]),
			"ward_officer": ("phuong", roles.COMMITTEE_OFFICER, [first_ward]),
			"enterprise_officer": ("khoidn", roles.WORKPLACE_OFFICER, [f"{self.prefix}-KDN"]),
			"public_service_officer": ("khoisn", roles.WORKPLACE_OFFICER, [f"{self.prefix}-KSN"]),
			"manager": ("quanly", roles.MANAGER, []),
		}
		users = {}
		for key, (login, role, scope) in staff.items():
			email = f"{login}@{USER_DOMAIN}"
			make_user(email, role, login, scope)
			users[key] = [email]
		# portal members: active ones, spread over the branches
		active = [m for m in self.members if m["liaison_status"] == liaison.ACTIVE and not m["exemption"]]
		step = max(1, len(active) // self.size.portal_users)
		portal = []
		member = frappe.qb.DocType(MEMBER)
		for index, row in enumerate(active[::step][: self.size.portal_users], start=1):
			email = f"dangvien{index:03d}@{USER_DOMAIN}"
			make_user(email, "Party Member", row["full_name"], [])
			frappe.qb.update(member).set(member.user, email).set(member.email, email).where(
				member.name == row["name"]
			).run()
			portal.append(email)
		users["portal"] = portal
		return users


def make_user(email: str, role: str, full_name: str, scope: list[str]) -> None:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
		update_password(email, PASSWORD)
	for organization in scope:
		values = {"user": email, "allow": ORGANIZATION, "for_value": organization}
		if not frappe.db.exists("User Permission", values):
			frappe.get_doc({"doctype": "User Permission", "apply_to_all_doctypes": 1, **values}).insert(
				ignore_permissions=True
			)


def _split(total: int, shares: list[float], minimum: int = 0) -> list[int]:
	"""`total` split by `shares`, each part at least `minimum`, the rounding left to the largest."""
	parts = [max(minimum, int(total * share)) for share in shares]
	parts[0] += total - sum(parts)
	return parts


def _existing(field: str, values: set) -> set:
	found = set()
	values = sorted(values)
	for start in range(0, len(values), 5000):
		found.update(
			frappe.get_all(MEMBER, filters={field: ("in", values[start : start + 5000])}, pluck=field)
		)
	return found


# Set-wise checks: the controllers' rules, over every row before it is written --------------------


def _fail(problems: list[str]) -> None:
	if problems:
		frappe.throw("\n".join(problems[:20]) + f"\n({len(problems)} problems)", PopulationError)


def check_organizations(rows: list[dict]) -> None:
	by_code = {row["name"]: row for row in rows}
	problems = []
	if len(by_code) != len(rows):
		problems.append("duplicate organization codes")
	taken = set(frappe.get_all(ORGANIZATION, filters={"name": ("in", list(by_code))}, pluck="name"))
	problems += [f"{code}: already exists" for code in taken]
	for row in rows:
		parent = by_code.get(row["parent_party_organization"])
		if row["organization_type"] == "Branch" and not parent:
			problems.append(f"{row['name']}: a branch needs a parent committee")
		if not parent:
			continue
		if parent["organization_type"] != "Committee":
			problems.append(f"{row['name']}: its parent is a branch")
		if parent["side"] and parent["side"] != row["side"]:
			problems.append(f"{row['name']}: another side than its parent")
		if row["side"] == "Workplace" and parent["side"] == "Workplace" and row["sector"] != parent["sector"]:
			problems.append(f"{row['name']}: does not inherit its parent's sector")
		if row["side"] != "Workplace" and row["sector"]:
			problems.append(f"{row['name']}: a sector outside the workplace side")
	_fail(problems)


def check_members(rows: list[dict], organizations: dict[str, dict]) -> None:
	problems = []
	on = getdate(today())
	for field in ("citizen_id", "party_card_number"):
		values = [row[field] for row in rows if row[field]]
		if len(values) != len(set(values)):
			problems.append(f"duplicate {field} in the population")
		problems += [f"{field} {value} already on the site" for value in _existing(field, set(values))]
	for row in rows:
		name = row["name"]
		if row["citizen_id"] and not validators.is_valid_citizen_id(row["citizen_id"]):
			problems.append(f"{name}: citizen ID {row['citizen_id']} is not 12 digits")
		if problem := validators.member_dates_problem(
			row["date_of_birth"], row["date_joined"], row["date_official"], on
		):
			problems.append(f"{name}: dates {problem}")
		workplace = organizations.get(row["workplace_organization"])
		if not workplace or workplace["side"] != "Workplace":
			problems.append(f"{name}: workplace organization not on the workplace side")
		elif row["sector"] != workplace["sector"]:
			problems.append(f"{name}: sector not inherited from the workplace organization")
		committee = organizations.get(row["residence_committee"]) if row["residence_committee"] else None
		if row["residence_committee"] and (
			not committee or committee["side"] != "Residence" or committee["organization_type"] != "Committee"
		):
			problems.append(f"{name}: residence committee is not a residence committee")
		if row["residence_branch"]:
			branch = organizations.get(row["residence_branch"])
			if not branch or branch["organization_type"] != "Branch" or branch["side"] != "Residence":
				problems.append(f"{name}: residence branch is not a residential branch")
			elif branch["parent_party_organization"] != row["residence_committee"]:
				problems.append(f"{name}: residence branch is not under the residence committee")
		if row["exemption"] and not row["exemption_reason"]:
			problems.append(f"{name}: exemption without a reason")
		if row["exemption"] == liaison.EXEMPT_FROM_INTRODUCTION and row["liaison_status"] != liaison.EXEMPT:
			problems.append(f"{name}: exempt from introduction but {row['liaison_status']}")
		if not row["residence_address"]:
			problems.append(f"{name}: no residence address")
	_fail(problems)


def check_introductions(rows: list[dict], organizations: dict[str, dict]) -> None:
	problems = []
	open_letters = Counter(
		row["party_member"] for row in rows if row["workflow_state"] in ("Sent", "Received", "Assigned")
	)
	problems += [f"{member}: two open introductions" for member, count in open_letters.items() if count > 1]
	for row in rows:
		branch = row["residence_branch"]
		if branch and organizations[branch]["parent_party_organization"] != row["residence_committee"]:
			problems.append(f"{row['name']}: branch not under the committee")
		stamps = [row[f] for f in ("sent_on", "received_on", "assigned_on", "acknowledged_on") if row[f]]
		if stamps != sorted(stamps):
			problems.append(f"{row['name']}: steps out of order")
	_fail(problems)


def check_attendance(meetings: list[dict], rows: list[dict], members: dict[str, dict]) -> None:
	branch_of = {meeting["name"]: meeting["residence_branch"] for meeting in meetings}
	problems = []
	seen = Counter((row["parent"], row["party_member"]) for row in rows)
	problems += [
		f"{meeting}: {member} listed twice" for (meeting, member), count in seen.items() if count > 1
	]
	for row in rows:
		if members[row["party_member"]]["residence_branch"] != branch_of[row["parent"]]:
			problems.append(f"{row['parent']}: {row['party_member']} is not a member of the branch")
	_fail(problems)


def check_requests(rows: list[dict], members: dict[str, dict]) -> None:
	problems = []
	keys = Counter(row["dedupe_key"] for row in rows)
	problems += [f"{key}: requested twice" for key, count in keys.items() if count > 1]
	taken = set()
	keys = list(keys)
	for start in range(0, len(keys), 5000):
		taken.update(
			frappe.get_all(
				REQUEST, filters={"dedupe_key": ("in", keys[start : start + 5000])}, pluck="dedupe_key"
			)
		)
	problems += [f"{key}: already requested on the site" for key in taken]
	for row in rows:
		member = members[row["party_member"]]
		if member["liaison_status"] != liaison.ACTIVE or not member["residence_branch"]:
			problems.append(f"{row['name']}: the member is not active at a branch")
	_fail(problems)
