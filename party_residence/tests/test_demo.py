"""The demo command: data in the stated ranges that pass the app's rules, the procedure at every
step, a second run that adds nothing, and one login per role that sees what its role should see.

The demo commits, so the test removes what it created (and restores the site settings it changed)
when it ends; a site that had the demo before keeps it. It plays the whole procedure (a few
minutes): the point is the demo as `bench execute` makes it.
"""

import contextlib
import io
from collections import Counter
from datetime import date
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, password_strength, today
from frappe.utils.password import check_password
from party_residence import portal
from party_residence.devtools import demo
from party_residence.duties import EXEMPT_DUTIES
from party_residence.permissions import clear_scope_cache
from party_residence.tests.base import slow

ORGANIZATION = "Party Organization"
MEMBER = "Party Member"
DELETE = {"force": True, "ignore_permissions": True, "ignore_missing": True, "delete_permanently": True}
COUNTED = (
	ORGANIZATION,
	MEMBER,
	"User",
	"User Permission",
	"Has Role",
	"Version",
	"Comment",
	"Email Queue",
	"Notification Log",
	"Workflow Action",
	"Meeting Attendance",
	"Residence Review Rating",
	*demo.PROCEDURE,
)
LOGINS = {
	login: (demo.demo_email(login), password, role, scope)
	for login, password, _n, role, scope in demo.DEMO_USERS
}
# workflow state -> docstatus
DOCSTATUS = {
	demo.INTRODUCTION: {
		"Draft": 0,
		"Sent": 1,
		"Received": 1,
		"Assigned": 1,
		"Acknowledged": 1,
		"Returned": 1,
		"Cancelled": 2,
	},
	demo.REQUEST: {"Draft": 0, "Sent": 1, "Answered": 1, "Cancelled": 2},
	demo.REVIEW: {
		"Draft": 0,
		"Pending Confirmation": 0,
		"Returned for Revision": 0,
		"Confirmed": 1,
		"Received": 1,
	},
}
# the suspended e-mail queue of the demo's outbox
SUSPEND = "suspend_email_queue"


def run_demo() -> str:
	output = io.StringIO()
	with contextlib.redirect_stdout(output):
		demo.setup_demo(force=True)  # the shared test records may be on the site already
	return output.getvalue()


def record_counts() -> dict:
	return {doctype: frappe.db.count(doctype) for doctype in COUNTED}


def subtree(root: str) -> list[str]:
	"""The organization and everything under it."""
	bounds = frappe.db.get_value(ORGANIZATION, root, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	return frappe.get_all(
		ORGANIZATION,
		filters={"lft": (">=", bounds.lft), "rgt": ("<=", bounds.rgt)},
		pluck="name",
		order_by="lft desc",
	)


def home_branches() -> list[str]:
	return [
		code
		for ward in demo.WARDS
		if ward["code"] in demo.HOME_WARDS
		for code, _area, _streets in ward["branches"]
	]


@slow
class TestDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if not frappe.db.exists(ORGANIZATION, demo.CITY):
			settings = frappe.get_doc("System Settings")
			cls.addClassCleanup(
				remove_demo,
				{field: settings.get(field) for field in demo.SITE_SETTINGS},
				frappe.db.exists("Email Account", demo.OUTBOX),
				frappe.db.get_default(SUSPEND),
			)
		run_demo()
		cls.counts_after_first_run = record_counts()
		cls.second_output = run_demo()
		cls.city = subtree(demo.CITY)
		cls.members = frappe.get_all(
			MEMBER,
			filters={"workplace_organization": ("in", cls.city)},
			fields=["*"],
		)
		names = [member.name for member in cls.members]
		cls.letters = frappe.get_all(demo.INTRODUCTION, filters={"party_member": ("in", names)}, fields=["*"])
		cls.reviews = frappe.get_all(demo.REVIEW, filters={"party_member": ("in", names)}, fields=["*"])

	def tearDown(self):
		frappe.set_user("Administrator")

	# the data ------------------------------------------------------------------------------------

	def test_two_wards_with_four_or_five_residential_branches(self):
		wards = frappe.get_all(
			ORGANIZATION,
			filters={"parent_party_organization": demo.CITY, "side": "Residence"},
			fields=["name", "organization_type", "address", "phone"],
		)
		self.assertEqual(len(wards), 2)
		for ward in wards:
			self.assertEqual(ward.organization_type, "Committee")
			self.assertTrue(ward.address and ward.phone)
			branches = frappe.get_all(
				ORGANIZATION,
				filters={"parent_party_organization": ward.name},
				fields=["organization_type", "side", "residential_area", "address", "phone"],
			)
			self.assertIn(len(branches), (4, 5), ward.name)
			for branch in branches:
				self.assertEqual((branch.organization_type, branch.side), ("Branch", "Residence"))
				self.assertTrue(branch.residential_area and branch.address and branch.phone)

	def test_a_ward_in_another_province(self):
		other = frappe.get_all(
			ORGANIZATION,
			filters={"side": "Residence", "organization_type": "Committee", "name": ("not in", self.city)},
			pluck="name",
		)
		self.assertTrue(set(other) & set(subtree(demo.OTHER_PROVINCE)))
		self.assertTrue(any(member.residence_committee in other for member in self.members))

	def test_workplace_committees_in_four_sectors_or_more(self):
		committees = frappe.get_all(
			ORGANIZATION,
			filters={"parent_party_organization": demo.CITY, "side": "Workplace"},
			fields=["name", "sector"],
		)
		self.assertGreaterEqual(len({committee.sector for committee in committees}), 4)
		for committee in committees:
			branches = frappe.get_all(
				ORGANIZATION,
				filters={"parent_party_organization": committee.name},
				fields=["organization_type", "sector"],
			)
			self.assertIn(len(branches), (2, 3), committee.name)
			self.assertTrue(all(branch.organization_type == "Branch" for branch in branches))
			self.assertTrue(all(branch.sector == committee.sector for branch in branches))

	def test_committees_and_residential_branches_sign_their_documents(self):
		signing = frappe.get_all(
			ORGANIZATION,
			filters={"name": ("in", self.city + subtree(demo.OTHER_PROVINCE))},
			or_filters={"organization_type": "Committee", "side": "Residence"},
			fields=["name", "place_name", "signer_title", "signer_name"],
		)
		self.assertGreater(len(signing), 20)
		for organization in signing:
			self.assertTrue(
				organization.place_name and organization.signer_title and organization.signer_name,
				organization.name,
			)
		places = {organization.name: organization.place_name for organization in signing}
		self.assertEqual(places[demo.CITY], "Hải Phòng")
		self.assertEqual(places[demo.OTHER_PROVINCE], "Hà Nội")
		self.assertEqual(places["DU-P-HD"], "Hải Dương")
		# the branch secretary's login signs the papers of their branch
		_email, _password, _role, branch = LOGINS["chibo"]
		secretary = next(name for login, _p, name, _r, _s in demo.DEMO_USERS if login == "chibo")
		self.assertEqual(frappe.db.get_value(ORGANIZATION, branch, "signer_name"), secretary)

	def test_about_three_hundred_members(self):
		self.assertTrue(250 <= len(self.members) <= 350, len(self.members))

	def test_citizen_ids_are_twelve_digits_unique_and_match_gender_and_birth(self):
		ids = [member.citizen_id for member in self.members]
		self.assertEqual(len(ids), len(set(ids)))
		for member in self.members:
			self.assertRegex(member.citizen_id, r"^[0-9]{12}$")
			birth = getdate(member.date_of_birth)
			century_and_gender = (birth.year // 100 - 19) * 2 + (member.gender == "Female")
			self.assertEqual(member.citizen_id[3:6], f"{century_and_gender}{birth.year % 100:02d}")

	def test_party_cards_are_unique_and_only_official_members_have_one(self):
		cards = [member.party_card_number for member in self.members if member.party_card_number]
		self.assertEqual(len(cards), len(set(cards)))
		for member in self.members:
			if member.date_official:
				self.assertRegex(member.party_card_number, r"^[0-9]{2}\.[0-9]{6}$")
			else:
				self.assertIsNone(member.party_card_number)

	def test_dates(self):
		on_probation = [member for member in self.members if not member.date_official]
		self.assertTrue(0.02 <= len(on_probation) / len(self.members) <= 0.08, len(on_probation))
		now = getdate(today())
		for member in self.members:
			birth, joined = getdate(member.date_of_birth), getdate(member.date_joined)
			self.assertTrue(date(1960, 1, 1) <= birth <= date(2000, 12, 31))
			age = joined.year - birth.year - ((joined.month, joined.day) < (birth.month, birth.day))
			self.assertTrue(18 <= age <= 40, (member.full_name, birth, joined))
			self.assertLessEqual(joined, now)
			if member.date_official:
				official = getdate(member.date_official)
				self.assertLessEqual(official, now)
				self.assertIn((official - joined).days, (365, 366))

	def test_names_are_vietnamese_and_match_the_gender(self):
		family_names = [member.full_name.split()[0] for member in self.members]
		self.assertEqual(max(set(family_names), key=family_names.count), "Nguyễn")
		for member in self.members:
			words = member.full_name.split()
			self.assertTrue(3 <= len(words) <= 4, member.full_name)
			self.assertNotIn("Thị" if member.gender == "Male" else "Văn", words[1:-1])

	def test_residence(self):
		# a returned letter takes the member off the residence committee again
		without = [member for member in self.members if not member.residence_committee]
		self.assertTrue(0.05 <= len(without) / len(self.members) <= 0.16, len(without))
		self.assertTrue(all(member.residence_address for member in self.members))

	def test_exemptions(self):
		exempt = {}
		for member in self.members:
			if member.exemption:
				self.assertTrue(member.exemption_reason)
				exempt.setdefault(member.exemption, []).append(member)
		self.assertGreaterEqual(len(exempt["Exempt from Residence Activity"]), 3)
		self.assertIn(len(exempt["Exempt from Introduction"]), (1, 2))
		self.assertTrue(
			all(member.liaison_status == "Exempt" for member in exempt["Exempt from Introduction"])
		)

	def test_refuses_a_site_with_members_of_its_own(self):
		with patch.object(frappe.db, "get_default", return_value=None):
			self.assertRaises(frappe.ValidationError, demo.setup_demo)
		self.assertTrue(frappe.db.get_default(demo.DEMO_MARK))

	def test_refuses_a_site_with_logins_of_its_own(self):
		# published passwords never go onto a site where people already log in
		self.assertRegex(demo.data_of_its_own() or "", r"\d+ user account")
		with patch.object(frappe.db, "get_default", return_value=None):
			with self.assertRaises(frappe.ValidationError) as refused:
				demo.claim_site(force=False)
		self.assertIn("user account", str(refused.exception))

	def test_the_benchmark_population_refuses_a_site_with_data(self):
		from party_residence.devtools.population import PopulationError, ensure

		self.assertRaises(PopulationError, ensure, prefix="ZZ")
		self.assertFalse(frappe.db.exists("Party Organization", "ZZ-TU"))

	def test_a_second_run_adds_nothing(self):
		self.assertEqual(record_counts(), self.counts_after_first_run)
		self.assertRegex(
			self.second_output, r"party organizations \(0 new\).*party members \(0 new\).*logins \(0 new\)"
		)
		self.assertIn("The procedure (0 new records)", self.second_output)

	def test_the_plan_is_deterministic(self):
		members = demo.build_members(2026)
		self.assertEqual(demo.plan_introductions(members, 2026), demo.plan_introductions(members, 2026))

	def test_the_site_speaks_vietnamese(self):
		settings = frappe.get_doc("System Settings")
		for field, value in demo.SITE_SETTINGS.items():
			self.assertEqual(settings.get(field), value, field)
		self.assertTrue(settings.setup_complete)

	# the procedure: introductions ---------------------------------------------------------------

	def test_most_members_with_a_residence_are_introduced(self):
		eligible = [
			member
			for member in demo.build_members(2026)
			if member["residence_committee"] and member.get("exemption") != demo.EXEMPT_FROM_INTRODUCTION
		]
		introduced = {letter.party_member for letter in self.letters}
		self.assertGreaterEqual(len(introduced), 0.85 * len(eligible))
		self.assertLess(len(introduced), len(eligible))  # a few are not introduced yet
		states = Counter(letter.workflow_state for letter in self.letters)
		self.assertGreaterEqual(states["Acknowledged"], 0.85 * len(self.letters))
		for state in ("Sent", "Received", "Assigned"):
			self.assertGreaterEqual(states[state], 2, state)
		self.assertIn(states["Returned"], (1, 2))
		self.assertEqual(states["Draft"], 1)

	def test_returned_letters_say_why(self):
		returned = [letter for letter in self.letters if letter.workflow_state == "Returned"]
		self.assertTrue(returned)
		self.assertTrue(all(len(letter.return_reason or "") > 20 for letter in returned))

	def test_some_letters_are_late_and_some_on_time(self):
		run_day = getdate(today())
		open_letters = [letter for letter in self.letters if letter.workflow_state in demo.OPEN_STATES]
		self.assertTrue(all(letter.due_date for letter in open_letters))
		late = [letter for letter in open_letters if getdate(letter.due_date) < run_day]
		self.assertTrue(2 <= len(late) <= 5, len(late))
		self.assertTrue({"Received", "Assigned"} & {letter.workflow_state for letter in late})
		self.assertGreater(len(open_letters), len(late))
		for letter in self.letters:
			if letter.workflow_state == "Acknowledged":
				self.assertIsNone(letter.due_date)
				self.assertTrue(
					letter.sent_on < letter.received_on <= letter.assigned_on < letter.acknowledged_on
				)

	def test_members_follow_their_letters(self):
		members = {member.name: member for member in self.members}
		expected = {"Acknowledged": "Active", "Sent": "Introduced", "Received": "Introduced"}
		expected.update(Assigned="Introduced", Returned="Not Introduced", Draft="Not Introduced")
		for letter in self.letters:
			member = members[letter.party_member]
			self.assertEqual(member.liaison_status, expected[letter.workflow_state], letter.name)
			if letter.workflow_state in ("Acknowledged", "Assigned"):
				self.assertEqual(
					(member.residence_committee, member.residence_branch),
					(letter.residence_committee, letter.residence_branch),
				)
				ward = frappe.db.get_value(ORGANIZATION, letter.residence_branch, "parent_party_organization")
				self.assertEqual(ward, letter.residence_committee)
		# the members living in the ward of the other province are introduced to it
		hanoi = subtree(demo.OTHER_PROVINCE)
		living_there = {member.name for member in self.members if member.residence_committee in hanoi}
		self.assertTrue(living_there)
		self.assertTrue(living_there <= {letter.party_member for letter in self.letters})

	def test_one_committee_introduced_its_members_with_a_batch(self):
		batches = frappe.get_all(
			demo.BATCH, filters={"workplace_organization": ("in", self.city)}, fields=["*"]
		)
		self.assertEqual(len(batches), 1)
		batch = batches[0]
		self.assertEqual((batch.workplace_organization, batch.status), (demo.OWN_COMMITTEE, "Completed"))
		self.assertGreater(batch.created_count, 30)
		rows = frappe.get_all(
			"Residence Introduction Batch Member",
			filters={"parent": batch.name},
			fields=["result", "residence_introduction"],
		)
		self.assertEqual(sum(row.result == "Created" for row in rows), batch.created_count)
		self.assertEqual(sum(row.result == "Error" for row in rows), batch.error_count)
		# the other committees sent letter by letter
		created = {row.residence_introduction for row in rows if row.residence_introduction}
		singles = [letter for letter in self.letters if letter.name not in created]
		self.assertGreater(len({letter.issuing_committee for letter in singles}), 5)

	def test_the_steps_are_taken_by_the_logins_whose_scope_holds_them(self):
		email = {login: values[0] for login, values in LOGINS.items()}
		for letter in self.letters:
			own = letter.issuing_committee == demo.OWN_COMMITTEE
			self.assertEqual(letter.owner, email["coquan"] if own else "Administrator", letter.name)
			if letter.workflow_state == "Acknowledged" and letter.residence_branch == demo.PORTAL_BRANCH:
				self.assertEqual(letter.modified_by, email["chibo"])
			if letter.workflow_state in ("Received", "Assigned") and letter.residence_committee == "DU-P-HD":
				self.assertEqual(letter.modified_by, email["phuong"])

	# the procedure: branch life ----------------------------------------------------------------

	def test_each_home_branch_meets_every_month_and_plans_the_next_meeting(self):
		run_day = getdate(today())
		for branch in home_branches():
			meetings = frappe.get_all(
				demo.MEETING,
				filters={"residence_branch": branch},
				fields=["meeting_type", "meeting_date", "docstatus", "agenda", "place"],
			)
			held = [meeting for meeting in meetings if meeting.docstatus == 1]
			months = {
				getdate(meeting.meeting_date).month
				for meeting in held
				if meeting.meeting_type == "Monthly Branch Meeting"
				and getdate(meeting.meeting_date).year == 2026
			}
			past = {month for month in range(1, 11) if date(2026, month, 28) < run_day}
			self.assertTrue(past <= months <= set(range(1, 11)), (branch, months))
			with_working = [
				meeting
				for meeting in held
				if meeting.meeting_type == "Meeting with Working Members"
				and getdate(meeting.meeting_date).year == 2026
			]
			self.assertEqual([getdate(meeting.meeting_date).month for meeting in with_working], [6])
			self.assertTrue(all(getdate(meeting.meeting_date) < run_day for meeting in held))
			planned = [meeting for meeting in meetings if meeting.docstatus == 0]
			self.assertEqual(len(planned), 1, branch)
			self.assertGreater(getdate(planned[0].meeting_date), run_day)
			self.assertTrue(planned[0].agenda and planned[0].place)

	def test_attendance_is_marked_with_a_realistic_mix(self):
		held = frappe.get_all(
			demo.MEETING, filters={"docstatus": 1, "residence_branch": ("in", home_branches())}, pluck="name"
		)
		rows = frappe.get_all("Meeting Attendance", filters={"parent": ("in", held)}, pluck="attendance")
		marks = Counter(rows)
		self.assertNotIn(None, marks)
		self.assertNotIn("", marks)
		total = sum(marks.values())
		self.assertTrue(0.72 <= marks["Present"] / total <= 0.88, marks)
		self.assertGreater(marks["Excused"], marks["Absent"])
		self.assertGreater(marks["Absent"], 0)

	def test_activities_over_the_seven_duties(self):
		activities = frappe.get_all(
			demo.ACTIVITY,
			filters={"residence_branch": ("in", home_branches())},
			fields=["party_member", "duty", "activity_date"],
		)
		self.assertGreater(len(activities), 30)
		self.assertEqual({int(activity.duty) for activity in activities}, set(range(1, 8)))
		self.assertTrue(all(getdate(activity.activity_date) <= getdate(today()) for activity in activities))
		exempt = set(frappe.get_all(MEMBER, filters={"exemption": demo.EXEMPT_FROM_ACTIVITY}, pluck="name"))
		for activity in activities:
			if activity.party_member in exempt:
				self.assertIn(int(activity.duty), EXEMPT_DUTIES)

	# the procedure: reviews --------------------------------------------------------------------

	def test_an_annual_review_campaign(self):
		campaigns = frappe.get_all(
			demo.CAMPAIGN, filters={"workplace_organization": ("in", self.city)}, fields=["*"]
		)
		self.assertEqual(len(campaigns), 1)
		campaign = campaigns[0]
		self.assertEqual(
			(campaign.workplace_organization, campaign.review_year, campaign.status),
			(demo.OWN_COMMITTEE, 2025, "Completed"),
		)
		requests = frappe.get_all(
			demo.REQUEST, filters={"campaign": campaign.name}, fields=["workflow_state"]
		)
		self.assertEqual(len(requests), campaign.created_count)
		self.assertEqual({request.workflow_state for request in requests}, {"Sent", "Answered"})

	def test_reviews_at_every_step_with_varied_ratings_and_proposals(self):
		states = Counter(review.workflow_state for review in self.reviews)
		for state in demo.REVIEW_STATES:
			self.assertGreaterEqual(states[state], 1, state)
		sent_on = [review for review in self.reviews if review.workflow_state != "Draft"]
		proposals = Counter(review.proposal for review in sent_on)
		self.assertEqual(proposals["Consider Discipline"], 1)
		self.assertGreaterEqual(proposals["Commend"], 1)
		self.assertGreater(proposals["No Proposal"], len(sent_on) / 2)
		self.assertTrue(all(review.met_with_front_committee for review in sent_on))
		# the branches that wrote a standard review held meetings that year to judge by
		self.assertTrue(all(review.meetings_total for review in self.reviews if review.variant == "Standard"))
		ratings = frappe.get_all(
			"Residence Review Rating",
			filters={"parent": ("in", [review.name for review in self.reviews])},
			fields=["parent", "rating", "rating_options"],
		)
		self.assertGreaterEqual(len({row.rating for row in ratings if row.rating}), 8)
		complete = {review.name for review in sent_on}
		for row in ratings:
			if row.parent in complete:
				self.assertIn(row.rating, row.rating_options.splitlines())
		returned = [review for review in self.reviews if review.workflow_state == "Returned for Revision"]
		self.assertTrue(all(review.return_reason for review in returned))

	def test_a_review_on_demand_for_a_member_exempt_from_activity(self):
		requests = frappe.get_all(
			demo.REQUEST,
			filters={
				"purpose": "Cadre Work",
				"party_member": ("in", [member.name for member in self.members]),
			},
			fields=["party_member", "residence_review"],
		)
		self.assertEqual(len(requests), 1)
		member = requests[0].party_member
		self.assertEqual(frappe.db.get_value(MEMBER, member, "exemption"), demo.EXEMPT_FROM_ACTIVITY)
		review = frappe.db.get_value(
			demo.REVIEW, {"party_member": member, "purpose": "Cadre Work"}, ["variant", "workflow_state"]
		)
		self.assertEqual(review, ("Exempt", "Pending Confirmation"))

	# the procedure: consistency ----------------------------------------------------------------

	def test_workflow_states_match_the_docstatus(self):
		for doctype, docstatus in DOCSTATUS.items():
			for row in frappe.get_all(doctype, fields=["name", "workflow_state", "docstatus"]):
				self.assertEqual(row.docstatus, docstatus[row.workflow_state], (doctype, row.name))
		answered = frappe.get_all(
			demo.REQUEST, filters={"workflow_state": "Answered"}, fields=["name", "residence_review"]
		)
		for request in answered:
			self.assertEqual(
				frappe.db.get_value(demo.REVIEW, request.residence_review, "review_request"), request.name
			)
			self.assertEqual(frappe.db.get_value(demo.REVIEW, request.residence_review, "docstatus"), 1)

	def test_what_the_demo_made_passes_validation(self):
		"""Each record, read back, passes its controller's validation again (a sample per kind and
		state; the checks are run, nothing is saved). The member's self-report is left out: once her
		review is confirmed it refuses any change, on purpose."""
		kinds = [doctype for doctype in demo.PROCEDURE if doctype != demo.SELF_REPORT] + [
			MEMBER,
			ORGANIZATION,
		]
		for doctype in kinds:
			group = "workflow_state" if frappe.get_meta(doctype).has_field("workflow_state") else "docstatus"
			rows = frappe.get_all(doctype, fields=["name", group], order_by="name")
			sample = {}
			for row in rows:
				sample.setdefault(row[group], []).append(row.name)
			names = [name for names in sample.values() for name in names[:4]]
			self.assertTrue(names, doctype)
			for name in names:
				doc = frappe.get_doc(doctype, name)
				frappe.db.savepoint("demo_validation")
				try:
					doc.run_method("validate")
				except Exception as error:
					self.fail(f"{doctype} {name} ({doc.get(group)}): {error}")
				finally:
					frappe.db.rollback(save_point="demo_validation")

	# the logins ----------------------------------------------------------------------------------

	def test_each_login_has_its_role_a_strong_password_and_vietnamese(self):
		# with HRMS, the workplace officer also reads the company's Employees (demo.employee_access)
		hr = (
			["HR User"]
			if frappe.db.exists("Role", "HR User") and "erpnext" in frappe.get_installed_apps()
			else []
		)
		for login, (email, password, role, _scope) in LOGINS.items():
			self.assertIn(email, self.second_output)
			self.assertIn(password, self.second_output)
			user = frappe.get_doc("User", email)
			expected = [role, *hr] if login == "coquan" else [role]
			self.assertEqual(sorted(row.role for row in user.roles), sorted(expected))
			self.assertEqual(user.language, "vi")
			self.assertEqual(check_password(email, password), email)
			self.assertGreaterEqual(password_strength.test_password_strength(password)["score"], 3)

	def test_portal_login_has_no_desk(self):
		email = LOGINS["dangvien"][0]
		self.assertEqual(frappe.db.get_value("User", email, "user_type"), "Website User")

	def test_manager_sees_every_member(self):
		self.assertEqual(self.visible_to("quanly"), set(frappe.get_all(MEMBER, pluck="name")))

	def test_workplace_officer_sees_the_members_working_in_their_committee(self):
		committee = LOGINS["coquan"][3]
		working_there = self.names(workplace_organization=("in", subtree(committee)))
		self.assertTrue(working_there)
		self.assertEqual(self.visible_to("coquan"), working_there)

	def test_ward_officer_sees_the_members_living_in_their_ward(self):
		living_there = self.names(residence_committee=LOGINS["phuong"][3])
		self.assertTrue(living_there)
		self.assertEqual(self.visible_to("phuong"), living_there)

	def test_branch_secretary_sees_the_members_of_their_branch(self):
		in_branch = self.names(residence_branch=LOGINS["chibo"][3])
		self.assertTrue(in_branch)
		self.assertEqual(self.visible_to("chibo"), in_branch)

	def test_portal_member_sees_their_own_record_in_the_secretarys_branch(self):
		own = self.names(user=LOGINS["dangvien"][0])
		self.assertEqual(len(own), 1)
		self.assertEqual(frappe.db.get_value(MEMBER, next(iter(own)), "residence_branch"), LOGINS["chibo"][3])
		self.assertEqual(self.visible_to("dangvien"), own)

	def test_workplace_officer_has_letters_in_flight_and_reviews_to_receive(self):
		letters = Counter(self.states_seen_by("coquan", demo.INTRODUCTION))
		self.assertTrue(
			all(letters[state] for state in ("Draft", "Sent", "Received", "Assigned", "Returned"))
		)
		self.assertGreater(letters["Acknowledged"], 30)
		reviews = Counter(self.states_seen_by("coquan", demo.REVIEW))
		self.assertGreater(reviews["Confirmed"], 0)
		self.assertEqual(set(reviews), {"Confirmed", "Received"})  # the branches' drafts are theirs

	def test_ward_officer_has_letters_to_receive_and_a_review_to_confirm(self):
		letters = Counter(self.states_seen_by("phuong", demo.INTRODUCTION))
		self.assertGreaterEqual(letters["Sent"], 2)
		self.assertNotIn("Draft", letters)  # a draft is not the ward's business yet
		self.assertGreater(Counter(self.states_seen_by("phuong", demo.REVIEW))["Pending Confirmation"], 0)

	def test_branch_secretary_has_meetings_a_letter_to_acknowledge_and_a_review_to_write(self):
		branch = LOGINS["chibo"][3]
		frappe.set_user(LOGINS["chibo"][0])
		meetings = frappe.get_list(demo.MEETING, fields=["residence_branch", "docstatus"], limit=0)
		requests = frappe.get_list(demo.REQUEST, fields=["name", "workflow_state"], limit=0)
		written = set(frappe.get_list(demo.REVIEW, pluck="review_request", limit=0))
		frappe.set_user("Administrator")
		self.assertGreaterEqual(len(meetings), 20)
		self.assertEqual({meeting.residence_branch for meeting in meetings}, {branch})
		self.assertIn(0, {meeting.docstatus for meeting in meetings})
		self.assertIn("Assigned", self.states_seen_by("chibo", demo.INTRODUCTION))
		unanswered = [request for request in requests if request.workflow_state == "Sent"]
		self.assertTrue([request for request in unanswered if request.name not in written])
		self.assertTrue({"Draft", "Returned for Revision"} <= set(self.states_seen_by("chibo", demo.REVIEW)))

	def test_member_has_a_confirmed_review_and_meetings(self):
		email = LOGINS["dangvien"][0]
		self.assertEqual(self.states_seen_by("dangvien", demo.REVIEW), ["Confirmed"])
		frappe.set_user(email)
		page = portal.overview(email)
		frappe.set_user("Administrator")
		self.assertEqual(page.member.liaison_status, "Active")
		self.assertEqual(len(page.reviews), 1)
		self.assertGreater(page.reviews[0].meetings_total, 10)
		self.assertGreaterEqual(len(page.attendance), 20)
		self.assertEqual(len(page.upcoming), 1)
		self.assertEqual(len(page.self_reports), 1)

	def visible_to(self, login: str) -> set[str]:
		frappe.set_user(LOGINS[login][0])
		try:
			return set(frappe.get_list(MEMBER, pluck="name", limit=0))
		finally:
			frappe.set_user("Administrator")

	def states_seen_by(self, login: str, doctype: str) -> list[str]:
		frappe.set_user(LOGINS[login][0])
		try:
			return frappe.get_list(doctype, pluck="workflow_state", limit=0)
		finally:
			frappe.set_user("Administrator")

	@staticmethod
	def names(**filters) -> set[str]:
		return set(frappe.get_all(MEMBER, filters=filters, pluck="name"))


def remove_demo(settings: dict, had_outbox: bool, suspended) -> None:
	"""Take the demo off the site again (it committed): the procedure's records and what was
	written about them, members, logins, organizations, the outbox, settings."""
	frappe.set_user("Administrator")
	frappe.db.rollback()
	organizations = subtree(demo.CITY) + subtree(demo.OTHER_PROVINCE)
	members = frappe.get_all(MEMBER, filters={"workplace_organization": ("in", organizations)}, pluck="name")
	emails = [email for email, *_ in LOGINS.values()]
	made = {MEMBER: members}
	for doctype in demo.PROCEDURE:
		meta = frappe.get_meta(doctype)
		field = "party_member" if meta.has_field("party_member") else None
		field = field or ("residence_branch" if doctype == demo.MEETING else "workplace_organization")
		scope = members if field == "party_member" else organizations
		made[doctype] = frappe.get_all(doctype, filters={field: ("in", scope or [""])}, pluck="name")
		for table in meta.get_table_fields():
			frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", made[doctype] or [""])})
	for doctype, names in made.items():
		names = names or [""]
		about = {"reference_doctype": doctype, "reference_name": ("in", names)}
		for parent in ("Communication", "Workflow Action"):  # with their child rows
			children = frappe.get_all(parent, filters=about, pluck="name") or [""]
			for table in frappe.get_meta(parent).get_table_fields():
				frappe.db.delete(table.options, {"parenttype": parent, "parent": ("in", children)})
			frappe.db.delete(parent, {"name": ("in", children)})
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
		frappe.db.delete("Comment", about)
		frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": ("in", names)})
		if doctype != MEMBER:
			frappe.db.delete(doctype, {"name": ("in", names)})
	frappe.db.delete(MEMBER, {"name": ("in", members or [""])})
	# the messages of the procedure (queued, never sent) and the bell notifications of the logins
	queued = frappe.get_all(
		"Email Queue Recipient", filters={"recipient": ("like", f"%@{demo.DEMO_DOMAIN}")}, pluck="parent"
	)
	frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued or [""])})
	frappe.db.delete("Email Queue", {"name": ("in", queued or [""])})
	frappe.db.delete("Notification Log", {"for_user": ("in", emails)})
	frappe.db.delete("User Permission", {"user": ("in", emails)})
	for email in emails:
		frappe.delete_doc("User", email, **DELETE)
	for contact in frappe.get_all("Contact", filters={"email_id": ("in", emails)}, pluck="name"):
		frappe.delete_doc("Contact", contact, **DELETE)
	for name in organizations:  # children first
		frappe.delete_doc(ORGANIZATION, name, **DELETE)
	if not had_outbox:
		frappe.delete_doc("Email Account", demo.OUTBOX, **DELETE)
		frappe.db.set_default(SUSPEND, suspended or 0)
	frappe.defaults.clear_default(demo.DEMO_MARK, parent="__default")
	system_settings = frappe.get_doc("System Settings")
	system_settings.update(settings)
	system_settings.save(ignore_permissions=True)
	frappe.db.commit()
	clear_scope_cache()
	frappe.clear_cache()
