#!/usr/bin/env bash
# What a crash costs: the demo store takes page views from wrk and is killed with SIGKILL in the middle of it; then the
# events the store acknowledged (2xx answers wrk received) are compared with the events in its SQLite file.
# Run once in the default queued mode and once in durable mode. Needs wrk and sqlite3 (apt-get install wrk sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null || true; if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT
dotnet build src/NopSegments.DemoStore -c Release -v:q -nologo >/dev/null
echo "machine            $(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores, Linux $(uname -r), $(date -u '+%Y-%m-%d %H:%M UTC')"
source benchmarks/demo-store.sh

crash() { # mode durable-flag port
  local db="$work/$1.db" url="http://127.0.0.1:$3" jar="$work/$1.jar"
  (cd src/NopSegments.DemoStore && exec dotnet bin/Release/net10.0/NopSegments.DemoStore.dll --urls "$url" \
    --Connection "Data Source=$db" --Seed:MaxRows 20000 --NopSegments:Durable "$2" \
    --NopSegments:BrowserEventsPerMinute 1000000000 --NopSegments:AddressEventsPerMinute 1000000000 \
    --NopSegments:StoreEventsPerMinute 1000000000 --Logging:LogLevel:Default Warning >"$work/$1.log" 2>&1) &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf -o /dev/null "$url/" && break; sleep 1; done
  install_module "$url" "$jar"
  shopper_script "$url" "$work/$1.lua"
  local before
  before=$(sqlite3 "$db" "SELECT count(*) FROM nopsegments_events WHERE name = 'page_viewed'")
  wrk -t2 -c16 -d8s -s "$work/$1.lua" "$url/nopsegments/track" > "$work/$1.wrk" 2>&1 &
  local load=$!
  sleep 4
  kill -9 "$pid"
  wait "$load" || true
  wait "$pid" 2>/dev/null || true
  local sent bad stored
  sent=$(awk '/requests in/ {print $1}' "$work/$1.wrk")
  bad=$(awk '/Non-2xx/ {print $NF}' "$work/$1.wrk")
  stored=$(sqlite3 "$db" "SELECT count(*) FROM nopsegments_events WHERE name = 'page_viewed'")
  awk -v mode="$1" -v acked=$((sent - ${bad:-0})) -v stored=$((stored - before)) 'BEGIN {
    lost = acked - stored; if (lost < 0) lost = 0
    printf "%-9s acknowledged %7d   stored %7d   lost %6d (%.2f %% of acknowledged)\n", mode, acked, stored, lost, acked ? 100 * lost / acked : 0 }'
}

crash queued false 5095
crash durable true 5096
