#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs and starts what the tests need
# (PostgreSQL, redis-server, Chromium, mail servers, npm packages), runs the widget's and .NET tests,
# and ends with one line "N passed, N failed, N skipped" computed from the result files.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
log() { printf '\n== %s\n' "$*"; }

# --- machine prerequisites (idempotent) --------------------------------------------------
need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)
command -v pg_ctlcluster >/dev/null 2>&1 || need_packages+=(postgresql)
if [ -f scripts/test-packages.txt ]; then
  while read -r pkg bin; do
    [ -z "${pkg:-}" ] && continue
    case "$pkg" in \#*) continue;; esac
    command -v "${bin:-$pkg}" >/dev/null 2>&1 || [ -e "${bin:-/nonexistent}" ] || need_packages+=("$pkg")
  done < scripts/test-packages.txt
fi
if [ ${#need_packages[@]} -gt 0 ]; then
  log "installing ${need_packages[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

log "starting PostgreSQL on 127.0.0.1:5432"
if command -v pg_ctlcluster >/dev/null 2>&1; then
  ver=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -n "$ver" ]; then
    pg_ctlcluster "$ver" main start 2>/dev/null || true
    for _ in $(seq 1 50); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.2; done
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres';\"" >/dev/null 2>&1 || true
  fi
fi

# --- widget (TypeScript) -----------------------------------------------------------------
widget_passed=0; widget_failed=0
if [ -f widget/package.json ]; then
  log "widget: npm ci, build, unit tests"
  (cd widget && npm ci --no-audit --no-fund --loglevel=error && npm run build) || { echo "widget build failed"; widget_failed=$((widget_failed+1)); }
  if (cd widget && npm test -- --reporter=default --reporter=json --outputFile="$RESULTS/widget-vitest.json"); then :; fi
  if [ -f "$RESULTS/widget-vitest.json" ]; then
    read -r p f < <(python3 -c "import json,sys;d=json.load(open(sys.argv[1]));print(d.get('numPassedTests',0),d.get('numFailedTests',0)+d.get('numRuntimeErrorTestSuites',0))" "$RESULTS/widget-vitest.json")
    widget_passed=$((widget_passed+p)); widget_failed=$((widget_failed+f))
  else
    widget_failed=$((widget_failed+1))
  fi
fi

# --- .NET --------------------------------------------------------------------------------
log "dotnet: restore, build, test"
dotnet tool restore >/dev/null
dotnet build ConversationalCommerce.sln -c Release -nologo -clp:ErrorsOnly
build_rc=$?
if [ $build_rc -eq 0 ]; then
  dotnet test ConversationalCommerce.sln -c Release --no-build -nologo \
    --logger "trx" --results-directory "$RESULTS" -- RunConfiguration.TestSessionTimeout=1500000
fi

read -r passed failed skipped < <(python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
passed=$((passed + widget_passed)); failed=$((failed + widget_failed))
[ $build_rc -ne 0 ] && failed=$((failed + 1))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
