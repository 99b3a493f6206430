#!/usr/bin/env bash
# A demo site with party_residence and realistic Vietnamese demo data, served on the bench's port.
#
#   bash scripts/demo.sh [--no-serve]
#
#   FRAPPE_BENCH         the bench (default /home/frappe/frappe-bench)
#   DEMO_SITE            the site (default demo.localhost)
#   DEMO_ADMIN_PASSWORD  Administrator's password on a new site (default admin)
#   DB_ROOT_PASSWORD     MariaDB's root password for a new site (default: MARIADB_ROOT_PASSWORD, else
#                        the bench's root_password)
#   DEMO_BIND            the address the web server listens on (default 127.0.0.1: this machine only)
#
# Safe to run again: an existing site is reused and the data are not duplicated.
set -euo pipefail

APP=party_residence
APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SITE=${DEMO_SITE:-demo.localhost}
ADMIN_PASSWORD=${DEMO_ADMIN_PASSWORD:-admin}
SERVE=1
SITE_CREATED=0

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

for arg in "$@"; do
	case $arg in
		--no-serve) SERVE=0 ;;
		-h | --help) usage && exit 0 ;;
		*) echo "demo: unknown option $arg" >&2 && usage >&2 && exit 2 ;;
	esac
done

PURPOSE=demo
# shellcheck source=lib/bench.sh
source "$APP_DIR/scripts/lib/bench.sh"

# The site ------------------------------------------------------------------------------------

load_demo() {
	say "Loading the demo data into $SITE"
	SUMMARY=$(bench_ --site "$SITE" execute party_residence.devtools.demo.setup_demo)
	bench_ --site "$SITE" enable-scheduler >/dev/null
	if [[ -z $(conf default_site) ]]; then
		bench_ use "$SITE" >/dev/null
	fi
}

# A letter's PDF is made by wkhtmltopdf, which fetches the page's styles and images from the site by
# the name the browser used: that name must resolve on this machine. Root adds it to /etc/hosts;
# otherwise the site's host_name makes Frappe give wkhtmltopdf the loopback address instead.
ensure_site_resolves() {
	getent hosts "$SITE" >/dev/null 2>&1 && return
	if ((EUID == 0)) && [[ -w /etc/hosts ]]; then
		say "Adding $SITE to /etc/hosts (127.0.0.1), for the browser and for the PDFs"
		printf '127.0.0.1 %s\n' "$SITE" >>/etc/hosts
	elif [[ -z $(site_conf host_name) ]]; then
		say "$SITE does not resolve here: setting its host_name to http://127.0.0.1:$PORT for the PDFs"
		bench_ --site "$SITE" set-config host_name "http://127.0.0.1:$PORT" >/dev/null
	fi
}

site_conf() {
	"$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' \
		"$BENCH/sites/$SITE/site_config.json" "$1" 2>/dev/null || true
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
	setup_bench
	ensure_site "$ADMIN_PASSWORD" "remove it (bench drop-site $SITE --force) and run this again."
	load_demo
	PORT=$(conf webserver_port 8000)
	ensure_site_resolves
	print_welcome
	((SERVE)) || exit 0
	if port_open 127.0.0.1 "$PORT"; then
		die "port $PORT is already in use. Stop the server on it, or open the demo through that server."
	fi
	serve
}

# What production runs, on this machine's loopback only unless DEMO_BIND says otherwise: the web
# server (gunicorn, without the development server's debugger; it serves the built assets itself), the
# real-time server that shows a batch's progress, a background worker and the scheduler, behind a
# small front door (scripts/lib/demo-proxy.js) that sends /socket.io to the real-time server and the
# rest to gunicorn, as nginx does in production. Ctrl+C stops them all.
serve() {
	local bind=${DEMO_BIND:-127.0.0.1} socketio web pids=() pid
	socketio=$(conf socketio_port 9000)
	if port_open 127.0.0.1 "$socketio"; then
		die "port $socketio (the bench's socketio_port) is already in use: stop what listens on it."
	fi
	web=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	say "Serving $SITE on http://$bind:$PORT (Ctrl+C stops it)"
	trap 'kill "${pids[@]}" 2>/dev/null; wait; exit 0' INT TERM
	# shellcheck disable=SC2016 # expanded by the owner's shell
	as_owner bash -c 'cd sites && exec ../env/bin/gunicorn "$@"' bash --bind "127.0.0.1:$web" --workers 2 --timeout 120 \
		'frappe.app:application_with_statics()' &
	pids+=($!)
	as_owner node apps/frappe/socketio.js &
	pids+=($!)
	bench_ worker &
	pids+=($!)
	bench_ schedule &
	pids+=($!)
	node "$APP_DIR/scripts/lib/demo-proxy.js" "$bind" "$PORT" "$web" "$socketio" "$SITE" &
	pids+=($!)
	for pid in "${pids[@]}"; do
		wait "$pid" || true
	done
}

main
