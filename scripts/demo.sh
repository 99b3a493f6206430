#!/usr/bin/env bash
# A demo site with party_residence and realistic Vietnamese demo data, served on the bench's port.
#
#   bash scripts/demo.sh [--no-serve]
#
#   FRAPPE_BENCH         the bench (default /home/frappe/frappe-bench)
#   DEMO_SITE            the site (default demo.localhost)
#   DEMO_ADMIN_PASSWORD  Administrator's password on a new site (default admin)
#   DB_ROOT_PASSWORD     MariaDB's root password for a new site (default: the bench's root_password)
#
# Safe to run again: an existing site is reused and the data are not duplicated.
set -euo pipefail

APP=party_residence
APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SITE=${DEMO_SITE:-demo.localhost}
ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-admin}
SERVE=1
SITE_CREATED=0

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

for arg in "$@"; do
	case $arg in
		--no-serve) SERVE=0 ;;
		-h | --help) usage && exit 0 ;;
		*) echo "demo: unknown option $arg" >&2 && usage >&2 && exit 2 ;;
	esac
done

say() { printf '\n==> %s\n' "$*"; }
die() {
	printf '\ndemo: %s\n' "$*" >&2
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
The demo needs a Frappe version-15 bench with MariaDB and Redis running; see the README, section
\"Install\": create one as an ordinary user (bench init --frappe-branch version-15 ~/frappe-bench),
with MariaDB 10.6+ in utf8mb4 and Redis. This command then adds the app to it (as bench get-app
would) and makes the demo site. Point it at a bench elsewhere with FRAPPE_BENCH=/path/to/bench."
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
	if [[ -f $BENCH/sites/$SITE/site_config.json ]]; then
		if ! bench_ --site "$SITE" list-apps | grep -qE "^$APP( |\$)"; then
			say "Installing $APP on $SITE"
			bench_ --site "$SITE" install-app "$APP"
		fi
		return
	fi
	say "Creating the site $SITE"
	local args=(new-site "$SITE" --admin-password "$ADMIN_PASSWORD" --install-app "$APP")
	if [[ -n ${DB_ROOT_PASSWORD:-} ]]; then
		args+=(--db-root-password "$DB_ROOT_PASSWORD")
	elif [[ -z $(conf root_password) ]]; then
		die "creating $SITE needs MariaDB's root password: set DB_ROOT_PASSWORD, or store it once for the
bench with: bench set-config -g root_password <password>"
	fi
	bench_ "${args[@]}" </dev/null ||
		die "could not create $SITE. If it was left half-made, remove it (bench drop-site $SITE --force) and run this again."
	SITE_CREATED=1
}

load_demo() {
	say "Loading the demo data into $SITE"
	SUMMARY=$(bench_ --site "$SITE" execute party_residence.demo.setup_demo)
	bench_ --site "$SITE" enable-scheduler >/dev/null
	if [[ -z $(conf default_site) ]]; then
		bench_ use "$SITE" >/dev/null
	fi
}

# setup_demo's summary without what bench printed before it
summary_only() {
	local start
	start=$(grep -n -m 1 -F "$SITE has " <<<"$SUMMARY" | cut -d: -f1)
	tail -n +"${start:-1}" <<<"$SUMMARY"
}

print_welcome() {
	local admin="Administrator / $ADMIN_PASSWORD" default
	((SITE_CREATED)) || admin="Administrator / the password given when $SITE was created"
	default=$(conf default_site)
	if [[ $default == "$SITE" ]]; then
		default="so does a plain bench serve, $SITE being the bench's default site"
	else
		default="a plain bench serve serves the bench's default site, $default"
	fi
	cat <<EOF

==> The demo is ready: http://$SITE:$PORT
    Most browsers send *.localhost names to this machine; otherwise add "127.0.0.1 $SITE"
    to /etc/hosts, or open http://127.0.0.1:$PORT, where this command serves $SITE
    ($default).

$(summary_only)
  $admin

EOF
}

main() {
	find_bench
	check_bench
	ensure_mariadb
	ensure_redis
	ensure_app_in_bench
	ensure_site
	load_demo
	PORT=$(conf webserver_port 8000)
	print_welcome
	((SERVE)) || exit 0
	if port_open 127.0.0.1 "$PORT"; then
		die "port $PORT is already in use. Stop the server on it, or open the demo through that server."
	fi
	say "Serving $SITE on port $PORT (Ctrl+C stops it)"
	bench_ --site "$SITE" serve --port "$PORT"
}

main
