#!/usr/bin/env bash
# Proves that a `dotnet publish` output starts on its own and serves every static asset its pages link,
# MudBlazor's and Plotly's included.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
data=$(mktemp -d)
# The portal runs in a session and process group of its own (setsid), whose id is its pid: stopping the group stops
# the portal and anything it started, however this script ends (success, failure, Ctrl-C or a CI timeout's SIGTERM).
# Killing only the pid of a backgrounded subshell, as this script once did, left the portal running after CI.
stop_portal() {
  [ -n "${pid:-}" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 -- "-$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
trap 'stop_portal; rm -rf "$out" "$data"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
dotnet publish src/Telco.InsightPortal.Web -c Release -o "$out" --nologo -v quiet
port=$((20000 + RANDOM % 20000))
# exec: the background job is the portal itself, not a shell around it. Without job control a background job is no
# process-group leader, so setsid makes the new group in place (no fork) and $! is the portal's pid and group id.
(cd "$out" && exec setsid env Audit__CheckpointKey="$(head -c 32 /dev/urandom | base64)" Portal__DataDir="$data" \
  Portal__Demo__TelcoRows=200 Portal__Demo__CellTowerRows=200 \
  dotnet Telco.InsightPortal.Web.dll --urls "http://127.0.0.1:$port" >"$data/portal.log" 2>&1) &
pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 1; done
# The sign-in page is the one page anyone may fetch; its head links the same assets as every page.
page=$(curl -sf "http://127.0.0.1:$port/account/login") || { echo "publish smoke: /account/login did not answer"; cat "$data/portal.log"; exit 1; }
assets=$(grep -oE '(href|src)="[^"]+\.(css|js|svg)"' <<<"$page" | sed -E 's/^(href|src)="//; s/"$//' | sort -u || true)
[ -n "$assets" ] || { echo "publish smoke: the sign-in page links no assets"; exit 1; }
assets+=$'\n'"_content/Plotly.Blazor/plotly-3.7.0.min.js"$'\n'"_content/Plotly.Blazor/plotly-interop-7.2.0.js"
bad=0
while read -r asset; do
  [ -z "$asset" ] && continue
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/${asset#/}")
  [ "$code" = 200 ] || { echo "publish smoke: $asset -> $code"; bad=1; }
done <<<"$assets"
[ "$bad" = 0 ] && echo "publish smoke: $(wc -l <<<"$assets") assets served by the published portal"
exit $bad
