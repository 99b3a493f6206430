#!/usr/bin/env bash
# All the tests of party_residence, in three tiers, each with its own tally.
#
#   bash scripts/run-tests.sh [--no-integration] [bench run-tests options]
#
#   1. Static checks: ruff check, ruff format --check, and the checks of the app's JSON files.
#   2. Framework-free tests: pytest over tests/ (plain Python, no Frappe).
#      Tiers 1 and 2 use a private virtual environment, .venv-dev, built from dev-requirements.txt.
#   3. Integration tests: bench run-tests --app party_residence on a throwaway site, created on the
#      bench in $FRAPPE_BENCH (default /home/frappe/frappe-bench) and dropped afterwards; where that
#      directory does not exist, the bench is made first (scripts/lib/bootstrap.sh). Other
#      options go to bench run-tests, e.g. --module party_residence.tests.test_scope or
#      --doctype "Party Member".
#   4. Slow tests: the modules that play the demo and generate the benchmark's population (minutes),
#      skipped by the run of tier 3 and run after it on the same site, module by module, with a
#      tally of their own (party_residence/tests/base.py, `slow`). A run of chosen modules (options
#      for bench run-tests) runs them in tier 3 instead.
#
#   --no-integration   skip the integration tests
#   DB_ROOT_PASSWORD   MariaDB's root password for the throwaway site (default: MARIADB_ROOT_PASSWORD,
#                      else the bench's root_password)
#   FRAPPE_SOURCE, DB_HOST, DB_PORT, BENCH_USER   for a bench made here (see scripts/lib/bootstrap.sh)
#
# The last line reads "N passed, N failed"; the exit status is non-zero when anything failed.
set -euo pipefail

APP=party_residence
PURPOSE="integration suite"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=$ROOT/.venv-dev
REQUIREMENTS=$ROOT/dev-requirements.txt
# the modules of tier 4, and the variable that lets their tests run (tests/base.py)
SLOW_MODULES=(party_residence.tests.test_demo party_residence.tests.test_population)
SLOW_TESTS=PARTY_RESIDENCE_SLOW_TESTS

RUN_INTEGRATION=1
BENCH_ARGS=()
SUMMARY=()
TOTAL_PASSED=0
TOTAL_FAILED=0
WORK=""
STARTED=$SECONDS

# Set by the integration tier, read by cleanup
BENCH=""
OWNER=""
OWNER_HOME=""
COPY_ROOT=""
COPY=""
SITE=""
SITE_STARTED=0
LOCK_FD=""
ADDED_LINK=0
ADDED_INSTALL=0
ADDED_LISTING=0
CLEANED=0

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

parse_args() {
	while (($#)); do
		case $1 in
			--no-integration) RUN_INTEGRATION=0 ;;
			-h | --help) usage && exit 0 ;;
			--)
				shift
				BENCH_ARGS+=("$@")
				break
				;;
			*) BENCH_ARGS+=("$1") ;;
		esac
		shift
	done
}

# Output --------------------------------------------------------------------------------------------

header() { printf '\n==== %s ====\n' "$1"; }
say() { printf '%s\n' "$*"; }
# fail MESSAGE: what went wrong, as a sentence of its own
fail() { say "${1^}" "${@:2}"; }

# record LABEL PASSED FAILED [NOTE]: a tier's tally, added to the totals
record() {
	local label=$1 passed=$2 failed=$3 note=${4:-}
	TOTAL_PASSED=$((TOTAL_PASSED + passed))
	TOTAL_FAILED=$((TOTAL_FAILED + failed))
	summarize "$label" "$passed passed, $failed failed${note:+ ($note)}"
}

# summarize LABEL TEXT: a tier's line, printed now and again in the summary
summarize() {
	printf '\n%s: %s\n' "$1" "$2"
	SUMMARY+=("$(printf '%-22s %s' "$1" "$2")")
}

show_log() {
	local log=$1 lines=${2:-60}
	[[ -s $log ]] || return 0
	say "---- last lines of the log ----"
	tail -n "$lines" "$log"
	say "-------------------------------"
}

elapsed() { printf '%ds' $((SECONDS - $1)); }

# The bench, its owner and its services: find_bench, as_owner, conf, bench_problem, ensure_mariadb,
# ensure_redis
# shellcheck source=lib/bench.sh
source "$ROOT/scripts/lib/bench.sh"

# The tools' virtual environment -------------------------------------------------------------------

VENV_READY=0

# .venv-dev in the checkout; when another user made it (or the checkout is read-only for this
# user), a private one under ~/.cache instead.
choose_venv() {
	local dir=$VENV
	if [[ -e $dir && ! -w $dir ]] || [[ ! -e $dir && ! -w $ROOT ]]; then
		VENV=${XDG_CACHE_HOME:-$HOME/.cache}/$APP-dev/venv-$(printf '%s' "$ROOT" | sha256sum | cut -c 1-12)
		say "Tools: $dir is not writable by $(id -un); using $VENV"
	fi
}

ensure_venv() {
	local python stamp wanted log=$WORK/venv.log
	choose_venv
	stamp=$VENV/.requirements-stamp
	if ! python=$(command -v python3); then
		say "python3 was not found: install Python 3.10 or newer."
		return 1
	fi
	if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
		say "$python is Python $("$python" -c 'import platform; print(platform.python_version())'); the tools need 3.10 or newer."
		return 1
	fi
	wanted=$({
		"$python" -c 'import sys; print(sys.executable, sys.version)'
		cat "$REQUIREMENTS"
	} | sha256sum | cut -d ' ' -f 1)
	if [[ -x $VENV/bin/python && -f $stamp && $(<"$stamp") == "$wanted" ]]; then
		say "Tools: $VENV (up to date with dev-requirements.txt)"
		VENV_READY=1
		return 0
	fi
	say "Tools: installing dev-requirements.txt into $VENV"
	if ! mkdir -p "$VENV" || ! "$python" -m venv --clear "$VENV" >"$log" 2>&1; then
		show_log "$log" 20
		say "Could not create $VENV with $python (on Debian and Ubuntu python3-venv provides venv)."
		return 1
	fi
	if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" >>"$log" 2>&1; then
		show_log "$log" 30
		say "Could not install dev-requirements.txt into $VENV."
		return 1
	fi
	printf '%s\n' "$wanted" >"$stamp"
	VENV_READY=1
}

# pytest -----------------------------------------------------------------------------------------------

# run_pytest NAME PYTEST_ARGS...: runs pytest in the checkout and sets PASSED, FAILED and SKIPPED
# from its JUnit report (a test that failed in teardown after passing counts once, as failed).
run_pytest() {
	local name=$1 junit=$WORK/$1.xml status=0
	shift
	(
		cd "$ROOT"
		PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" -m pytest -p no:cacheprovider -rfEsxX \
			--junitxml="$junit" "$@"
	) || status=$?
	PASSED=0 FAILED=1 SKIPPED=0
	read -r PASSED FAILED SKIPPED < <("$VENV/bin/python" - "$junit" "$status" <<'PY'
import sys
import xml.etree.ElementTree as ET

path, status = sys.argv[1], int(sys.argv[2])
rank = {"passed": 0, "skipped": 1, "failed": 2}
outcomes = {}
try:
	cases = ET.parse(path).getroot().iter("testcase")
except (OSError, ET.ParseError):
	cases = []
for case in cases:
	tags = {child.tag for child in case}
	outcome = "failed" if tags & {"failure", "error"} else "skipped" if "skipped" in tags else "passed"
	key = (case.get("classname", ""), case.get("name", ""))
	if key not in outcomes or rank[outcome] > rank[outcomes[key]]:
		outcomes[key] = outcome
counts = {kind: list(outcomes.values()).count(kind) for kind in rank}
# 2 interrupted (e.g. a test module that does not import), 3 internal error, 4 usage error,
# 5 no test collected: the tier did not run as it should
if status not in (0, 1) and counts["failed"] == 0:
	counts["failed"] = 1
print(counts["passed"], counts["failed"], counts["skipped"])
PY
	) || true
	if ((status == 5)); then
		say "pytest collected no test."
	fi
}

# Tier 1: static checks -----------------------------------------------------------------------------

static_tier() {
	local started=$SECONDS passed=0 failed=0
	header "Static checks: ruff, and the app's JSON files"
	if ((!VENV_READY)); then
		record "Static checks" 0 1 "not run: the tools could not be installed"
		return
	fi
	say "ruff check"
	if (cd "$ROOT" && "$VENV/bin/ruff" check --no-cache .); then
		passed=$((passed + 1))
	else
		say "ruff check: FAILED (many problems are fixed by: $VENV/bin/ruff check --fix .)"
		failed=$((failed + 1))
	fi
	say "ruff format --check"
	if (cd "$ROOT" && "$VENV/bin/ruff" format --check --no-cache .); then
		passed=$((passed + 1))
	else
		say "ruff format --check: FAILED (fix with: $VENV/bin/ruff format .)"
		failed=$((failed + 1))
	fi
	say "pytest -m static tests/"
	run_pytest static -m static tests
	record "Static checks" $((passed + PASSED)) $((failed + FAILED)) "$SKIPPED skipped or expected to fail, $(elapsed "$started")"
}

# Tier 2: framework-free tests ---------------------------------------------------------------------------

framework_free_tier() {
	local started=$SECONDS
	header "Framework-free tests: pytest tests/"
	if ((!VENV_READY)); then
		record "Framework-free tests" 0 1 "not run: the tools could not be installed"
		return
	fi
	run_pytest framework-free -m "not static" tests
	record "Framework-free tests" "$PASSED" "$FAILED" "$SKIPPED skipped or expected to fail, $(elapsed "$started")"
}

# Tier 3: the integration tests on a throwaway site ---------------------------------------------------------

# Serialise the test runs on one bench. Taken after the services are up, so that no daemon started
# here inherits the lock.
take_lock() {
	local lock=$BENCH/config/$APP-tests.lock
	if [[ ! -e $lock ]] && ! as_owner touch "$lock"; then
		say "Could not create the lock file $lock."
		return 1
	fi
	exec {LOCK_FD}<"$lock" || return 1
	if ! flock -n "$LOCK_FD"; then
		say "Another test run holds $lock: waiting for it (up to 60 minutes)."
		if ! flock -w 3600 "$LOCK_FD"; then
			say "Gave up waiting for $lock."
			return 1
		fi
	fi
}

# The files of the checkout: tracked and untracked-but-not-ignored ones, as they are in the work
# tree; without git, everything but .git and the tools' environment.
checkout_files_tar() {
	if command -v git >/dev/null &&
		GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*' \
			git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*' \
			git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
			while IFS= read -r -d '' file; do
				# a tracked file deleted in the work tree is still listed
				if [[ -e $ROOT/$file || -L $ROOT/$file ]]; then
					printf '%s\0' "$file"
				fi
			done |
			tar -C "$ROOT" --null --no-recursion -T - -cf -
	else
		tar -C "$ROOT" --exclude=./.git --exclude=./.venv-dev --exclude=__pycache__ --exclude='*.pyc' -cf - .
	fi
}

# A copy of the work tree in a directory of the bench's owner: the owner may not be able to read the
# checkout, and Python must not write into it.
make_copy() {
	COPY_ROOT=/tmp/$APP-tests-$RUN_ID
	if ! as_owner mkdir -m 700 "$COPY_ROOT" "$COPY_ROOT/src" "$COPY_ROOT/archived"; then
		say "Could not create $COPY_ROOT as $OWNER."
		return 1
	fi
	if ! checkout_files_tar | as_owner tar -C "$COPY_ROOT/src" -xf -; then
		say "Could not copy $ROOT to $COPY_ROOT/src."
		return 1
	fi
	COPY=$COPY_ROOT/src
	say "Code under test: a copy of $ROOT in $COPY"
}

bench_python_ok() { as_owner env/bin/python -c "$1" >/dev/null 2>&1; }

pip_into_bench() {
	if as_owner bash -c 'command -v uv' >/dev/null 2>&1; then
		as_owner uv pip install --quiet --python env/bin/python "$@"
	else
		as_owner env/bin/python -m pip install --quiet "$@"
	fi
}

# The bench normally has the app from its README install (listed in sites/apps.txt, installed in
# env); PYTHONPATH then makes the copy the code that runs. A bench without it gets the copy linked,
# installed and listed for this run only.
ensure_copy_in_bench() {
	local listed=0 installed=0
	grep -qx "$APP" "$BENCH/sites/apps.txt" 2>/dev/null && listed=1
	bench_python_ok "import importlib.metadata as m; m.distribution('$APP')" && installed=1
	if ((listed && installed)); then
		return 0
	fi
	say "The bench does not have $APP (listed in sites/apps.txt: $listed, installed in env: $installed):"
	say "adding the copy under test for this run only."
	if [[ ! -e $BENCH/apps/$APP && ! -L $BENCH/apps/$APP ]]; then
		as_owner ln -s "$COPY" "apps/$APP" || return 1
		ADDED_LINK=1
	fi
	if ((!installed)); then
		ADDED_INSTALL=1
		pip_into_bench -e "$COPY" || return 1
	fi
	if ((!listed)); then
		ADDED_LISTING=1
		list_app_in_bench || return 1
	fi
}

restore_bench() {
	if ((ADDED_LISTING)); then
		as_owner sed -i "/^$APP\$/d" sites/apps.txt || true
		ADDED_LISTING=0
	fi
	if ((ADDED_INSTALL)); then
		if as_owner bash -c 'command -v uv' >/dev/null 2>&1; then
			as_owner uv pip uninstall --quiet --python env/bin/python "$APP" >/dev/null 2>&1 || true
		else
			as_owner env/bin/python -m pip uninstall --quiet --yes "$APP" >/dev/null 2>&1 || true
		fi
		ADDED_INSTALL=0
	fi
	if ((ADDED_LINK)); then
		as_owner rm -f "apps/$APP" || true
		ADDED_LINK=0
	fi
}

# The app's own Python dependencies (pyproject.toml) must be importable in the bench's env.
ensure_app_dependencies() {
	local missing=()
	mapfile -t missing < <(as_owner env/bin/python - "$COPY/pyproject.toml" <<'PY' | sed -n 's/^MISSING //p'
import re
import sys
from importlib import metadata

try:
	import tomllib
except ImportError:  # Python 3.10
	import tomli as tomllib

with open(sys.argv[1], "rb") as f:
	pyproject = tomllib.load(f)
requirements = pyproject.get("project", {}).get("dependencies", [])
# the integration tests need the dev dependencies too (bench installs them in developer mode only)
dev = pyproject.get("tool", {}).get("bench", {}).get("dev-dependencies", {})
requirements += [f"{name}{specifier}" for name, specifier in dev.items()]
try:
	from packaging.requirements import Requirement
except ImportError:  # then only the presence of each package is checked
	Requirement = None

for line in requirements:
	if Requirement:
		requirement = Requirement(line)
		name, specifier = requirement.name, requirement.specifier
	else:
		name, specifier = re.match(r"[A-Za-z0-9._-]+", line).group(), None
	try:
		version = metadata.version(name)
	except metadata.PackageNotFoundError:
		print("MISSING", line)
		continue
	if specifier and not specifier.contains(version, prereleases=True):
		print("MISSING", line)
PY
	)
	((${#missing[@]})) || return 0
	say "Installing the app's dependencies into the bench's env: ${missing[*]}"
	pip_into_bench "${missing[@]}"
}

# ERPNext and HRMS go on the throwaway site, before the app, when the bench has them: the app's
# ERPNext tests (tests/test_erpnext.py) run only there and are reported as not run elsewhere.
ERPNEXT_APPS=()

find_erpnext_apps() {
	local app
	ERPNEXT_APPS=()
	for app in erpnext hrms; do
		if grep -qx "$app" "$BENCH/sites/apps.txt" 2>/dev/null && [[ -d $BENCH/apps/$app ]]; then
			ERPNEXT_APPS+=("$app")
		fi
	done
	# HRMS needs ERPNext
	[[ ${ERPNEXT_APPS[0]:-} == erpnext ]] || ERPNEXT_APPS=()
}

create_site() {
	local log=$WORK/new-site.log started=$SECONDS args=() apps=() app
	mapfile -t args < <(db_root_args)
	find_erpnext_apps
	for app in "${ERPNEXT_APPS[@]}" "$APP"; do
		apps+=(--install-app "$app")
	done
	say "Creating the throwaway site $SITE (apps: ${ERPNEXT_APPS[*]} $APP)"
	SITE_STARTED=1
	if ! bench_ new-site "$SITE" --admin-password admin "${apps[@]}" "${args[@]}" \
		</dev/null >"$log" 2>&1; then
		show_log "$log" 40
		say "Could not create the site $SITE with ${ERPNEXT_APPS[*]} $APP installed."
		return 1
	fi
	{
		bench_ --site "$SITE" set-config --parse allow_tests True &&
			bench_ --site "$SITE" set-config --parse developer_mode 0 &&
			# the suite makes hundreds of logins within the hour; Frappe refuses more than 60 by default
			bench_ --site "$SITE" set-config --parse throttle_user_limit 100000
	} </dev/null >>"$log" 2>&1 || {
		show_log "$log" 30
		say "Could not configure the site $SITE."
		return 1
	}
	if compgen -G "$COPY/$APP/locale/*.po" >/dev/null; then
		if ! bench_ compile-po-to-mo --app "$APP" --force </dev/null >>"$log" 2>&1; then
			show_log "$log" 30
			say "Could not compile the app's translations."
			return 1
		fi
	fi
	say "Site ready in $(elapsed "$started")."
}

drop_site() {
	((SITE_STARTED)) || return 0
	SITE_STARTED=0
	local log=$WORK/drop-site.log args=()
	mapfile -t args < <(db_root_args)
	[[ -e $BENCH/sites/$SITE ]] || return 0
	if bench_ drop-site "$SITE" --force --no-backup --archived-sites-path "$COPY_ROOT/archived" \
		"${args[@]}" </dev/null >"$log" 2>&1; then
		say "Dropped the throwaway site $SITE."
		return 0
	fi
	show_log "$log" 5
	say "Could not drop the site $SITE; removing its folder. Its database may be left behind."
	as_owner rm -rf "sites/$SITE" || true
	return 1
}

# integration_counts LOG STATUS: PASSED FAILED SKIPPED NOTE from unittest's output. A failing subTest
# adds a FAIL line per subtest and a failing setUpClass an "ERROR: setUpClass (...)" line for tests
# that are not in "Ran N tests": failed is the number of distinct failing ids, passed is N less the
# failed ones N counted and the skipped ones.
integration_counts() {
	python3 - "$1" "$2" <<'PY'
import re
import sys

with open(sys.argv[1], errors="replace") as f:
	text = f.read()
status = int(sys.argv[2])
FIXTURES = {"setUpClass", "tearDownClass", "setUpModule", "tearDownModule"}

ran = re.findall(r"^Ran (\d+) tests? in ", text, re.M)
results = re.findall(r"^(OK|FAILED)(?: \((.*)\))?\s*$", text, re.M)
failing = set()
outside = set()
for method, where in re.findall(r"^(?:FAIL|ERROR): (\S+) \(([^)]*)\)", text, re.M):
	test_id = f"{method} ({where})"
	(outside if method in FIXTURES else failing).add(test_id)

details = {}
if results:
	for part in (results[-1][1] or "").split(","):
		key, _, value = part.strip().partition("=")
		if value.isdigit():
			details[key] = int(value)
skipped = details.get("skipped", 0)
unexpected = details.get("unexpected successes", 0)
notes = []
if not ran:
	failed = max(1, len(failing) + len(outside))
	passed = 0
	notes.append("the run did not finish")
else:
	total = int(ran[-1])
	if not failing and not outside and results and results[-1][0] == "FAILED":
		# FAIL/ERROR lines not found: fall back on the closing line's counts
		failing = {f"#{i}" for i in range(details.get("failures", 0) + details.get("errors", 0))}
	failed = len(failing) + len(outside) + unexpected
	passed = max(0, total - len(failing) - skipped - unexpected)
	if total == 0:
		failed += 1
		notes.append("ran no test")
	if status != 0 and failed == 0:
		failed = 1
		notes.append(f"bench run-tests exited with status {status}")
print(passed, failed, skipped, "; ".join(notes))
PY
}

# run_counts XML LOG STATUS: PASSED FAILED SKIPPED NOTE, from the JUnit report bench run-tests writes
# (scripts/lib/junit_counts.py), else from the log (a run that did not finish writes no report)
run_counts() {
	local passed failed skipped
	read -r passed failed skipped < <(python3 "$ROOT/scripts/lib/junit_counts.py" "$1") || true
	if [[ -z $passed ]]; then
		integration_counts "$2" "$3" | sed 's/$/; no JUnit report: counted from the log/'
		return
	fi
	((passed + failed + skipped)) || { echo "0 1 0 ran no test" && return; }
	if (($3 != 0 && failed == 0)); then
		echo "$passed 1 $skipped bench run-tests exited with status $3"
		return
	fi
	echo "$passed $failed $skipped"
}

integration_tier() {
	local started=$SECONDS problem log status
	header "Integration tests: bench run-tests on a throwaway site"
	if ((!RUN_INTEGRATION)); then
		say "Skipped (--no-integration)."
		((${#BENCH_ARGS[@]} == 0)) || say "Ignored with it: ${BENCH_ARGS[*]}"
		summarize "Integration tests" "not run (--no-integration)"
		return
	fi
	if ! find_bench; then
		say "The integration suite did NOT run."
		summarize "Integration tests" "NOT RUN: no Frappe bench at ${FRAPPE_BENCH:-$DEFAULT_BENCH}"
		return
	fi
	say "Bench: $BENCH (owner $OWNER)"
	problem=$(bench_problem || true)
	if [[ -n $problem ]]; then
		say "Cannot use the bench: $problem."
		record "Integration tests" 0 1 "not run: $problem"
		return
	fi
	RUN_ID=$(date +%s)-$$
	SITE=prtest-$RUN_ID.localhost
	if ! { ensure_mariadb && ensure_redis && check_db_root_password "creating the throwaway site" && take_lock && make_copy &&
		ensure_copy_in_bench && ensure_app_dependencies && create_site; }; then
		cleanup_integration || true
		record "Integration tests" 0 1 "could not prepare the bench or the site, $(elapsed "$started")"
		return
	fi

	log=$WORK/run-tests.log
	# the counts come from the JUnit report, written where the bench's owner may write
	local junit=$COPY_ROOT/junit-integration.xml
	# chosen modules run whole, slow tests included; the whole suite leaves those to tier 4
	local slow=0
	((${#BENCH_ARGS[@]})) && slow=1
	say "bench --site $SITE run-tests --app $APP ${BENCH_ARGS[*]} --junit-xml-output $junit"
	set +e
	as_owner env "$SLOW_TESTS=$slow" bench --site "$SITE" run-tests --app "$APP" "${BENCH_ARGS[@]}" \
		--junit-xml-output "$junit" </dev/null 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	set -e

	local passed=0 failed=1 skipped=0 note=""
	IFS=' ' read -r passed failed skipped note < <(run_counts "$junit" "$log" "$status") || true
	record "Integration tests" "$passed" "$failed" "$skipped skipped${note:+; $note}, $(elapsed "$started")"
	# skipped tests are never counted as passed; say which ones did not run
	if ((${#ERPNEXT_APPS[@]})); then
		summarize "ERPNext tests" "ran (${ERPNEXT_APPS[*]} installed on the throwaway site)"
	else
		summarize "ERPNext tests" "NOT RUN: ERPNext is not installed on the bench (not counted)"
	fi
	if ((slow)); then
		summarize "Slow tests" "run with the integration tests (modules chosen)"
	else
		slow_tier
	fi
	if ! cleanup_integration; then
		record "Clean-up" 0 1 "the throwaway site $SITE could not be dropped"
	fi
}

# Tier 4: the slow modules, one bench run-tests each, on the site of tier 3.
slow_tier() {
	local started=$SECONDS module log junit status passed=0 failed=0 skipped=0 p f s n notes=""
	header "Slow tests: the demo and the benchmark's population"
	for module in "${SLOW_MODULES[@]}"; do
		log=$WORK/slow-${module##*.}.log
		junit=$COPY_ROOT/junit-${module##*.}.xml
		say "bench --site $SITE run-tests --module $module --junit-xml-output $junit"
		set +e
		as_owner env "$SLOW_TESTS=1" bench --site "$SITE" run-tests --module "$module" \
			--junit-xml-output "$junit" </dev/null 2>&1 | tee "$log"
		status=${PIPESTATUS[0]}
		set -e
		p=0 f=1 s=0 n="no tally"
		IFS=' ' read -r p f s n < <(run_counts "$junit" "$log" "$status") || true
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + s))
		[[ -n $n ]] && notes="${notes:+$notes; }${module##*.}: $n"
	done
	record "Slow tests" "$passed" "$failed" "$skipped skipped${notes:+; $notes}, $(elapsed "$started")"
}

# Clean-up --------------------------------------------------------------------------------------------------

cleanup_integration() {
	local ok=0
	[[ -n $BENCH ]] || return 0
	drop_site || ok=1
	restore_bench
	if [[ -n $COPY_ROOT ]]; then
		as_owner rm -rf "$COPY_ROOT" || true
		COPY_ROOT=""
		COPY=""
	fi
	if [[ -n $LOCK_FD ]]; then
		exec {LOCK_FD}<&-
		LOCK_FD=""
	fi
	return $ok
}

cleanup() {
	((CLEANED)) && return 0
	CLEANED=1
	cleanup_integration || true
	[[ -n $WORK ]] && rm -rf "$WORK"
	return 0
}

on_exit() {
	local status=$?
	if ((!CLEANED)) && [[ -n $SITE || -n $COPY_ROOT ]]; then
		say ""
		say "Stopped (status $status): cleaning up."
	fi
	cleanup
	exit "$status"
}

# Main ----------------------------------------------------------------------------------------------------

print_summary() {
	local line
	header "Summary ($(elapsed "$STARTED"))"
	for line in "${SUMMARY[@]}"; do
		say "$line"
	done
	say "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
}

main() {
	parse_args "$@"
	trap on_exit EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/$APP-run-tests.XXXXXX")

	header "Tools"
	ensure_venv || true
	static_tier
	framework_free_tier
	integration_tier
	cleanup
	print_summary
	((TOTAL_FAILED == 0))
}

main "$@"
