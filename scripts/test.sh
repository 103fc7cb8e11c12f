#!/usr/bin/env bash
# Runs every FeedEngine test on a fresh machine: installs what the tests need (idempotently), builds, tests,
# and ends with one line "N passed, N failed, N skipped" counted from the test results.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's Chromium for the browser tests (never a browser download).
if [ ! -x /usr/lib/chromium/chromium ] && [ -z "${FEEDENGINE_CHROMIUM:-}" ]; then
  echo "Installing Debian's chromium for the browser tests..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    || { echo "Could not install chromium with apt-get."; exit 1; }
fi

# Debian's Redis for the cluster fault tests (they start their own redis-server on a free 127.0.0.1 port).
if ! command -v redis-server >/dev/null && [ ! -x /usr/bin/redis-server ]; then
  echo "Installing Debian's redis-server for the cluster tests..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null \
    || { echo "Could not install redis-server with apt-get."; exit 1; }
fi

# The MongoDB wire-compatible stub server from npm, for the MongoDB storage tests.
if [ -f tests/tools/install-mongo-stub.sh ]; then
  bash tests/tools/install-mongo-stub.sh || { echo "Could not install the MongoDB stub (see above)."; exit 1; }
fi

rm -rf "$results"
# A clean build takes about 2.2 GB (bin and obj); the tests write a few hundred MB more under the temp folder.
free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
if [ -n "$free_kb" ] && [ "$free_kb" -lt 3500000 ]; then
  echo "Warning: only $((free_kb / 1024)) MB free on this disk; the build and tests need about 3 GB."
fi
dotnet build FeedEngine.sln -c Release -nologo -clp:ErrorsOnly \
  || { echo "The build failed. Free disk: $(df -Ph . | awk 'NR==2 {print $4}')"; echo "0 passed, 1 failed"; exit 1; }

# One test project at a time: two cores, browser and model tests are happier unshared.
dotnet test FeedEngine.sln -c Release --no-build -m:1 -nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

summary=$(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = result.get("outcome")
        if outcome == "Passed": passed += 1
        elif outcome == "NotExecuted": skipped += 1
        else: failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)
if [ -z "$summary" ]; then summary="0 passed, 1 failed"; status=1; fi
case "$summary" in "0 passed, 0 failed"*) status=1;; esac
echo "$summary"
exit $status
