"""The Party Residence workspace: its number cards and charts count only what the user's scope
holds, as every list does."""

import json
import re

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from party_residence.api.dashboard import annual_review_progress
from party_residence.compat.endpoints import get_dashboard_chart
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.fixtures import ensure_world

OPEN = ("Sent", "Received", "Assigned")
WORKSPACE = "Party Residence"


def card_count(card_name: str) -> int:
	card = frappe.get_doc("Number Card", card_name)
	filters = json.loads(card.filters_json or "[]")
	for doctype, field, operator, value in json.loads(card.dynamic_filters_json or "[]"):
		# the Desk evaluates these in the browser; today is the only one the cards use
		assert value == "frappe.datetime.get_today()"
		filters.append([doctype, field, operator, today()])
	return int(get_result(card.as_dict(), filters))


def open_introductions(**filters) -> int:
	"""The oracle: open letters counted straight from the table, whatever the user's scope."""
	return frappe.db.count("Residence Introduction", {"workflow_state": ("in", OPEN), **filters})


class TestWorkspace(PartyResidenceTestCase):
	def test_workspace_shows_the_cards_and_charts(self):
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		cards = {row.number_card_name for row in workspace.number_cards}
		self.assertLessEqual(
			{
				"Open Introductions",
				"Overdue Introductions",
				"Overdue Review Requests",
				"Reviews Awaiting Confirmation",
				"Annual Review Progress",
			},
			cards,
		)
		self.assertEqual(len(workspace.charts), 3)
		for card in cards:
			self.assertEqual(frappe.db.get_value("Number Card", card, "module"), "Party Residence")

	def test_open_introductions_card_counts_only_the_scope(self):
		everything = open_introductions()
		ward_a = open_introductions(residence_committee=("in", ("T-WARD-A",)))
		self.assertGreaterEqual(ward_a, 1)  # I3 was sent to ward A

		self.assertEqual(card_count("Open Introductions"), everything)
		frappe.set_user(self.world.users["committee"])
		self.assertEqual(card_count("Open Introductions"), ward_a)
		frappe.set_user(self.world.users["noscope"])
		self.assertEqual(card_count("Open Introductions"), 0)

	def test_overdue_card_counts_letters_past_their_due_date(self):
		letter = self.world.introductions["I3"]
		due = frappe.db.get_value("Residence Introduction", letter, "due_date")
		self.addCleanup(frappe.db.set_value, "Residence Introduction", letter, "due_date", due)
		frappe.db.set_value("Residence Introduction", letter, "due_date", add_days(today(), 5))
		frappe.set_user(self.world.users["committee"])
		before = card_count("Overdue Introductions")
		frappe.set_user("Administrator")
		frappe.db.set_value("Residence Introduction", letter, "due_date", add_days(today(), -2))
		frappe.set_user(self.world.users["committee"])
		self.assertEqual(card_count("Overdue Introductions"), before + 1)
		frappe.set_user(self.world.users["noscope"])
		self.assertEqual(card_count("Overdue Introductions"), 0)

	def test_chart_groups_only_the_scope(self):
		frappe.set_user(self.world.users["committee"])
		chart = get_chart(chart_name="Introductions by State", refresh=1)
		by_state = dict(zip(chart["labels"], chart["datasets"][0]["values"], strict=True))
		self.assertNotIn("Draft", by_state)  # I2, the workplace's draft, is not ward A's
		self.assertEqual(sum(by_state.values()), len({"I1", "I3"}))

	def test_annual_review_progress_for_a_user_without_scope(self):
		frappe.set_user(self.world.users["noscope"])
		self.assertEqual(annual_review_progress()["value"], 0)

	def test_annual_review_progress_is_written_with_one_decimal(self):
		# the card formats the share with the precision it is given, else the site's three decimals
		# ("56,200%")
		card = annual_review_progress()
		self.assertEqual((card["fieldtype"], card["precision"]), ("Percent", 1))
		self.assertEqual(card["value"], round(card["value"], 1))

	def test_grouped_charts_speak_the_users_language(self):
		# a ward officer reading in Vietnamese sees the states of the procedure in Vietnamese
		from frappe.translate import get_all_translations

		vietnamese = get_all_translations("vi")
		self.set_lang("vi")
		frappe.set_user(self.world.users["committee"])
		grouped = frappe.get_all(
			"Dashboard Chart", filters={"chart_type": "Group By", "module": "Party Residence"}, pluck="name"
		)
		self.assertTrue(grouped)
		seen = []
		for name in grouped:
			labels = get_dashboard_chart(chart_name=name, refresh=True)["labels"]
			seen += labels
			english = [label for label in labels if label in vietnamese and vietnamese[label] != label]
			self.assertEqual(english, [], name)
		self.assertTrue(seen, "the charts had no groups to show")

	def test_the_list_sidebar_names_the_organizations_it_groups_by(self):
		from party_residence.compat.endpoints import get_group_by_count

		frappe.set_user(self.world.users["committee"])
		# as the Desk asks: the filters as JSON
		groups = get_group_by_count("Party Member", "[]", "workplace_organization")
		self.assertTrue(groups)
		for row in groups:
			self.assertEqual(
				row["title"], frappe.db.get_value("Party Organization", row["name"], "organization_name")
			)

	def test_time_series_name_their_periods_in_the_users_language(self):
		self.set_lang("vi")
		frappe.set_user(self.world.users["committee"])
		series = frappe.get_all(
			"Dashboard Chart",
			filters={
				"chart_type": ("!=", "Group By"),
				"module": "Party Residence",
				"type": ("!=", "Heatmap"),
			},
			pluck="name",
		)
		self.assertTrue(series)
		for name in series:
			for timegrain, pattern in (("Monthly", r"^\d{2}/\d{4}$"), ("Quarterly", r"^Quý \d/\d{4}$")):
				labels = get_dashboard_chart(
					chart_name=name, refresh=True, timespan="Last Year", time_interval=timegrain
				)["labels"]
				self.assertTrue(labels, name)
				self.assertEqual([label for label in labels if not re.match(pattern, label)], [], name)

	def test_an_officer_of_the_app_alone_sees_its_workspace_alone(self):
		from frappe.config import get_modules_from_all_apps
		from frappe.desk.desktop import get_workspace_sidebar_items
		from party_residence.install import MODULE_PROFILE, ensure_module_profile

		ensure_module_profile()
		profile = frappe.get_doc("Module Profile", MODULE_PROFILE)
		modules = {row["module_name"] for row in get_modules_from_all_apps()}
		self.assertEqual({row.module for row in profile.block_modules}, modules - {"Party Residence"})

		officer = frappe.get_doc("User", self.world.users["committee"])
		self.addCleanup(self.restore_modules, officer.name)
		frappe.set_user(officer.name)
		before = {page["name"] for page in get_workspace_sidebar_items()["pages"]}
		self.assertGreater(len(before), 1)  # Frappe's own workspaces (Users, Tools, Build...)

		frappe.set_user("Administrator")
		officer.module_profile = MODULE_PROFILE
		officer.save(ignore_permissions=True)
		frappe.set_user(officer.name)
		pages = get_workspace_sidebar_items()["pages"]
		self.assertEqual([page["name"] for page in pages], [WORKSPACE])
		# the workspace itself still counts for the officer
		self.assertEqual(card_count("Open Introductions"), open_introductions(residence_committee="T-WARD-A"))

	@staticmethod
	def restore_modules(user: str) -> None:
		frappe.set_user("Administrator")
		doc = frappe.get_doc("User", user)
		doc.module_profile = None
		doc.set("block_modules", [])
		doc.save(ignore_permissions=True)

	def set_lang(self, lang: str) -> None:
		previous = frappe.local.lang
		self.addCleanup(setattr, frappe.local, "lang", previous)
		frappe.local.lang = lang

	def test_a_chart_is_never_answered_from_another_users_cache(self):
		# Frappe caches a chart's figures by its name alone; the app's DocTypes are counted afresh
		# for each user, whatever the client asks
		everything = sum(
			get_dashboard_chart(chart_name="Introductions by State", refresh=True)["datasets"][0]["values"]
		)
		self.assertGreater(everything, 0)
		frappe.set_user(self.world.users["noscope"])
		# nothing in the scope: Frappe answers no chart at all
		cached = get_dashboard_chart(chart_name="Introductions by State", refresh=False) or {}
		self.assertEqual(sum(cached["datasets"][0]["values"]) if cached.get("datasets") else 0, 0)


class TestWorkspaceOverHttp(PartyResidenceTestCase):
	"""The workspace as the Desk loads it, in a class of its own: the requests run in their own
	transaction, which rows held by another test's changes would block."""

	def test_the_desk_loads_every_card_and_chart_over_http(self):
		# as the Desk sends them: the card as JSON, and filters in the filter area's shape
		# [doctype, field, operator, value, hidden]
		from frappe.tests.test_api import make_request
		from frappe.utils import get_test_client

		def post(method, data):
			return make_request(
				target=get_test_client().post,
				args=(f"/api/method/{method}",),
				kwargs={
					"headers": {"Authorization": f"token {self.world.tokens['committee']}"},
					"data": data,
				},
			)

		workspace = frappe.get_doc("Workspace", WORKSPACE)
		for row in workspace.number_cards:
			card = frappe.get_doc("Number Card", row.number_card_name)
			filters = [[*condition[:4], False] for condition in json.loads(card.filters_json or "[]")]
			if card.type == "Custom":  # the Desk calls the card's own method
				response = post(card.method, {"filters": json.dumps(filters)})
			else:
				response = post(
					"frappe.desk.doctype.number_card.number_card.get_result",
					{"doc": frappe.as_json(card.as_dict()), "filters": json.dumps(filters)},
				)
			self.assertEqual(response.status_code, 200, (card.name, response.json))
		for row in workspace.charts:
			chart = frappe.get_doc("Dashboard Chart", row.chart_name)
			filters = [[*condition[:4], False] for condition in json.loads(chart.filters_json or "[]")]
			response = post(
				"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
				{"chart_name": chart.name, "filters": json.dumps(filters), "refresh": 1},
			)
			self.assertEqual(response.status_code, 200, (chart.name, response.json))

	def test_the_list_sidebar_groups_over_http_but_never_by_a_hidden_field(self):
		from frappe.tests.test_api import make_request
		from frappe.utils import get_test_client

		def group_by(field):
			return make_request(
				target=get_test_client().post,
				args=("/api/method/frappe.desk.listview.get_group_by_count",),
				kwargs={
					"headers": {"Authorization": f"token {self.world.tokens['secretary']}"},
					"data": {"doctype": "Party Member", "current_filters": "[]", "field": field},
				},
			)

		response = group_by("residence_branch")
		self.assertEqual(response.status_code, 200, response.json)
		self.assertIn(
			{"name": "T-WARD-A-B1", "title": "Chi bộ tổ dân phố số 1"},
			[{key: row[key] for key in ("name", "title")} for row in response.json["message"]],
		)
		# a branch secretary does not read citizen IDs: no count of them either
		self.assertEqual(group_by("citizen_id").status_code, 403)
		# a name that is no field of the list: a clear refusal, not a server error
		for field in ("no_such_field", "1=1"):
			self.assertEqual(group_by(field).status_code, 417, field)
		by_maker = group_by("owner")
		self.assertEqual(by_maker.status_code, 200)
		self.assertTrue(by_maker.json["message"])
		for row in by_maker.json["message"]:
			self.assertEqual(row["title"], frappe.db.get_value("User", row["name"], "full_name"))
