#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download does not work
# here). Install it when missing and we may; otherwise say exactly what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "Installing Debian's chromium for the browser tests…"
	apt-get update -qq && apt-get install -y -qq chromium >/dev/null
	exit 0
fi
echo "The browser tests need Chromium: run 'sudo apt-get install -y chromium' (Debian/Ubuntu)." >&2
exit 1
