#!/usr/bin/env bash
# The demo store's product page with an offer in its productdetails_top zone, next to the same page without offers.
# 50 live campaigns over 10 segments in five slots; the shopper is in the segment of the one that wins the zone. Rounds
# alternate: the winning campaign paused (the page decides and renders nothing there) and live (it renders the offer).
# Needs wrk (apt-get install wrk). Prints the machine, each run's requests/s and latency, and the median ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/NopSegments.DemoStore -c Release -v:q -nologo >/dev/null
echo "machine            $(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores, Linux $(uname -r), $(date -u '+%Y-%m-%d %H:%M UTC')"
base=http://127.0.0.1:5092
(cd src/NopSegments.DemoStore && exec dotnet bin/Release/net10.0/NopSegments.DemoStore.dll --urls $base \
  --Connection "Data Source=$work/bench.db" --Seed:MaxRows 20000 --Logging:LogLevel:Default Warning >"$work/store.log" 2>&1) &
store_pid=$!
for _ in $(seq 1 60); do curl -sf -o /dev/null $base/ && break; sleep 1; done
source benchmarks/demo-store.sh
install_module $base "$work/jar"
admin() { curl -s -c "$work/jar" -b "$work/jar" "$@"; }
form_token() { admin "$base$1" | token; }

# Ten segments; "browsers" holds everyone who viewed a product, which the shopper will have.
for i in $(seq 0 9); do
  query="orders_count >= $((i + 50))"
  slug="segment-$i"
  if [ "$i" = 0 ]; then query="product_viewed() >= 1"; slug=browsers; fi
  admin -o /dev/null -X POST "$base/admin/nopsegments/segments" --data-urlencode "slug=$slug" --data-urlencode "name=$slug" \
    --data-urlencode "query=$query" --data-urlencode "action=save" --data-urlencode "__RequestVerificationToken=$(form_token /admin/nopsegments/segments/new)"
done
slots=(productdetails_top home_page_top order_summary_content_before top_bar popup)
for i in $(seq 0 49); do
  segment="segment-$((i % 9 + 1))"; priority=$((i % 7)); slot=${slots[$((i % 5))]}
  if [ "$i" = 0 ]; then segment=browsers; priority=100; fi
  json="{\"slug\":\"campaign-$i\",\"name\":\"Campaign $i\",\"audience\":{\"segment\":\"$segment\",\"pageTypes\":[\"product\"]},\"placement\":\"$slot\",\"priority\":$priority,\"caps\":{\"perSession\":0},\"content\":{\"title\":\"Offer $i\",\"body\":\"<p>Take <strong>10 %</strong> off today.</p>\",\"cta\":\"Shop now\",\"ctaUrl\":\"/cart\"},\"variants\":[{\"name\":\"A\",\"weight\":50},{\"name\":\"B\",\"weight\":50}],\"holdout\":0}"
  admin -o /dev/null -X POST "$base/admin/nopsegments/campaigns" --data-urlencode "definition=$json" --data-urlencode "__RequestVerificationToken=$(form_token /admin/nopsegments/campaigns/new)"
  admin -o /dev/null -X POST "$base/admin/nopsegments/campaigns/campaign-$i/status" --data-urlencode "status=live" --data-urlencode "__RequestVerificationToken=$(form_token /admin/nopsegments/campaigns/campaign-$i)"
done
status() { admin -o /dev/null -X POST "$base/admin/nopsegments/campaigns/campaign-0/status" --data-urlencode "status=$1" --data-urlencode "__RequestVerificationToken=$(form_token /admin/nopsegments/campaigns/campaign-0)"; }

# A shopper who viewed the product (and so is in "browsers"); wrk reuses their cookies, made anew for each run.
shopper() {
  curl -s -c "$work/shopper" -b "$work/shopper" -o /dev/null "$base/product/71053"
  sleep 1
  local cookie
  cookie=$(awk '$6 ~ /^nopsegments\./ {printf "%s=%s; ", $6, $7}' "$work/shopper")
  printf 'wrk.headers["Cookie"] = "%s"\n' "$cookie" > "$work/get.lua"
}
measure() { # name: 5 s of warm-up, then 10 s measured, with the store's own CPU over those 10 s (user + system, from /proc)
  wrk -t2 -c16 -d5s -s "$work/get.lua" "$base/product/71053" > /dev/null
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$store_pid/stat")
  wrk -t2 -c16 -d10s --latency -s "$work/get.lua" "$base/product/71053" > "$work/$1.txt"
  after=$(awk '{print $14 + $15}' "/proc/$store_pid/stat")
  awk -v name="$1" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} /requests in/ {n=$1}
    END {printf "%-10s %10s req/s   p50 %8s   p99 %8s   non-2xx %s   store CPU %.0f µs/request\n", name, rps, p50, p99, (bad == "" ? 0 : bad), 1e6 * ticks / hz / n}' "$work/$1.txt"
}
rps() { awk '/Requests\/sec/ {print $2}' "$work/$1.txt"; }
shopper
echo "offers on the page while live: $(curl -s -b "$work/shopper" "$base/product/71053" | grep -c "class=\"nopsegments-offer" || true)"
echo "live campaigns: $(admin "$base/admin/nopsegments/campaigns" | grep -c "data-status>live")"
wrk -t2 -c16 -d30s -s "$work/get.lua" "$base/product/71053" > /dev/null   # warm-up: JIT and caches
ratios=()
for round in $(seq 1 "${ROUNDS:-7}"); do
  shopper
  status paused; measure without
  status live; measure with
  ratio=$(awk -v a="$(rps with)" -v b="$(rps without)" 'BEGIN { printf "%.1f", 100 * a / b }')
  ratios+=("$ratio")
  echo "round $round    with offers: $ratio % of the requests/s without"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print "median     " a[int((NR + 1) / 2)] " %"}'
