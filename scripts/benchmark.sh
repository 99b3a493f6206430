#!/usr/bin/env bash
# The benchmark: the app's hot paths on a city-size population, one line per scenario with its
# figure, the reference measured in the same run where there is one, and the target.
#
#   bash scripts/benchmark.sh [--fresh]
#
#   --fresh              drop the benchmark site first and generate the population again
#   FRAPPE_BENCH         the bench (default /home/frappe/frappe-bench)
#   BENCHMARK_SITE       the site (default bench-scale.localhost); never use a site with real data
#   DB_ROOT_PASSWORD     MariaDB's root password for a new site (default: the bench's root_password)
#
# The first run creates the site and generates the population (party_residence/population.py:
# 100 wards, 2,000 residential branches, 500 workplace organizations, 200,000 members and their
# letters, meetings and reviews; about ten minutes); later runs reuse it.
set -euo pipefail

APP=party_residence
APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SITE=${BENCHMARK_SITE:-bench-scale.localhost}
FRESH=0

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

for arg in "$@"; do
	case $arg in
		--fresh) FRESH=1 ;;
		-h | --help) usage && exit 0 ;;
		*) echo "benchmark: unknown option $arg" >&2 && usage >&2 && exit 2 ;;
	esac
done

say() { printf '\n==> %s\n' "$*"; }
die() {
	printf '\nbenchmark: %s\n' "$*" >&2
	exit 1
}

# The bench ----------------------------------------------------------------------------------------

find_bench() {
	local bench=${FRAPPE_BENCH:-/home/frappe/frappe-bench}
	local missing=()
	if [[ ! -d $bench ]]; then
		missing=("the directory itself")
	else
		[[ -d $bench/apps/frappe ]] || missing+=("apps/frappe")
		[[ -d $bench/sites ]] || missing+=("sites/")
	fi
	if ((${#missing[@]})); then
		local list
		list=$(printf '%s, ' "${missing[@]}")
		die "no Frappe bench at $bench (missing: ${list%, }).
The benchmark needs a Frappe version-15 bench with MariaDB and Redis running; see the README, section
\"Install\": create one as an ordinary user (bench init --frappe-branch version-15 ~/frappe-bench),
with MariaDB 10.6+ in utf8mb4 and Redis. This command then adds the app to it (as bench get-app
would) and makes the benchmark site. Point it at a bench elsewhere with FRAPPE_BENCH=/path/to/bench."
	fi
	BENCH=$(cd "$bench" && pwd)
	OWNER=$(stat -c %U "$BENCH")
	PYTHON=$BENCH/env/bin/python
	[[ -x $PYTHON ]] || PYTHON=python3
}

# Run a command line in the bench as the bench's owner (bench refuses root), in a login shell so
# that the owner's PATH and settings apply.
as_owner() {
	local line
	line="cd $(printf %q "$BENCH") && $1"
	if [[ $(id -un) == "$OWNER" ]]; then
		bash -c "$line"
	elif ((EUID == 0)); then
		if command -v runuser >/dev/null; then
			runuser -l "$OWNER" -s /bin/bash -c "$line"
		else
			su - "$OWNER" -s /bin/bash -c "$line"
		fi
	else
		die "the bench $BENCH belongs to $OWNER: run this as $OWNER or as root."
	fi
}

bench_() { as_owner "bench $(printf '%q ' "$@")"; }

# A value of sites/common_site_config.json, or the default given.
conf() {
	"$PYTHON" - "$BENCH/sites/common_site_config.json" "$1" "${2:-}" <<'PY'
import json
import sys

path, key, default = sys.argv[1:4]
try:
	with open(path) as f:
		value = json.load(f).get(key)
except (OSError, ValueError):
	value = None
print(default if value in (None, "") else value)
PY
}

check_bench() {
	if [[ $OWNER == root ]]; then
		die "the bench $BENCH belongs to root, and bench refuses to run as root. Give it to an ordinary
user (chown -R <user>: $BENCH) and run this again."
	fi
	as_owner "command -v bench >/dev/null" ||
		die "the bench command is not on $OWNER's PATH (install it with: pip install --user frappe-bench)."
}

# MariaDB and Redis ---------------------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() {
	local _
	for _ in $(seq 1 30); do
		port_open "$1" "$2" && return 0
		sleep 1
	done
	return 1
}

as_root() {
	if ((EUID == 0)); then
		"$@"
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		sudo -n "$@"
	else
		return 1
	fi
}

start_service() {
	if [[ -d /run/systemd/system ]]; then
		as_root systemctl start "$1"
	else
		as_root service "$1" start
	fi
}

ensure_mariadb() {
	local host port
	host=$(conf db_host 127.0.0.1)
	port=$(conf db_port 3306)
	[[ $host == localhost ]] && host=127.0.0.1
	port_open "$host" "$port" && return
	[[ $host == 127.0.0.1 ]] || die "MariaDB at $host:$port does not answer; start it there and run this again."
	say "Starting MariaDB"
	start_service mariadb >/dev/null 2>&1 || start_service mysql >/dev/null 2>&1 ||
		die "MariaDB is not running and could not be started; start it (sudo service mariadb start) and run this again."
	wait_for_port "$host" "$port" || die "MariaDB did not come up on $host:$port."
}

ensure_redis() {
	local key url address host port config
	for key in redis_cache redis_queue; do
		url=$(conf "$key")
		[[ -n $url ]] || continue
		address=${url#*://}
		address=${address##*@}
		address=${address%%/*}
		host=${address%:*}
		port=${address##*:}
		port_open "$host" "$port" && continue
		config=$(grep -lE "^port $port\$" "$BENCH"/config/redis_*.conf 2>/dev/null | head -n 1 || true)
		[[ -n $config ]] ||
			die "Redis for $key ($url) does not answer and $BENCH/config has no redis_*.conf for port $port (bench setup redis makes them)."
		say "Starting Redis on port $port ($(basename "$config"))"
		as_owner "redis-server $(printf %q "$config") --daemonize yes" >/dev/null
		wait_for_port "$host" "$port" || die "Redis did not come up on port $port; see $config."
	done
}

# The app and the site --------------------------------------------------------------------------------

# What bench get-app does for a checkout, done by hand so that the bench runs this very checkout
# whatever its directory is called: link it into apps/, install it into the bench's Python
# environment, list it in sites/apps.txt and link its assets.
ensure_app_in_bench() {
	local apps_txt=$BENCH/sites/apps.txt
	if grep -qx "$APP" "$apps_txt" 2>/dev/null; then
		local used
		used=$(readlink -f "$BENCH/apps/$APP")
		[[ $used == "$APP_DIR" ]] || echo "Note: the bench runs $APP from $used, not from $APP_DIR."
		return
	fi
	say "Adding $APP to the bench"
	if [[ ! -e $BENCH/apps/$APP ]]; then
		as_owner "test -r $(printf %q "$APP_DIR/$APP/hooks.py")" ||
			die "$OWNER cannot read $APP_DIR; put the checkout where $OWNER can read it."
		as_owner "ln -s $(printf %q "$APP_DIR") apps/$APP"
	fi
	bench_ pip install --quiet --upgrade -e "apps/$APP"
	as_owner "sed -i -e '\$a\\' sites/apps.txt && echo $APP >> sites/apps.txt"
	bench_ build --app "$APP"
}

ensure_site() {
	if ((FRESH)) && [[ -d $BENCH/sites/$SITE ]]; then
		say "Dropping $SITE (--fresh)"
		local args=(drop-site "$SITE" --force --no-backup)
		[[ -n ${DB_ROOT_PASSWORD:-} ]] && args+=(--db-root-password "$DB_ROOT_PASSWORD")
		bench_ "${args[@]}" </dev/null
	fi
	if [[ -f $BENCH/sites/$SITE/site_config.json ]]; then
		if ! bench_ --site "$SITE" list-apps | grep -qE "^$APP( |\$)"; then
			say "Installing $APP on $SITE"
			bench_ --site "$SITE" install-app "$APP"
		fi
		return
	fi
	say "Creating the site $SITE"
	local args=(new-site "$SITE" --admin-password admin --install-app "$APP")
	if [[ -n ${DB_ROOT_PASSWORD:-} ]]; then
		args+=(--db-root-password "$DB_ROOT_PASSWORD")
	elif [[ -z $(conf root_password) ]]; then
		die "creating $SITE needs MariaDB's root password: set DB_ROOT_PASSWORD, or store it once for the
bench with: bench set-config -g root_password <password>"
	fi
	bench_ "${args[@]}" </dev/null ||
		die "could not create $SITE. If it was left half-made, run this again with --fresh."
}

generate() {
	say "The population of $SITE (generated once, then reused)"
	as_owner "PYTHONUNBUFFERED=1 bench --site $(printf %q "$SITE") execute party_residence.population.ensure" </dev/null ||
		die "could not generate the population. Run this again with --fresh to start from an empty site."
}

migrate() {
	# the schema, indexes and patches of the checkout being measured
	say "Migrating $SITE"
	bench_ --site "$SITE" migrate </dev/null >/dev/null || die "could not migrate $SITE."
}

measure() {
	say "Benchmark on $SITE ($(nproc) cores)"
	as_owner "PYTHONUNBUFFERED=1 bench --site $(printf %q "$SITE") execute party_residence.benchmark.run" </dev/null
}

main() {
	find_bench
	check_bench
	ensure_mariadb
	ensure_redis
	ensure_app_in_bench
	ensure_site
	migrate
	generate
	measure
}

main
