#!/usr/bin/env bash
# The benchmark: the app's hot paths on a city-size population, one line per scenario with its
# figure, the reference measured in the same run where there is one, and the target.
#
#   bash scripts/benchmark.sh [--fresh] [--workers N[,N…]] [--only SCENARIO[,SCENARIO…]]
#
#   --fresh              drop the benchmark site first and generate the population again
#   --workers 2,4        the web server's worker counts for the HTTP scenarios, each run in turn
#                        (default 2)
#   --only http          only these scenarios: batch, campaign, summary, http (default: all)
#   FRAPPE_BENCH         the bench (default /home/frappe/frappe-bench)
#   BENCHMARK_SITE       the site (default bench-scale.localhost); never use a site with real data
#   DB_ROOT_PASSWORD     MariaDB's root password for a new site (default: MARIADB_ROOT_PASSWORD, else
#                        the bench's root_password)
#
# The first run creates the site and generates the population (party_residence/devtools/population.py:
# 100 wards, 2,000 residential branches, 500 workplace organizations, 200,000 members and their
# letters, meetings and reviews; about ten minutes); later runs reuse it.
set -euo pipefail

APP=party_residence
APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SITE=${BENCHMARK_SITE:-bench-scale.localhost}
FRESH=0
WORKERS=2
ONLY=""

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while (($#)); do
	case $1 in
		--fresh) FRESH=1 ;;
		--workers | --only)
			[[ -n ${2:-} ]] || { echo "benchmark: $1 needs a value" >&2 && exit 2; }
			if [[ $1 == --workers ]]; then
				[[ $2 =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "benchmark: --workers takes counts like 2,4" >&2 && exit 2; }
				WORKERS=$2
			else
				[[ $2 =~ ^[a-z]+(,[a-z]+)*$ ]] || { echo "benchmark: --only takes names like http,summary" >&2 && exit 2; }
				ONLY=$2
			fi
			shift
			;;
		-h | --help) usage && exit 0 ;;
		*) echo "benchmark: unknown option $1" >&2 && usage >&2 && exit 2 ;;
	esac
	shift
done

PURPOSE=benchmark
# shellcheck source=lib/bench.sh
source "$APP_DIR/scripts/lib/bench.sh"

# The site ------------------------------------------------------------------------------------

# --fresh: the site is dropped, to be made again
drop_fresh_site() {
	if ((FRESH)) && [[ -d $BENCH/sites/$SITE ]]; then
		say "Dropping $SITE (--fresh)"
		local args=(drop-site "$SITE" --force --no-backup)
		mapfile -t -O "${#args[@]}" args < <(db_root_args)
		bench_ "${args[@]}" </dev/null || die "could not drop $SITE."
	fi
}

generate() {
	say "The population of $SITE (generated once, then reused)"
	as_owner env PYTHONUNBUFFERED=1 bench --site "$SITE" execute party_residence.devtools.population.ensure </dev/null ||
		die "could not generate the population. Run this again with --fresh to start from an empty site."
}

migrate() {
	# the schema, indexes and patches of the checkout being measured
	say "Migrating $SITE"
	bench_ --site "$SITE" migrate </dev/null >/dev/null || die "could not migrate $SITE."
}

measure() {
	say "Benchmark on $SITE ($(nproc) cores)"
	local kwargs="{'workers': '$WORKERS'${ONLY:+, 'only': '$ONLY'}}"
	as_owner env PYTHONUNBUFFERED=1 bench --site "$SITE" execute party_residence.devtools.benchmark.run --kwargs "$kwargs" </dev/null
}

main() {
	setup_bench
	drop_fresh_site
	ensure_site admin "run this again with --fresh."
	migrate
	generate
	measure
}

main
