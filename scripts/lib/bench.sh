#!/usr/bin/env bash
# What scripts/demo.sh and scripts/benchmark.sh share: find the bench, run bench as its owner,
# start MariaDB and Redis when they are down, and add this checkout to the bench as bench get-app
# would. Sourced after the script has set APP, APP_DIR, PURPOSE (its name, in messages) and the
# functions say and die. Where the bench does not exist yet, find_bench makes it (bootstrap.sh).

# shellcheck source=bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

# The bench ----------------------------------------------------------------------------------------

find_bench() {
	local bench=${FRAPPE_BENCH:-/home/frappe/frappe-bench}
	local missing=()
	if bootstrap_wanted "$bench"; then
		# no bench there yet: make one (scripts/lib/bootstrap.sh), then carry on with it
		bootstrap_bench "$bench" || die "the bench could not be made; the messages above say why. Once fixed, run this again:
it carries on where it stopped."
	fi
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
The $PURPOSE needs a Frappe version-15 bench with MariaDB and Redis running; see the README, section
\"Install\": create one as an ordinary user (bench init --frappe-branch version-15 ~/frappe-bench),
with MariaDB 10.6+ in utf8mb4 and Redis. This command then adds the app to it (as bench get-app
would) and makes the $PURPOSE site. Point it at a bench elsewhere with FRAPPE_BENCH=/path/to/bench."
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
	else
		say "Adding $APP to the bench"
		if [[ ! -e $BENCH/apps/$APP ]]; then
			as_owner "test -r $(printf %q "$APP_DIR/$APP/hooks.py")" ||
				die "$OWNER cannot read $APP_DIR; put the checkout where $OWNER can read it."
			as_owner "ln -s $(printf %q "$APP_DIR") apps/$APP"
		fi
		bench_ pip install --quiet --upgrade -e "apps/$APP"
		as_owner "sed -i -e '\$a\\' sites/apps.txt && echo $APP >> sites/apps.txt"
	fi
	grep -q "\"$APP.bundle" "$BENCH/sites/assets/assets.json" 2>/dev/null && return
	say "Building $APP's assets"
	allow_build_output
	bench_ build --app "$APP"
}

# bench build writes the bundles into the app's public/dist (ignored by git); when the checkout belongs
# to another user, that one directory is given to the bench's owner.
allow_build_output() {
	local dist=$APP_DIR/$APP/public/dist
	as_owner "mkdir -p $(printf %q "$dist") 2>/dev/null && test -w $(printf %q "$dist")" && return
	if ((EUID == 0)); then
		mkdir -p "$dist" && chown -R "$OWNER:" "$dist"
	else
		die "$OWNER cannot write $dist, where bench build puts $APP's bundles: give it to $OWNER."
	fi
}
