#!/usr/bin/env bash
# Lints the OpenAPI documents that client generators (Kiota, NSwag) and API browsers read — the portal's
# /api/v1/openapi.json and serving's /api/serving/openapi.json — with Redocly CLI's `recommended` rules
# (the version pinned in .ci/openapi/package-lock.json). The documents come from a portal started here on a
# scratch data folder. Warnings are shown; any error fails the step.
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
data=$(mktemp -d)
trap 'if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi; rm -rf "$data"' EXIT

(cd .ci/openapi && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "openapi lint: npm ci in .ci/openapi failed"; exit 1; }
dotnet build src/Telco.InsightPortal.Web --nologo -v quiet >"$data/build.log" 2>&1 || { cat "$data/build.log"; echo "openapi lint: the build failed"; exit 1; }

port=$((20000 + RANDOM % 20000))
password="Lint-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-7"
# Started directly (not in a subshell), so that $pid is the portal itself and the trap stops it.
Portal__DataDir="$data/portal" Portal__Demo__Enabled=false Portal__Demo__Models=false Portal__Bootstrap__AdminPassword="$password" \
  Audit__CheckpointKey="$(head -c 32 /dev/urandom | base64)" \
  dotnet src/Telco.InsightPortal.Web/bin/Debug/net10.0/Telco.InsightPortal.Web.dll --urls "http://127.0.0.1:$port" >"$data/portal.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 90); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 1; done
token=$(curl -sf -u "admin:$password" -X POST -H 'Content-Type: application/json' -d '{"name":"openapi-lint","days":1}' "$base/api/v1/tokens" \
  | sed -E 's/.*"token":"([^"]+)".*/\1/') || { echo "openapi lint: no token from $base"; cat "$data/portal.log"; exit 1; }
fetch() { curl -sf -H "Authorization: Bearer $token" -o "$2" "$base$1" || { echo "openapi lint: $1 did not answer"; exit 1; }; }
fetch /api/v1/openapi.json "$data/portal.json"
fetch /api/serving/openapi.json "$data/serving.json"
fetch /serving/openapi/serving.json "$data/serving-own.json"
cmp -s "$data/serving.json" "$data/serving-own.json" || { echo "openapi lint: /serving/openapi/serving.json differs from /api/serving/openapi.json"; exit 1; }

redocly() { .ci/openapi/node_modules/.bin/redocly lint --config .ci/openapi/redocly.yaml "$@" "$data/portal.json" "$data/serving.json" 2>&1 | grep -v '[║╔╚]'; }
if ! redocly --format summary; then
  redocly --format stylish --max-problems 500 | grep -E ' error |\.json:$' || true
  echo "openapi lint: Redocly's recommended rules report errors"
  exit 1
fi
echo "openapi lint: both documents pass Redocly's recommended rules"
