#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download does not work
# here). Install it when missing and we may; otherwise say exactly what to do.
set -euo pipefail
# GNU time gives the benchmark test its per-process memory figures.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "Installing Debian's ${missing[*]} for the tests…"
	apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
	exit 0
fi
echo "The tests need: ${missing[*]}. Run 'sudo apt-get install -y ${missing[*]}' (Debian/Ubuntu)." >&2
exit 1
