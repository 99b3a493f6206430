#!/usr/bin/env bash
# What scripts/demo.sh, scripts/benchmark.sh and scripts/run-tests.sh share: find the bench, run
# commands in it as its owner, start MariaDB and Redis when they are down; for the demo and the
# benchmark, add this checkout to the bench as bench get-app would and make their site. Where the
# bench does not exist yet, find_bench makes it (bootstrap.sh).
#
# Sourced after the script has set APP, PURPOSE (its name, in messages) and, for ensure_app_in_bench,
# APP_DIR (the checkout). Messages go through say (progress) and fail (what went wrong, after which
# the function returns non-zero): the script's own where it defines them before sourcing this file,
# else the ones below.

# shellcheck source=bootstrap.sh
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

DEFAULT_BENCH=/home/frappe/frappe-bench

# Messages -----------------------------------------------------------------------------------------

if ! declare -F say >/dev/null; then
	say() { printf '\n==> %s\n' "$*"; }
fi
if ! declare -F fail >/dev/null; then
	fail() { printf '\n%s: %s\n' "$PURPOSE" "$*" >&2; }
fi
die() {
	fail "$@"
	exit 1
}

# The bench ----------------------------------------------------------------------------------------

# find_bench: BENCH, its OWNER, OWNER_HOME and the bench's PYTHON, for the bench in $FRAPPE_BENCH
# (default /home/frappe/frappe-bench), made first where it does not exist yet; non-zero, having said
# why, when there is none.
find_bench() {
	local path=${FRAPPE_BENCH:-$DEFAULT_BENCH} missing=() list
	if bootstrap_wanted "$path" && ! bootstrap_bench "$path"; then
		fail "no Frappe bench at $path, and one could not be made: the messages above say why. Once fixed,
run this again: it carries on where it stopped."
		return 1
	fi
	if [[ ! -d $path ]]; then
		missing=("the directory itself")
	else
		[[ -d $path/apps/frappe ]] || missing+=("apps/frappe")
		[[ -d $path/sites ]] || missing+=("sites/")
	fi
	if ((${#missing[@]})); then
		list=$(printf '%s, ' "${missing[@]}")
		fail "no Frappe bench at $path (missing: ${list%, }).
The $PURPOSE needs a Frappe version-15 bench with MariaDB and Redis running; see the README, section
\"Install\": create one as an ordinary user (bench init --frappe-branch version-15 ~/frappe-bench),
with MariaDB 10.6+ in utf8mb4 and Redis; this command adds the app to it (as bench get-app would).
Point it at a bench elsewhere with FRAPPE_BENCH=/path/to/bench."
		return 1
	fi
	BENCH=$(cd "$path" && pwd)
	OWNER=$(stat -c %U "$BENCH")
	OWNER_HOME=$(getent passwd "$OWNER" | cut -d : -f 6)
	OWNER_HOME=${OWNER_HOME:-/home/$OWNER}
	PYTHON=$BENCH/env/bin/python
	[[ -x $PYTHON ]] || PYTHON=python3
}

# The environment the bench's commands run with: the owner's PATH (where bench lives), the CA
# bundle settings, git's ownership check relaxed (the apps may belong to someone else), and the
# copy under test (COPY, while the tests run) first on Python's path.
owner_env() {
	local name
	OWNER_ENV=(
		"HOME=$OWNER_HOME" "USER=$OWNER" "LOGNAME=$OWNER" "SHELL=/bin/bash"
		"PATH=$OWNER_HOME/.local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
		"UV_SYSTEM_CERTS=1"
		"GIT_CONFIG_COUNT=1" "GIT_CONFIG_KEY_0=safe.directory" "GIT_CONFIG_VALUE_0=*"
	)
	[[ -n ${COPY:-} ]] && OWNER_ENV+=("PYTHONPATH=$COPY")
	for name in SSL_CERT_FILE SSL_CERT_DIR REQUESTS_CA_BUNDLE PIP_CERT NODE_EXTRA_CA_CERTS CI LANG LC_ALL TZ TERM; do
		[[ -n ${!name:-} ]] && OWNER_ENV+=("$name=${!name}")
	done
	return 0
}

# as_owner COMMAND ARGS...: run a command in the bench directory as the bench's owner (bench refuses
# to run as root). From root, through a login shell so that the owner's profile applies too.
as_owner() {
	if [[ $(id -un) == "$OWNER" ]]; then
		(
			cd "$BENCH" || exit
			export UV_SYSTEM_CERTS=1 GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
			[[ -n ${COPY:-} ]] && export PYTHONPATH=$COPY
			[[ -d $HOME/.local/bin ]] && export PATH=$HOME/.local/bin:$PATH
			exec "$@"
		)
	else
		owner_env
		# shellcheck disable=SC2016 # expanded by the owner's shell
		runuser -u "$OWNER" -- env -i "${OWNER_ENV[@]}" \
			bash -lc 'export PATH="$HOME/.local/bin:$PATH"; cd "$1" && shift && exec "$@"' bash "$BENCH" "$@"
	fi
}

bench_() { as_owner bench "$@"; }

# A value of the bench's sites/common_site_config.json, or the default given.
conf() {
	"${PYTHON:-python3}" - "$BENCH/sites/common_site_config.json" "$1" "${2:-}" <<'PY'
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

# Why the bench cannot be used as it is, or nothing.
bench_problem() {
	if [[ $OWNER == root ]]; then
		echo "the bench $BENCH belongs to root, and bench refuses to run as root: give it to an ordinary user (chown -R USER: $BENCH)"
	elif [[ $(id -un) != "$OWNER" ]] && ((EUID != 0)); then
		echo "the bench $BENCH belongs to $OWNER: run this command as $OWNER, or as root"
	elif ((EUID == 0)) && [[ $(id -un) != "$OWNER" ]] && ! command -v runuser >/dev/null; then
		echo "runuser (util-linux) is needed to run the bench's commands as $OWNER"
	elif ! as_owner bash -c 'command -v bench' >/dev/null 2>&1; then
		echo "the bench command is not on $OWNER's PATH (pip install --user frappe-bench)"
	elif [[ ! -x $BENCH/env/bin/python ]]; then
		echo "the bench has no Python environment at $BENCH/env"
	fi
}

check_bench() {
	local problem
	problem=$(bench_problem) || true
	[[ -z $problem ]] && return 0
	fail "$problem."
	return 1
}

# MariaDB and Redis ---------------------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

mariadb_alive() {
	local host=$1 port=$2 admin
	admin=$(command -v mariadb-admin || command -v mysqladmin || true)
	if [[ -n $admin ]]; then
		# answers 0 whenever the server is up, even when it refuses this anonymous login
		"$admin" --no-defaults --connect-timeout=2 --protocol=tcp -h "$host" -P "$port" ping >/dev/null 2>&1
	else
		port_open "$host" "$port"
	fi
}

redis_alive() {
	if command -v redis-cli >/dev/null; then
		[[ $(redis-cli -h "$1" -p "$2" ping 2>/dev/null) == PONG ]]
	else
		port_open "$1" "$2"
	fi
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
	mariadb_alive "$host" "$port" && return 0
	if [[ $host != 127.0.0.1 ]]; then
		fail "MariaDB at $host:$port does not answer; start it there and run this again."
		return 1
	fi
	say "MariaDB does not answer at $host:$port: starting it."
	start_service mariadb >/dev/null 2>&1 || start_service mysql >/dev/null 2>&1 || true
	bs_wait_for mariadb_alive "$host" "$port" && return 0
	fail "MariaDB could not be started; start it (as root: service mariadb start) and run this again."
	return 1
}

# Each Redis of the bench that does not answer is started as the bench's owner, with the bench's
# configuration for its port (bench setup redis writes them), else with that port alone.
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
		[[ $host == localhost ]] && host=127.0.0.1
		redis_alive "$host" "$port" && continue
		config=$(grep -lE "^port $port\$" "$BENCH"/config/redis_*.conf 2>/dev/null | head -n 1 || true)
		if [[ -n $config ]]; then
			say "Redis for $key does not answer on port $port: starting it with config/${config##*/}."
			as_owner redis-server "$config" --daemonize yes >/dev/null || true
		else
			say "Redis for $key does not answer on port $port: starting it."
			as_owner redis-server --port "$port" --daemonize yes >/dev/null || true
		fi
		if ! bs_wait_for redis_alive "$host" "$port"; then
			fail "Redis for $key ($url) could not be started."
			return 1
		fi
	done
	return 0
}

# The app and the site --------------------------------------------------------------------------------

# The app listed in the bench's sites/apps.txt, on a line of its own.
list_app_in_bench() {
	# shellcheck disable=SC2016 # expanded by the owner's shell
	as_owner bash -c 'sed -i -e "\$a\\" sites/apps.txt && printf "%s\n" "$1" >>sites/apps.txt' bash "$APP"
}

# What bench get-app does for a checkout, done by hand so that the bench runs this very checkout
# whatever its directory is called: link it into apps/, install it into the bench's Python
# environment, list it in sites/apps.txt and link its assets.
ensure_app_in_bench() {
	local used
	if grep -qx "$APP" "$BENCH/sites/apps.txt" 2>/dev/null; then
		used=$(readlink -f "$BENCH/apps/$APP")
		[[ $used == "$APP_DIR" ]] || echo "Note: the bench runs $APP from $used, not from $APP_DIR."
	else
		say "Adding $APP to the bench"
		if [[ ! -e $BENCH/apps/$APP ]]; then
			if ! as_owner test -r "$APP_DIR/$APP/hooks.py"; then
				fail "$OWNER cannot read $APP_DIR; put the checkout where $OWNER can read it."
				return 1
			fi
			as_owner ln -s "$APP_DIR" "apps/$APP" || {
				fail "could not link $APP_DIR into $BENCH/apps as $OWNER."
				return 1
			}
		fi
		bench_ pip install --quiet --upgrade -e "apps/$APP" || {
			fail "could not install $APP into the bench's Python environment (bench pip install -e apps/$APP)."
			return 1
		}
		list_app_in_bench || {
			fail "could not add $APP to $BENCH/sites/apps.txt."
			return 1
		}
	fi
	grep -q "\"$APP.bundle" "$BENCH/sites/assets/assets.json" 2>/dev/null && return 0
	say "Building $APP's assets"
	allow_build_output || return 1
	bench_ build --app "$APP" || {
		fail "could not build $APP's assets (bench build --app $APP): see the output above."
		return 1
	}
}

# bench build writes the bundles into the app's public/dist (ignored by git); when the checkout belongs
# to another user, that one directory is given to the bench's owner.
allow_build_output() {
	local dist=$APP_DIR/$APP/public/dist
	# shellcheck disable=SC2016 # expanded by the owner's shell
	as_owner bash -c 'mkdir -p "$1" 2>/dev/null && test -w "$1"' bash "$dist" && return 0
	if ((EUID == 0)); then
		mkdir -p "$dist" && chown -R "$OWNER:" "$dist"
	else
		fail "$OWNER cannot write $dist, where bench build puts $APP's bundles: give it to $OWNER."
		return 1
	fi
}

# The bench ready for the demo or the benchmark: found (or made), usable, its services up and the app
# in it; the script stops, having said why, where it is not.
setup_bench() {
	if ! { find_bench && check_bench && ensure_mariadb && ensure_redis && ensure_app_in_bench; }; then
		exit 1
	fi
}

# MariaDB's root password for creating or dropping a site: DB_ROOT_PASSWORD, else
# MARIADB_ROOT_PASSWORD, else the bench's own root_password (which bench reads by itself).
db_root_password() { printf '%s' "${DB_ROOT_PASSWORD:-${MARIADB_ROOT_PASSWORD:-}}"; }

# check_db_root_password WHAT: non-zero, having said how to give it, when there is none for WHAT.
check_db_root_password() {
	[[ -n $(db_root_password) || -n $(conf root_password) ]] && return 0
	fail "$1 needs MariaDB's root password: set DB_ROOT_PASSWORD, or store it once for the bench with:
bench set-config -g root_password <password>"
	return 1
}

# db_root_args: the option that gives bench the root password, one word a line (none where bench
# reads the bench's own).
db_root_args() {
	if [[ -n $(db_root_password) ]]; then
		printf '%s\n' --db-root-password "$(db_root_password)"
	fi
}

# ensure_site ADMIN_PASSWORD IF_HALF_MADE: $SITE with the app on it. An existing site gets the app
# where it lacks it; otherwise the site is created (and SITE_CREATED set to 1), with IF_HALF_MADE
# saying what to do when that fails.
ensure_site() {
	local args
	if [[ -f $BENCH/sites/$SITE/site_config.json ]]; then
		if ! bench_ --site "$SITE" list-apps | grep -qE "^$APP( |\$)"; then
			say "Installing $APP on $SITE"
			bench_ --site "$SITE" install-app "$APP" || die "could not install $APP on $SITE."
		fi
		return 0
	fi
	say "Creating the site $SITE"
	check_db_root_password "creating $SITE" || exit 1
	args=(new-site "$SITE" --admin-password "$1" --install-app "$APP")
	mapfile -t -O "${#args[@]}" args < <(db_root_args)
	bench_ "${args[@]}" </dev/null || die "could not create $SITE. If it was left half-made, $2"
	# shellcheck disable=SC2034 # read by the demo
	SITE_CREATED=1
}
