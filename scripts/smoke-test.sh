#!/usr/bin/env bash
# A smoke test of a running site that holds the demo data (a demo, or a restore of one), over HTTP as
# a person would: each demo login signs in, a staff login opens the first introduction letter it may
# see and downloads that letter's PDF, the party member opens the portal page.
#
#   bash scripts/smoke-test.sh URL [--insecure]
#
#   URL         the site as users reach it, e.g. https://dangvien.example.vn or http://127.0.0.1:8000
#   --insecure  accept a self-signed TLS certificate
#
# The last line reads "N passed, N failed"; the exit status is non-zero when anything failed.
set -euo pipefail

URL=${1:-}
INSECURE=()
[[ ${2:-} == --insecure ]] && INSECURE=(--insecure)
if [[ -z $URL || $URL == -h || $URL == --help ]]; then
	sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
	exit 2
fi
URL=${URL%/}

# The demo's logins (README, "The demo site"): e-mail, password, and whether it is the portal member
LOGINS=(
	"quanly@demo.dangvien.vn QuanLy@Demo2026 staff"
	"coquan@demo.dangvien.vn CoQuan@Demo2026 staff"
	"phuong@demo.dangvien.vn Phuong@Demo2026 staff"
	"chibo@demo.dangvien.vn ChiBo@Demo2026 staff"
	"dangvien@demo.dangvien.vn DangVien@Demo2026 member"
)
PRINT_FORMAT="Giấy giới thiệu"
PASSED=0
FAILED=0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

check() {
	local what=$1
	shift
	if "$@"; then
		printf '  ok    %s\n' "$what"
		PASSED=$((PASSED + 1))
	else
		printf '  FAIL  %s\n' "$what"
		FAILED=$((FAILED + 1))
		return 1
	fi
}

# http PATH [curl options]: the body to $WORK/body, the status code printed
http() {
	local path=$1
	shift
	curl -sS "${INSECURE[@]}" --max-time 60 -b "$WORK/cookies" -c "$WORK/cookies" -o "$WORK/body" \
		-w '%{http_code}' "$@" "$URL$path"
}

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

logs_in() {
	[[ $(http /api/method/login -H 'Content-Type: application/json' \
		--data "{\"usr\": \"$1\", \"pwd\": \"$2\"}") == 200 ]] &&
		[[ $(http /api/method/frappe.auth.get_logged_user) == 200 ]] && grep -qF "\"$1\"" "$WORK/body"
}

first_letter() {
	[[ $(http "/api/resource/Residence%20Introduction?limit_page_length=1&order_by=name%20asc") == 200 ]] &&
		LETTER=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["data"][0]["name"])' "$WORK/body" 2>/dev/null) &&
		[[ -n $LETTER ]]
}

opens_letter() { [[ $(http "/api/resource/Residence%20Introduction/$(urlencode "$LETTER")") == 200 ]]; }

downloads_pdf() {
	[[ $(http "/api/method/frappe.utils.print_format.download_pdf?doctype=Residence%20Introduction&name=$(urlencode "$LETTER")&format=$(urlencode "$PRINT_FORMAT")") == 200 ]] &&
		[[ $(head -c 5 "$WORK/body") == %PDF- ]]
}

opens_portal() { [[ $(http /my-residence) == 200 ]]; }

printf 'Smoke test of %s\n' "$URL"
for login in "${LOGINS[@]}"; do
	read -r user password kind <<<"$login"
	rm -f "$WORK/cookies"
	LETTER=""
	printf '%s\n' "$user"
	check "logs in" logs_in "$user" "$password" || continue
	if [[ $kind == member ]]; then
		check "opens the portal page /my-residence" opens_portal || true
		continue
	fi
	check "sees an introduction letter" first_letter || continue
	check "opens $LETTER" opens_letter || true
	check "downloads the PDF of $LETTER" downloads_pdf || true
done
printf '%s passed, %s failed\n' "$PASSED" "$FAILED"
((FAILED == 0))
