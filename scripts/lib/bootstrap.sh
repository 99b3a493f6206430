#!/usr/bin/env bash
# A Frappe version-15 bench made from nothing, for the scripts that use scripts/lib/bench.sh when the
# bench they are pointed at does not exist. Sourced (by bench.sh); the caller then runs
#
#   bootstrap_bench /path/to/frappe-bench     # returns non-zero, having said why, when it cannot
#
# On Debian 12 or Ubuntu 22.04+ as root (or with sudo that asks no password) it installs what the
# bench needs from the distribution, creates the bench's owner, installs the bench command from PyPI
# into its own virtual environment and runs bench init. Without root it prints the commands that
# need root and stops. Every step checks first and does nothing that is already done, so a run that
# was interrupted is simply started again.
#
#   BENCH_USER        the bench's owner (default: the user running this, or when that is root, the
#                     user whose home the bench is in, else "frappe"); created when missing
#   FRAPPE_SOURCE     a git URL or a local clone of Frappe to build from (bench init --frappe-path);
#                     default: Frappe's own repository
#   FRAPPE_BRANCH     default version-15
#   DB_ROOT_PASSWORD  the root password of an existing MariaDB (or MARIADB_ROOT_PASSWORD), used and
#                     never changed; without it a MariaDB installed by this bootstrap gets a generated one
#   DB_HOST, DB_PORT  where that MariaDB is (default 127.0.0.1:3306)
#   BENCH_WEB_PORT    the bench's web port (default: the first of 8000, 8001… whose web, socket.io
#                     and Redis ports are all free)
#
# An existing bench is never touched: only a directory that does not exist, or one this bootstrap
# started and did not finish (it leaves a marker beside the bench), is built.

# Most commands here are scripts run by the owner's shell, with their arguments as $1…:
# shellcheck disable=SC2016

BOOTSTRAP_STEPS=9
BOOTSTRAP_LOG=""

bs_say() { printf '\n==> [%s/%s] %s\n' "$1" "$BOOTSTRAP_STEPS" "$2"; }
bs_info() { printf '    %s\n' "$*"; }
bs_fail() { printf '\nbootstrap: %s\n' "$*" >&2; }

bs_is_root() { ((EUID == 0)); }
bs_can_sudo() { ! bs_is_root && command -v sudo >/dev/null && sudo -n true 2>/dev/null; }
# Root, ports and services: as_root, port_open and start_service of bench.sh, which sources this file

# bs_wait_for COMMAND ARGS...: true as soon as the command succeeds, tried once a second for 30 seconds.
bs_wait_for() {
	local _
	for _ in $(seq 1 30); do
		"$@" && return 0
		sleep 1
	done
	return 1
}

# The variables of this environment that tell pip, uv, yarn and git how to reach the package
# registries (CA bundle, proxy, index), passed on to the bench's owner.
BS_NETWORK_VARIABLES=(
	SSL_CERT_FILE SSL_CERT_DIR REQUESTS_CA_BUNDLE CURL_CA_BUNDLE PIP_CERT NODE_EXTRA_CA_CERTS GIT_SSL_CAINFO
	UV_SYSTEM_CERTS UV_NATIVE_TLS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_DEFAULT_TIMEOUT
	UV_INDEX_URL UV_EXTRA_INDEX_URL HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy
)

# bs_owner_run SCRIPT ARGS...: a bash script run as the owner in a login shell (their PATH and the
# settings written to their ~/.profile), from the bench's parent directory.
bs_owner_run() {
	local script=$1
	shift
	if [[ $(id -un) == "$BS_OWNER" ]]; then
		(cd "$BS_PARENT" && PATH=$HOME/.local/bin:$PATH bash -c "$script" bash "$@")
	else
		runuser -l "$BS_OWNER" -s /bin/bash -c "cd $(printf %q "$BS_PARENT") && bash -c $(printf %q "$script") bash $(printf '%q ' "$@")"
	fi
}

# Run a long command, its output shown and kept in the log.
bs_logged() {
	"$@" 2>&1 | tee -a "$BOOTSTRAP_LOG"
	return "${PIPESTATUS[0]}"
}

# Who and where ----------------------------------------------------------------------------------------

bs_choose_owner() {
	local path=$1
	if [[ -n ${BENCH_USER:-} ]]; then
		BS_OWNER=$BENCH_USER
	elif ! bs_is_root; then
		BS_OWNER=$(id -un)
	elif [[ $path =~ ^/home/([a-z_][a-z0-9_-]*)/ ]]; then
		BS_OWNER=${BASH_REMATCH[1]}
	else
		BS_OWNER=frappe
	fi
	if [[ $BS_OWNER == root ]]; then
		bs_fail "bench refuses to run as root: set BENCH_USER to the ordinary user who will own the bench."
		return 1
	fi
	if ! bs_is_root && ! bs_can_sudo && [[ $BS_OWNER != "$(id -un)" ]]; then
		bs_fail "only root can make a bench for $BS_OWNER: run this as $BS_OWNER, or as root."
		return 1
	fi
}

# Step 1: the distribution's packages -----------------------------------------------------------------

BS_PACKAGES=(
	git curl ca-certificates cron sudo build-essential pkg-config python3-dev python3-venv python3-pip
	libffi-dev libssl-dev libmariadb-dev mariadb-client redis-server
	wkhtmltopdf xfonts-75dpi xfonts-base fontconfig fonts-dejavu-core
)

bs_installed() { dpkg-query -W -f '${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

bs_node_major() { node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p'; }

bs_candidate_major() {
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: \([0-9]*:\)\{0,1\}\([0-9]*\).*/\2/p'
}

# The MariaDB the bench uses: one that answers at DB_HOST:DB_PORT (used as it is), else the
# distribution's, installed here.
bs_db_address() {
	BS_DB_HOST=${DB_HOST:-127.0.0.1}
	BS_DB_PORT=${DB_PORT:-3306}
	[[ $BS_DB_HOST == localhost ]] && BS_DB_HOST=127.0.0.1
	return 0
}

bs_missing_packages() {
	local package
	BS_MISSING=()
	for package in "${BS_PACKAGES[@]}"; do
		bs_installed "$package" || BS_MISSING+=("$package")
	done
	if ! port_open "$BS_DB_HOST" "$BS_DB_PORT" && [[ $BS_DB_HOST == 127.0.0.1 ]]; then
		bs_installed mariadb-server || BS_MISSING+=(mariadb-server)
	fi
	if [[ -z $(bs_node_major) ]]; then
		BS_MISSING+=(nodejs)
		command -v npm >/dev/null || BS_MISSING+=(npm)
	elif ! command -v npm >/dev/null && ! command -v yarn >/dev/null; then
		BS_MISSING+=(npm)
	fi
}

bs_packages() {
	bs_say 1 "System packages: MariaDB, Redis, wkhtmltopdf, Node.js, build tools, cron"
	if ! command -v apt-get >/dev/null; then
		bs_fail "this bootstrap knows Debian and Ubuntu (apt-get); on another system install what the README's
\"Install\" lists, create the bench with bench init --frappe-branch version-15, and run this again."
		return 1
	fi
	bs_missing_packages
	local major
	major=$(bs_node_major)
	if [[ -n $major ]] && ((major < 18)); then
		bs_fail "Node.js $(node --version) is too old: Frappe version 15 needs Node 18 or newer. Install it (for
example from NodeSource: https://github.com/nodesource/distributions) and run this again."
		return 1
	fi
	if ((${#BS_MISSING[@]} == 0)); then
		bs_info "all present"
		return 0
	fi
	bs_info "to install: ${BS_MISSING[*]}"
	if [[ " ${BS_MISSING[*]} " == *" nodejs "* ]]; then
		as_root apt-get update -qq >/dev/null 2>&1 || true
		major=$(bs_candidate_major nodejs)
		if [[ -z $major ]] || ((major < 18)); then
			bs_fail "this distribution's Node.js is ${major:-missing}, and Frappe version 15 needs Node 18 or newer.
Install Node 18+ first (for example from NodeSource: https://github.com/nodesource/distributions),
then run this again."
			return 1
		fi
	fi
	[[ " ${BS_MISSING[*]} " == *" mariadb-server "* ]] && BS_NEW_MARIADB=1
	bs_info "apt-get update"
	as_root apt-get update -qq 2>&1 | tee -a "$BOOTSTRAP_LOG" >/dev/null
	bs_info "apt-get install (progress in $BOOTSTRAP_LOG)"
	if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${BS_MISSING[@]}" 2>&1 | tee -a "$BOOTSTRAP_LOG" | grep --line-buffered -E '^(Setting up|Unpacking) ' |
		sed -u 's/^/    /'; then
		:
	fi
	bs_missing_packages
	if ((${#BS_MISSING[@]})); then
		bs_fail "could not install: ${BS_MISSING[*]} (see $BOOTSTRAP_LOG)."
		return 1
	fi
}

# Step 2: yarn 1.22 ---------------------------------------------------------------------------------

bs_yarn_ok() { [[ $(yarn --version 2>/dev/null) == 1.22.* ]]; }

bs_yarn() {
	bs_say 2 "yarn 1.22 (Frappe's front end is built with yarn classic)"
	if bs_yarn_ok; then
		bs_info "yarn $(yarn --version) present"
		return 0
	fi
	# the npm registry's newest yarn is 2.x and later, which cannot build Frappe 15
	bs_info "npm install --global yarn@1.22"
	as_root npm install --global --no-fund --no-audit "yarn@1.22" 2>&1 | tail -n 3 | sed 's/^/    /'
	hash -r
	bs_yarn_ok || {
		bs_fail "yarn 1.22 could not be installed (npm install --global yarn@1.22)."
		return 1
	}
}

# Step 3: MariaDB -------------------------------------------------------------------------------------

BS_MARIADB_CONF=/etc/mysql/mariadb.conf.d/90-frappe-bench.cnf
BS_DB_PASSWORD=""

bs_mysql() {
	local client
	client=$(command -v mariadb || command -v mysql)
	"$client" --no-defaults --protocol=tcp -h "$BS_DB_HOST" -P "$BS_DB_PORT" -u root "$@"
}

bs_start_mariadb() {
	start_service mariadb >/dev/null 2>&1
	bs_wait_for port_open "$BS_DB_HOST" "$BS_DB_PORT"
}

bs_mariadb() {
	bs_say 3 "MariaDB at $BS_DB_HOST:$BS_DB_PORT in utf8mb4"
	# a MariaDB installed by this bootstrap gets Frappe's character set (and is restarted with it
	# when the package started it already)
	if [[ ${BS_NEW_MARIADB:-0} == 1 ]]; then
		bs_write_mariadb_conf || return 1
	fi
	if ! port_open "$BS_DB_HOST" "$BS_DB_PORT"; then
		if [[ $BS_DB_HOST != 127.0.0.1 ]]; then
			bs_fail "MariaDB at $BS_DB_HOST:$BS_DB_PORT does not answer; start it there and run this again."
			return 1
		fi
		bs_info "starting MariaDB"
		bs_start_mariadb || {
			bs_fail "MariaDB did not start on port $BS_DB_PORT (service mariadb start)."
			return 1
		}
	fi
	if [[ -n $(db_root_password) ]]; then
		# an existing server: used with the password given, never reconfigured
		if ! bs_mysql -p"$(db_root_password)" -e "select 1" >/dev/null 2>&1; then
			bs_fail "MariaDB at $BS_DB_HOST:$BS_DB_PORT refuses root with the root password given (DB_ROOT_PASSWORD or MARIADB_ROOT_PASSWORD)."
			return 1
		fi
		BS_DB_PASSWORD=$(db_root_password)
	elif [[ -f $BS_MARIADB_CONF ]] && as_root mariadb -u root -e "select 1" >/dev/null 2>&1; then
		# the server this bootstrap installed: root gets a password (keeping the system's root login
		# through the socket), stored in the bench's configuration
		BS_DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
		bs_info "giving MariaDB's root a password (stored in the bench's common_site_config.json)"
		as_root mariadb -u root -e "ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$BS_DB_PASSWORD'); FLUSH PRIVILEGES;" || {
			bs_fail "could not set MariaDB's root password."
			return 1
		}
		bs_mysql -p"$BS_DB_PASSWORD" -e "select 1" >/dev/null 2>&1 || {
			bs_fail "MariaDB does not accept root over TCP with the password just set."
			return 1
		}
	else
		bs_fail "MariaDB at $BS_DB_HOST:$BS_DB_PORT is already set up: give its root password with DB_ROOT_PASSWORD=…
(it is used to create sites, never changed), or DB_HOST/DB_PORT for another server."
		return 1
	fi
	local charset
	charset=$(bs_mysql -p"$BS_DB_PASSWORD" -N -e "select @@character_set_server" 2>/dev/null)
	if [[ $charset != utf8mb4 ]]; then
		bs_fail "MariaDB's character_set_server is $charset; Frappe needs utf8mb4. Set in its configuration:
  [mysqld]
  character-set-server = utf8mb4
  collation-server = utf8mb4_unicode_ci
restart it, and run this again."
		return 1
	fi
	bs_info "MariaDB $(bs_mysql -p"$BS_DB_PASSWORD" -N -e "select version()" 2>/dev/null), utf8mb4"
}

bs_write_mariadb_conf() {
	[[ -f $BS_MARIADB_CONF ]] && return 0
	bs_info "writing $BS_MARIADB_CONF (utf8mb4)"
	as_root tee "$BS_MARIADB_CONF" >/dev/null <<'EOF'
# Frappe's character set (written by party_residence's bench bootstrap)
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci

[mysql]
default-character-set = utf8mb4
EOF
	if port_open "$BS_DB_HOST" "$BS_DB_PORT"; then
		bs_info "restarting MariaDB"
		as_root service mariadb restart >/dev/null 2>&1 || true
	fi
}

# Step 4: the owner --------------------------------------------------------------------------------------

bs_user() {
	bs_say 4 "The bench's owner: $BS_OWNER"
	if id -u "$BS_OWNER" >/dev/null 2>&1; then
		bs_info "exists"
	else
		bs_info "useradd --create-home --shell /bin/bash $BS_OWNER"
		as_root useradd --create-home --shell /bin/bash "$BS_OWNER" || {
			bs_fail "could not create the user $BS_OWNER."
			return 1
		}
	fi
	BS_HOME=$(getent passwd "$BS_OWNER" | cut -d : -f 6)
	if [[ ! -d $BS_PARENT ]]; then
		bs_info "mkdir $BS_PARENT"
		as_root install -d -o "$BS_OWNER" -g "$(id -gn "$BS_OWNER")" "$BS_PARENT" || return 1
	fi
	if ! bs_owner_run 'test -w .' 2>/dev/null; then
		bs_fail "$BS_OWNER cannot write to $BS_PARENT, where the bench goes."
		return 1
	fi
	bs_profile
}

# The owner's ~/.profile: ~/.local/bin on PATH (bench, uv) and this machine's settings for reaching the
# package registries, so that bench, pip, uv and yarn work in the owner's login shells.
bs_profile() {
	local block name value profile=$BS_HOME/.profile
	block="# --- frappe bench environment (party_residence bootstrap) ---"$'\n'
	block+='case ":$PATH:" in *":$HOME/.local/bin:"*) ;; *) export PATH="$HOME/.local/bin:$PATH" ;; esac'$'\n'
	for name in "${BS_NETWORK_VARIABLES[@]}"; do
		value=${!name:-}
		[[ -n $value ]] && block+="export $name=$(printf %q "$value")"$'\n'
	done
	if [[ -n ${SSL_CERT_FILE:-} && -z ${UV_SYSTEM_CERTS:-} ]]; then
		# uv reads the system's certificates (and so SSL_CERT_FILE's bundle) only when told to
		block+="export UV_SYSTEM_CERTS=1"$'\n'
	fi
	block+="# --- end of frappe bench environment ---"
	if [[ -f $profile ]] && grep -qF "$block" "$profile"; then
		return 0
	fi
	bs_info "writing the PATH and the registries' settings to $profile"
	bs_owner_run 'touch "$1" && sed -i "/^# --- frappe bench environment/,/^# --- end of frappe bench environment/d" "$1" && printf "%s\n" "$2" >>"$1"' \
		"$profile" "$block"
}

# Step 5: the bench command ----------------------------------------------------------------------------------

bs_bench_cli() {
	bs_say 5 "The bench command (frappe-bench from PyPI, in ~$BS_OWNER/.bench-venv)"
	if bs_owner_run 'command -v bench >/dev/null && command -v uv >/dev/null'; then
		bs_info "$(bs_owner_run 'bench --version 2>/dev/null | tail -n 1') present"
	else
		bs_owner_run 'set -e
			[ -x "$HOME/.bench-venv/bin/pip" ] || python3 -m venv "$HOME/.bench-venv"
			"$HOME/.bench-venv/bin/pip" install --quiet --disable-pip-version-check --upgrade frappe-bench uv
			mkdir -p "$HOME/.local/bin"
			ln -sf "$HOME/.bench-venv/bin/bench" "$HOME/.bench-venv/bin/uv" "$HOME/.local/bin/"' || {
			bs_fail "could not install frappe-bench from PyPI (see the messages above)."
			return 1
		}
		bs_info "$(bs_owner_run 'bench --version 2>/dev/null | tail -n 1') installed"
	fi
	# git refuses to read a repository that belongs to another user: the Frappe clone given and this
	# checkout, which the bench links to, are trusted by name
	local path
	for path in ${FRAPPE_SOURCE:+"$FRAPPE_SOURCE"} ${BS_APP_DIR:+"$BS_APP_DIR"}; do
		[[ -d $path ]] || continue
		path=$(cd "$path" && pwd)
		# git names the repository by its work tree or, for a local clone's source, by its .git
		bs_owner_run 'for p in "$1" "$1/.git"; do
				git config --global --get-all safe.directory | grep -qxF "$p" || git config --global --add safe.directory "$p"
			done' "$path"
	done
}

# Step 6: bench init ----------------------------------------------------------------------------------

bs_marker() { printf '%s/.%s.bootstrap' "$BS_PARENT" "$(basename "$BS_BENCH")"; }

bs_init() {
	local source=${FRAPPE_SOURCE:-} branch=${FRAPPE_BRANCH:-version-15} marker
	marker=$(bs_marker)
	bs_say 6 "bench init --frappe-branch $branch ${source:+--frappe-path $source }$BS_BENCH"
	if [[ -d $BS_BENCH/apps/frappe && -x $BS_BENCH/env/bin/python && -d $BS_BENCH/sites/assets/frappe ]]; then
		bs_info "done before"
		return 0
	fi
	if [[ -e $BS_BENCH ]]; then
		# left half-made by an interrupted run of this bootstrap (the marker says so)
		bs_info "removing the half-made $BS_BENCH of an interrupted run"
		bs_owner_run 'rm -rf "$1"' "$BS_BENCH" || return 1
	fi
	if [[ -n $source && -d $source ]]; then
		source=$(cd "$source" && pwd)
		bs_owner_run 'test -r "$1/pyproject.toml"' "$source" || {
			bs_fail "$BS_OWNER cannot read the Frappe clone $source."
			return 1
		}
	fi
	bs_owner_run 'touch "$1"' "$marker" || return 1
	bs_info "this takes a few minutes: the Python packages, the node modules, then the assets"
	local args=(init --frappe-branch "$branch" --python python3)
	[[ -n $source ]] && args+=(--frappe-path "$source")
	args+=("$BS_BENCH")
	# bench init restarts supervisor's programs once Frappe is installed, and fails when a supervisor
	# runs on the machine (another bench in production) that the owner may not control; a bench
	# being built has nothing to restart, which bench's own container build says with this variable
	if ! bs_logged bs_owner_run 'FRAPPE_DOCKER_BUILD=1 bench "$@" </dev/null' "${args[@]}"; then
		bs_fail "bench init failed (the messages above, and $BOOTSTRAP_LOG). Run this again to retry."
		return 1
	fi
	if [[ ! -d $BS_BENCH/apps/frappe || ! -d $BS_BENCH/sites/assets/frappe ]]; then
		bs_fail "bench init ended without a complete bench at $BS_BENCH (see $BOOTSTRAP_LOG). Run this again to retry."
		return 1
	fi
}

# Step 7: the bench's settings ------------------------------------------------------------------------

bs_in_bench() { bs_owner_run 'cd "$1" && shift && "$@"' "$BS_BENCH" "$@"; }

bs_ports_free() {
	local offset=$1 port
	for port in $((8000 + offset)) $((9000 + offset)) $((11000 + offset)) $((13000 + offset)); do
		port_open 127.0.0.1 "$port" && return 1
	done
	return 0
}

bs_settings() {
	bs_say 7 "The bench's settings: ports, database, Python packages"
	local offset
	if [[ -n ${BENCH_WEB_PORT:-} ]]; then
		offset=$((BENCH_WEB_PORT - 8000))
	else
		# another bench on this machine may hold the default ports (its Redis runs all the time)
		for offset in $(seq 0 50); do
			bs_ports_free "$offset" && break
		done
	fi
	bs_info "web $((8000 + offset)), socket.io $((9000 + offset)), Redis cache $((13000 + offset)), Redis queue $((11000 + offset))"
	bs_in_bench bench set-config -g --parse webserver_port "$((8000 + offset))" &&
		bs_in_bench bench set-config -g --parse socketio_port "$((9000 + offset))" &&
		bs_in_bench bench set-config -g redis_cache "redis://127.0.0.1:$((13000 + offset))" &&
		bs_in_bench bench set-config -g redis_socketio "redis://127.0.0.1:$((13000 + offset))" &&
		bs_in_bench bench set-config -g redis_queue "redis://127.0.0.1:$((11000 + offset))" &&
		bs_in_bench bench setup redis &&
		bs_in_bench rm -f Procfile && bs_in_bench bench setup procfile </dev/null >/dev/null || {
		bs_fail "could not set the bench's ports."
		return 1
	}
	if [[ $BS_DB_HOST != 127.0.0.1 || $BS_DB_PORT != 3306 ]]; then
		bs_in_bench bench set-config -g db_host "$BS_DB_HOST" &&
			bs_in_bench bench set-config -g --parse db_port "$BS_DB_PORT" || return 1
	fi
	bs_info "MariaDB's root password in sites/common_site_config.json (readable by $BS_OWNER only)"
	bs_in_bench bench set-config -g root_password "$BS_DB_PASSWORD" >/dev/null &&
		bs_in_bench chmod 600 sites/common_site_config.json || return 1
	# parts of Frappe 15's toolchain (translation extraction) import pkg_resources, which setuptools 70
	# and later no longer install into a fresh environment
	if ! bs_in_bench env/bin/python -W ignore -c "import pkg_resources" 2>/dev/null; then
		bs_info "setuptools<70 in the bench's env (pkg_resources)"
		bs_in_bench uv pip install --quiet --python env/bin/python "setuptools<70" || return 1
	fi
}

# Step 8: cron (the scheduler's backups); the bench's Redis is started by bench.sh's ensure_redis, which
# every script runs once the bench is found ---------------------------------------------------------------

bs_services() {
	bs_say 8 "cron"
	if ! pgrep -x cron >/dev/null 2>&1; then
		bs_info "starting cron"
		as_root service cron start >/dev/null 2>&1 || bs_info "cron could not be started (service cron start)"
	fi
	return 0
}

# What needs root, as commands ----------------------------------------------------------------------

bs_root_commands() {
	local commands=() major
	bs_missing_packages
	if ((${#BS_MISSING[@]})); then
		commands+=("apt-get update")
		commands+=("apt-get install -y --no-install-recommends ${BS_MISSING[*]}")
	fi
	major=$(bs_node_major)
	if [[ -z $major ]] || ((major < 18)); then
		commands+=("# Node 18 or newer: the distribution's nodejs if it is 18+, else NodeSource's")
	fi
	bs_yarn_ok || commands+=("npm install --global yarn@1.22")
	id -u "$BS_OWNER" >/dev/null 2>&1 || commands+=("useradd --create-home --shell /bin/bash $BS_OWNER")
	[[ -d $BS_PARENT ]] || commands+=("install -d -o $BS_OWNER $BS_PARENT")
	if ! port_open "$BS_DB_HOST" "$BS_DB_PORT" && [[ $BS_DB_HOST == 127.0.0.1 ]]; then
		commands+=("service mariadb start")
	fi
	if [[ " ${BS_MISSING[*]} " == *" mariadb-server "* && -z ${DB_ROOT_PASSWORD:-} ]]; then
		# the new server's root logs in through the socket only; the bench needs a password
		commands+=("mariadb -u root -e \"ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('<a password>')\"   # then run this again with DB_ROOT_PASSWORD=<that password>")
	fi
	printf '%s\n' "${commands[@]}"
}

# The whole bootstrap ------------------------------------------------------------------------------------

bootstrap_bench() {
	local started=$SECONDS
	BS_BENCH=$1
	[[ $BS_BENCH == /* ]] || BS_BENCH=$PWD/$BS_BENCH
	BS_PARENT=$(dirname "$BS_BENCH")
	BS_APP_DIR=${APP_DIR:-${ROOT:-}}
	BS_NEW_MARIADB=0
	BOOTSTRAP_LOG=$(mktemp "${TMPDIR:-/tmp}/frappe-bench-bootstrap.XXXXXX.log")
	chmod 644 "$BOOTSTRAP_LOG"

	printf '\n==> No Frappe bench at %s: making one (Frappe %s; the log: %s)\n' \
		"$BS_BENCH" "${FRAPPE_BRANCH:-version-15}" "$BOOTSTRAP_LOG"
	bs_choose_owner "$BS_BENCH" || return 1
	bs_db_address
	if ! bs_is_root && ! bs_can_sudo; then
		local commands
		commands=$(bs_root_commands)
		if [[ -n $commands ]]; then
			bs_fail "making the bench needs these commands run as root first (sudo):

$(sed 's/^/  /' <<<"$commands")

then run this again as $(id -un)${DB_ROOT_PASSWORD:+ with DB_ROOT_PASSWORD set}."
			return 1
		fi
	fi
	if [[ -e $BS_BENCH && ! -e $(bs_marker) ]]; then
		bs_fail "$BS_BENCH exists and was not made by this bootstrap: it is left as it is."
		return 1
	fi
	bs_packages || return 1
	bs_yarn || return 1
	bs_mariadb || return 1
	bs_user || return 1
	bs_bench_cli || return 1
	bs_init || return 1
	bs_settings || return 1
	bs_services || return 1
	bs_say 9 "Done"
	bs_owner_run 'rm -f "$1"' "$(bs_marker)"
	bs_info "the bench $BS_BENCH (owner $BS_OWNER) was made in $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s"
}

# Whether bootstrap_bench should run for this path: it does not exist, or an interrupted bootstrap left it.
bootstrap_wanted() {
	local path=$1
	[[ $path == /* ]] || path=$PWD/$path
	[[ ! -e $path ]] || [[ -e $(dirname "$path")/.$(basename "$path").bootstrap ]]
}
