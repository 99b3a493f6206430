"""The benchmark of scripts/benchmark.sh: the app's hot paths on the city-size population of
party_residence.devtools.population, each as the restricted user who takes it, one printed line each.

	bench --site bench-scale.localhost execute party_residence.devtools.benchmark.run

The batch and the campaign run their background job's code in this process, inside a transaction
that is rolled back afterwards, so the population stays as generated and every run measures the
same work. The member list and the portal page are measured over HTTP against a web server
(gunicorn, two workers unless `workers` names other counts) started on 127.0.0.1 for the run and
stopped afterwards.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import frappe
from frappe.utils import get_bench_path
from party_residence import introductions, roles
from party_residence import portal as portal_page
from party_residence.devtools import demo, population
from party_residence.party_residence.doctype.residence_introduction_batch import (
	residence_introduction_batch as batch_job,
)
from party_residence.party_residence.doctype.residence_review_campaign import (
	residence_review_campaign as campaign_job,
)

INTRODUCTION = "Residence Introduction"
BATCH_SIZE = 2000
WARM_UP = 20  # members of the batch run first, in a process just started
RUNS = 3  # times the batch and its reference are run (each undone): the median is reported
CAMPAIGN_BLOC = "KSN"  # the public service bloc: 50,000 members in the city population
LIST_CALLS = 40
PORTAL_CLIENTS = 20
PORTAL_REQUESTS = 800
PORTAL_SECONDS = 90
LIST_LOAD_CLIENTS = 10  # sessions of one ward officer asking for the list at once
LIST_LOAD_REQUESTS = 400

TARGETS = {
	"batch": 10.0,  # seconds
	"campaign": 120.0,  # seconds
	"summary": 1.0,  # seconds, the first run after a restart of MariaDB included
	"list": 300.0,  # ms, p95
	"portal": 200.0,  # ms, p95
	"portal_request": 15.0,  # ms, one request alone
	"signing": 50.0,  # ms a letter beyond rendering
}
SIGNING_BATCH = 2000
RENDERINGS = 5


def run(prefix: str = "SC", only: str | None = None, workers: str | int = 2) -> None:
	"""Every scenario, or `only` those named (comma-separated: batch, campaign, summary, signing, http).
	`workers`: the web server's worker counts for the HTTP scenarios, e.g. "2,4" to run them once
	with each."""
	counts = [int(count) for count in str(workers).split(",") if count.strip()]
	if not counts or any(count < 1 or count > 32 for count in counts):
		raise ValueError(f"workers: one or more counts from 1 to 32, comma-separated, not {workers!r}")
	if population.ensure(prefix=prefix):
		print("population generated", flush=True)
	# the batch and the campaign e-mail the committees: into a suspended queue, as on the demo site
	demo.ensure_outbox()
	frappe.db.commit()
	root = f"{prefix}-TU"
	scenarios = {
		"batch": lambda: batch_introduction(prefix),
		"campaign": lambda: review_campaign(prefix),
		"summary": lambda: liaison_summary(root),
		"signing": lambda: signing(prefix),
		"http": lambda: (line for count in counts for line in over_http(prefix, count)),
	}
	wanted = only.split(",") if only else list(scenarios)
	print(
		f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run "
		"(anything else running on it slows every figure)",
		flush=True,
	)
	for key in wanted:
		for line in scenarios[key]():
			print(line, flush=True)


def login(name: str) -> str:
	return f"{name}@{population.USER_DOMAIN}"


@contextlib.contextmanager
def acting_as(user: str):
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def verdict(value: float, target: float) -> str:
	return "met" if value <= target else "MISSED"


def percentile(values: list[float], share: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# Batch introduction ------------------------------------------------------------------------------


def batch_introduction(prefix: str):
	bloc = f"{prefix}-KDN"
	members = frappe.get_all(
		"Party Member",
		filters={
			"liaison_status": "Not Introduced",
			"residence_committee": ("is", "set"),
			"workplace_organization": ("like", f"{bloc}-%"),
		},
		order_by="name",
		limit=BATCH_SIZE,
		pluck="name",
	)
	frappe.db.commit()

	def new_batch(names):
		return frappe.get_doc(
			{
				"doctype": "Residence Introduction Batch",
				"workplace_organization": bloc,
				"members": [{"party_member": name} for name in names],
			}
		).insert()

	if not members:
		yield f"batch introduction: no member of {bloc} is left to introduce (run with --fresh)"
		return

	with acting_as(login("khoidn")):
		# a server that has run before: a batch of a few members first, undone (the code loaded, the
		# caches and the database's pages warm), as the raw insert below runs after the app's own
		started = time.perf_counter()
		batch_job.run(new_batch(members[:WARM_UP]).name, commit=False)
		warm_up = time.perf_counter() - started
		frappe.db.rollback()

		runs = []
		for _run in range(RUNS):
			started = time.perf_counter()
			batch = new_batch(members)
			form = time.perf_counter() - started
			batch_job.run(batch.name, commit=False)
			seconds = time.perf_counter() - started
			created = frappe.get_all(
				"Residence Introduction Batch Member",
				filters={"parent": batch.name, "result": "Created"},
				pluck="residence_introduction",
			)
			rows = frappe.get_all(INTRODUCTION, filters={"name": ("in", created)}, fields=["*"])
			# the committees are told by a job of their own once the batch is committed
			notify_started = time.perf_counter()
			introductions.notify_committees(created)
			notify = time.perf_counter() - notify_started
			frappe.db.rollback()
			runs.append((seconds, form, notify, len(created)))

	# the reference: the same rows written by one raw bulk insert
	fields = list(rows[0]) if rows else []
	raws = []
	for _run in range(RUNS):
		raw_started = time.perf_counter()
		if rows:
			frappe.db.bulk_insert(INTRODUCTION, fields, [[row[field] for field in fields] for row in rows])
		raws.append(time.perf_counter() - raw_started)
		frappe.db.rollback()

	seconds, form, _notify, letters = median_run(runs)
	raw = statistics.median(raws)
	rate = letters / seconds if seconds else 0
	raw_rate = len(rows) / raw if raw else 0
	yield (
		f"batch introduction: {len(members):,} members, {letters:,} letters in {seconds:.2f} s "
		f"(form {form:.2f} s + job {seconds - form:.2f} s) = {rate:,.0f} rows/s; "
		f"raw bulk_insert {raw:.2f} s = {raw_rate:,.0f} rows/s (app at {rate / raw_rate:.2f}x raw) "
		f"| target <= {TARGETS['batch']:.0f} s: {verdict(seconds, TARGETS['batch'])}"
	)
	yield (
		f"  the median of {RUNS} runs, each undone: batch {spread(run[0] for run in runs)}, "
		f"raw {spread(raws)}; after a first batch of {min(WARM_UP, len(members))} members in the "
		f"fresh process (not counted): {warm_up:.2f} s"
	)
	yield (
		"  then the committees' e-mails, a job of their own: "
		f"{runs[0][2]:.2f} s the first time in the process, {spread(run[2] for run in runs[1:])} after"
	)


def median_run(runs: list[tuple]) -> tuple:
	"""The run whose first figure is the median (the lower middle one of an even count)."""
	ordered = sorted(runs)
	return ordered[(len(ordered) - 1) // 2]


def spread(values) -> str:
	values = sorted(values)
	return f"{values[0]:.2f}–{values[-1]:.2f} s"


# Signing letters -------------------------------------------------------------------------------


def signing(prefix: str):
	"""Sign 2,000 sent letters of the enterprise bloc's committee as its officer, with a
	certificate of a throw-away test authority, and report rendering and signing apart."""
	bloc = f"{prefix}-KDN"
	# the letters are issued by the bloc's committees, not by the bloc itself: take the busiest one
	busiest = frappe.get_all(
		INTRODUCTION,
		filters={"issuing_committee": ("like", f"{bloc}-%"), "docstatus": 1},
		fields=["issuing_committee", "count(*) as letters"],
		group_by="issuing_committee",
		order_by="letters desc",
		limit=1,
	)
	committee = busiest[0].issuing_committee if busiest else bloc
	letters = frappe.get_all(
		INTRODUCTION,
		filters={"issuing_committee": committee, "docstatus": 1},
		order_by="name",
		limit=SIGNING_BATCH,
		pluck="name",
	)
	yield from measure_signing(letters, committee, login("khoidn"), SIGNING_BATCH)


def measure_signing(letters: list[str], organization: str, user: str, count: int):
	"""Render RENDERINGS letters, then sign `count` (cycling through `letters`) as `user` for
	`organization`, each stored, registered and committed as the signing job does; afterwards
	everything the run made is removed again. Yields the figures."""
	from party_residence import pdf_signing, signatures
	from party_residence.tests.certificates import PASSPHRASE, test_pki
	from party_residence.tests.test_signatures import make_identity

	if not letters:
		yield "signing: no sent letters to sign"
		return
	since = frappe.utils.now_datetime()
	pki = test_pki()
	identity = make_identity(organization, pki.workplace, roles=(roles.WORKPLACE_OFFICER,))
	step = signatures.STEPS[(INTRODUCTION, "Sent")]
	try:
		with acting_as(user):
			started = time.perf_counter()
			rendered = [
				signatures.render(frappe.get_doc(INTRODUCTION, name), step.print_format)
				for name in (letters * RENDERINGS)[:RENDERINGS]
			]
			render_ms = (time.perf_counter() - started) * 1000 / len(rendered)
			pdf = rendered[0]

			# pyHanko alone: certify the rendered letter in memory
			signer = pdf_signing.pkcs12_signer(pki.workplace.pkcs12([pki.root]), PASSPHRASE)
			anchors, pages = pdf_signing.signature_anchors(pdf)
			place = pdf_signing.place_below(anchors[0] if anchors else None, "B", pages)
			font = pdf_signing.find_font()
			started = time.perf_counter()
			for _n in range(100):
				pdf_signing.certify(
					pdf,
					pdf_signing.Signature(signer=signer, place=place, signer_name="B", font_path=font),
				)
			pyhanko_ms = (time.perf_counter() - started) * 10

			# the app's step as the signing job takes it: check the signer, sign, store the File,
			# register it, commit
			started, cpu_started = time.perf_counter(), time.process_time()
			for number in range(count):
				doc = frappe.get_doc(INTRODUCTION, letters[number % len(letters)])
				signatures.check_may_sign(identity.name)
				signatures.sign(doc, step, identity.name, pdf=pdf)
				frappe.db.commit()
			seconds = time.perf_counter() - started
			cpu = time.process_time() - cpu_started
	finally:
		frappe.db.rollback()
		remove_signing_run(since)
	per_letter = seconds * 1000 / count
	yield (
		f"signing letters: rendering {render_ms:.0f} ms a letter (wkhtmltopdf, {RENDERINGS} letters); "
		f"pyHanko certification alone {pyhanko_ms:.1f} ms; signed, stored, registered and committed "
		f"{count:,} letters in {seconds:.1f} s = {per_letter:.1f} ms a letter "
		f"({cpu * 1000 / count:.1f} ms of this process's CPU; the rest is the database and the disk) "
		f"| target <= {TARGETS['signing']:.0f} ms a letter beyond rendering: "
		f"{verdict(per_letter, TARGETS['signing'])}"
	)


def remove_signing_run(since) -> None:
	"""What a signing run made on the benchmark site since `since`: the identity, the register,
	the files on disk and in the database, and the timeline entries and versions."""
	made = {"creation": (">=", since)}
	identities = frappe.get_all("Signing Identity", filters=made, pluck="name")
	if identities:
		frappe.db.delete("__Auth", {"doctype": "Signing Identity", "name": ("in", identities)})
	for url in frappe.get_all("File", filters=made, pluck="file_url"):
		with contextlib.suppress(FileNotFoundError, AttributeError):
			os.remove(frappe.get_site_path(url.lstrip("/")))
	for doctype in (
		"Signed Document Signature",
		"Signed Document",
		"Signing Identity Role",
		"Signing Identity",
		"File",
		"Comment",
		"Version",
	):
		frappe.db.delete(doctype, made)
	frappe.db.commit()


# Review campaign -------------------------------------------------------------------------------


def review_campaign(prefix: str):
	bloc = f"{prefix}-{CAMPAIGN_BLOC}"
	year = population.CURRENT_YEAR
	members = frappe.db.count("Party Member", {"workplace_organization": ("like", f"{bloc}-%")})
	progress = []
	publish_progress = frappe.publish_progress

	def count_progress(percent, *args, **kwargs):
		progress.append(percent)
		return publish_progress(percent, *args, **kwargs)

	frappe.db.commit()
	frappe.publish_progress = count_progress
	try:
		with acting_as(login("khoisn")):
			started = time.perf_counter()
			campaign = frappe.get_doc(
				{
					"doctype": "Residence Review Campaign",
					"workplace_organization": bloc,
					"review_year": year,
					"purpose": "Annual Review",
				}
			).insert()
			campaign_job.run(campaign.name, commit=False)
			seconds = time.perf_counter() - started
			campaign.reload()
	finally:
		frappe.publish_progress = publish_progress
		frappe.db.rollback()
	yield (
		f"review campaign: {members:,} members, {campaign.created_count:,} requests sent, "
		f"{campaign.skipped_count:,} skipped, in {seconds:.1f} s ({len(progress)} progress updates) "
		f"| target <= {TARGETS['campaign']:.0f} s: {verdict(seconds, TARGETS['campaign'])}"
	)


# Residence Liaison Summary ------------------------------------------------------------------------


def liaison_summary(root: str):
	from frappe.desk.query_report import run as run_report

	year = population.REVIEW_YEAR
	times = []
	with acting_as(login("quanly")):
		for _ in range(5):
			started = time.perf_counter()
			result = run_report(
				"Residence Liaison Summary",
				filters={"organization": root, "year": year},
				ignore_prepared_report=True,
			)
			times.append(time.perf_counter() - started)
	introduced = result["result"][0]["count"]
	worst = max(times)
	yield (
		f"residence liaison summary: city {root}, {year}, {introduced:,} introduced: first {times[0]:.2f} s, "
		f"median {statistics.median(times):.2f} s, worst {worst:.2f} s "
		f"| target <= {TARGETS['summary']:.0f} s: {verdict(worst, TARGETS['summary'])}"
	)


# Over HTTP: the member list and the portal page ----------------------------------------------------


class Client:
	"""One logged-in browser session against the benchmark's server (loopback only)."""

	def __init__(self, port: int, site: str):
		self.port, self.site, self.cookie = port, site, ""

	def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
		connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
		headers = {"Host": self.site, "Accept": "application/json, text/html"}
		if self.cookie:
			headers["Cookie"] = self.cookie
		data = None
		if body is not None:
			data = urllib.parse.urlencode(body)
			headers["Content-Type"] = "application/x-www-form-urlencoded"
		try:
			connection.request(method, path, body=data, headers=headers)
			response = connection.getresponse()
			payload = response.read()
			cookies = [v.split(";")[0] for k, v in response.getheaders() if k.lower() == "set-cookie"]
			if any(cookie.startswith("sid=") for cookie in cookies):
				self.cookie = "; ".join(cookies)
			return response.status, payload
		finally:
			connection.close()

	def login(self, user: str) -> None:
		status, payload = self.request("POST", "/api/method/login", {"usr": user, "pwd": population.PASSWORD})
		if status != 200:
			raise RuntimeError(f"login of {user} failed: {status} {payload[:200]!r}")

	def timed(self, path: str) -> float:
		started = time.perf_counter()
		status, payload = self.request("GET", path)
		elapsed = (time.perf_counter() - started) * 1000
		if status != 200:
			raise RuntimeError(f"GET {path}: {status} {payload[:300]!r}")
		return elapsed


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


@contextlib.contextmanager
def web_server(workers: int = 2):
	"""gunicorn from the bench's env, with `workers` workers, on a free loopback port; stopped afterwards."""
	bench = Path(get_bench_path())
	port = free_port()
	log = open(bench / "logs" / "party_residence_benchmark_web.log", "a")
	server = subprocess.Popen(
		[
			str(bench / "env" / "bin" / "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"120",
			"--preload",
			"frappe.app:application",
		],
		cwd=bench / "sites",
		stdout=log,
		stderr=log,
	)
	try:
		deadline = time.monotonic() + 60
		while time.monotonic() < deadline:
			with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
				break
			if server.poll() is not None:
				raise RuntimeError("the web server stopped; see logs/party_residence_benchmark_web.log")
			time.sleep(0.5)
		yield port
	finally:
		server.terminate()
		try:
			server.wait(timeout=30)
		except subprocess.TimeoutExpired:
			server.kill()
			server.wait()
		log.close()


LIST_FIELDS = ("name", "full_name", "workplace_organization", "residence_committee", "liaison_status")


def list_path() -> str:
	"""The member list's first page as Desk's list view asks for it."""
	fields = [
		f"`tabParty Member`.`{field}`"
		for field in (
			*LIST_FIELDS,
			"modified",
			"docstatus",
			"_assign",
			"_comments",
			"_liked_by",
			"_user_tags",
		)
	]
	query = {
		"doctype": "Party Member",
		"fields": json.dumps(fields),
		"filters": "[]",
		"order_by": "`tabParty Member`.`modified` desc",
		"start": 0,
		"page_length": 20,
		"view": "List",
		"group_by": "",
		"with_comment_count": 1,
	}
	return "/api/method/frappe.desk.reportview.get?" + urllib.parse.urlencode(query)


def count_path() -> str:
	query = {"doctype": "Party Member", "filters": "[]", "fields": "[]", "distinct": "false"}
	return "/api/method/frappe.desk.reportview.get_count?" + urllib.parse.urlencode(query)


def over_http(prefix: str, workers: int = 2):
	site = frappe.local.site
	portal_users = frappe.get_all(
		"User",
		filters={"name": ("like", f"dangvien%@{population.USER_DOMAIN}")},
		pluck="name",
		order_by="name",
	)[:PORTAL_CLIENTS]
	frappe.db.commit()
	with web_server(workers) as port:
		yield f"web server: gunicorn, {workers} workers"
		for key, label in (("chibo", "branch secretary"), ("phuong", "ward officer")):
			yield scoped_list(port, site, login(key), label)
		yield list_under_load(port, site, login("phuong"), workers)
		yield portal(port, site, portal_users, workers)


def scoped_list(port: int, site: str, user: str, label: str) -> str:
	client = Client(port, site)
	client.login(user)
	status, payload = client.request("GET", count_path())
	visible = json.loads(payload).get("message") if status == 200 else None
	for _ in range(3):  # warm the worker's caches
		client.timed(list_path())
	pages = [client.timed(list_path()) for _ in range(LIST_CALLS)]
	counts = [client.timed(count_path()) for _ in range(LIST_CALLS // 2)]
	p95 = percentile(pages, 0.95)
	return (
		f"party member list as {label} ({visible:,} members in scope): page p50 {percentile(pages, 0.5):.0f} ms, "
		f"p95 {p95:.0f} ms; count p50 {percentile(counts, 0.5):.0f} ms, p95 {percentile(counts, 0.95):.0f} ms "
		f"| target p95 <= {TARGETS['list']:.0f} ms: {verdict(p95, TARGETS['list'])}"
	)


def list_under_load(port: int, site: str, user: str, workers: int) -> str:
	"""The ward officer's member list asked for by several sessions at once: the throughput the web
	server's workers give (the figure above is one request at a time)."""
	clients = []
	for _ in range(LIST_LOAD_CLIENTS):
		client = Client(port, site)
		client.login(user)
		client.timed(list_path())
		clients.append(client)
	latencies, errors, wall = load(clients, list_path(), LIST_LOAD_REQUESTS)
	p95 = percentile(latencies, 0.95) if latencies else float("inf")
	return (
		f"party member list, {len(clients)} sessions at once, {workers} workers: {len(latencies):,} requests in "
		f"{wall:.1f} s = {len(latencies) / wall:.1f} req/s, p50 {percentile(latencies, 0.5):.0f} ms, "
		f"p95 {p95:.0f} ms, {len(errors)} errors"
	)


def portal(port: int, site: str, users: list[str], workers: int = 2) -> str:
	clients = []
	for user in users:
		client = Client(port, site)
		client.login(user)
		client.timed("/my-residence")  # warm up, and check that the page answers
		client.timed("/me")
		clients.append(client)
	weight = page_weight(clients[0])
	alone = sorted(clients[0].timed("/my-residence") for _n in range(20))
	# the page made afresh, as on the first visit after a change (portal.py keeps it otherwise)
	member = frappe.db.get_value("Party Member", {"user": users[0]}, "name")
	afresh = []
	for _n in range(20):
		frappe.cache.delete_value(portal_page.PAGE_CACHE + member)
		afresh.append(clients[0].timed("/my-residence"))
	afresh.sort()
	latencies, errors, wall = load(clients, "/my-residence", PORTAL_REQUESTS)
	# the reference: Frappe's own portal page for a logged-in user, under the same load
	reference, _errors, reference_wall = load(clients, "/me", PORTAL_REQUESTS // 2)
	p95 = percentile(latencies, 0.95) if latencies else float("inf")
	reference_p95 = percentile(reference, 0.95) if reference else float("inf")
	return (
		f"portal /my-residence, {len(clients)} concurrent members, {workers} workers: {len(latencies):,} requests in "
		f"{wall:.1f} s = {len(latencies) / wall:.1f} req/s, p50 {percentile(latencies, 0.5):.0f} ms, "
		f"p95 {p95:.0f} ms, {len(errors)} errors; Frappe's /me {len(reference) / reference_wall:.1f} req/s, "
		f"p95 {reference_p95:.0f} ms (page at {p95 / reference_p95:.2f}x its p95) "
		f"| target p95 <= {TARGETS['portal']:.0f} ms: {verdict(p95, TARGETS['portal'])}\n"
		f"portal /my-residence, one request alone: median {alone[len(alone) // 2]:.0f} ms "
		f"(made afresh, as after a change: {afresh[len(afresh) // 2]:.0f} ms) "
		f"| target <= {TARGETS['portal_request']:.0f} ms: {verdict(alone[len(alone) // 2], TARGETS['portal_request'])}; "
		f"{weight}"
	)


def fetch_asset(client: Client, path: str) -> bytes:
	"""A file the page asks for: the static ones from the bench's assets (the web server in front
	of the workers serves them; the benchmark's workers do not), the others over HTTP."""
	if path.startswith("/assets/"):
		with open(os.path.join(frappe.local.sites_path, path.lstrip("/")), "rb") as f:
			return f.read()
	return client.request("GET", path)[1]


def page_weight(client: Client) -> str:
	"""Bytes a member's phone fetches, gzip-compressed as a web server sends them: the first visit
	(the page and everything it asks for) and a repeat visit (the page; the rest is cached)."""
	import gzip
	import re

	_status, html = client.request("GET", "/my-residence")
	assets = set(re.findall(rb'(?:href|src)="(/assets/[^"]+)"', html)) | {b"/my-residence-sw.js"}
	manifest = b"/assets/party_residence/manifest.webmanifest"
	if manifest in assets:
		assets |= set(re.findall(rb'"src": "([^"]+)"', fetch_asset(client, manifest.decode())))
	sizes = {path: len(gzip.compress(fetch_asset(client, path.decode()))) for path in assets}
	page = len(gzip.compress(html))
	first = page + sum(sizes.values())
	return (
		f"first visit {first / 1024:.1f} KB compressed (page {page / 1024:.1f} KB, {len(sizes)} other files), "
		f"repeat visit {page / 1024:.1f} KB | targets <= 100 KB and <= 10 KB: "
		f"{verdict(first / 1024, 100)}, {verdict(page / 1024, 10)}"
	)


def load(clients: list[Client], path: str, requests: int) -> tuple[list[float], list[str], float]:
	"""Each client asks for `path` again and again, all at once, until `requests` have been made
	or PORTAL_SECONDS have passed. Returns the latencies (ms), the errors and the wall time."""
	latencies: list[float] = []
	errors: list[str] = []
	lock = threading.Lock()
	remaining = [requests]
	deadline = time.monotonic() + PORTAL_SECONDS

	def browse(client: Client) -> None:
		while time.monotonic() < deadline:
			with lock:
				if remaining[0] <= 0:
					return
				remaining[0] -= 1
			try:
				elapsed = client.timed(path)
			except Exception as error:
				with lock:
					errors.append(str(error))
				continue
			with lock:
				latencies.append(elapsed)

	threads = [threading.Thread(target=browse, args=(client,)) for client in clients]
	started = time.perf_counter()
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return latencies, errors, time.perf_counter() - started
