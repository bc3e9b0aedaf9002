# Sourced by the benchmark scripts: what a shop owner and a shopper do to a running demo store, with curl.

# The antiforgery token of the HTML on standard input.
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }

# Logs in as the demo admin and installs the module through the plugin admin, as the shop owner would.
install_module() { # base-url cookie-jar
  local t
  t=$(curl -s -c "$2" -b "$2" "$1/login" | token)
  curl -s -c "$2" -b "$2" -o /dev/null -X POST "$1/login" \
    --data-urlencode "Email=admin@demo.store" --data-urlencode "Password=demo-admin" --data-urlencode "__RequestVerificationToken=$t"
  t=$(curl -s -c "$2" -b "$2" "$1/admin/plugins" | token)
  curl -s -c "$2" -b "$2" -o /dev/null -X POST "$1/admin/plugins?handler=install" --data-urlencode "__RequestVerificationToken=$t"
}

# A new shopper's cookies, and a wrk script posting one page view with them. wrk cannot take the session cookie the store
# slides forward once a minute, so a cookie older than that would draw a new Set-Cookie on every response, which a
# browser never causes: make a new one for each run of under a minute.
shopper_script() { # base-url lua-file
  curl -s -c "$2.cookies" -o /dev/null "$1/"
  local cookie
  cookie=$(awk '$6 ~ /^nopsegments\./ {printf "%s=%s; ", $6, $7}' "$2.cookies")
  rm -f "$2.cookies"
  cat > "$2" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$cookie"
wrk.body = '{"events":[{"name":"page_viewed","properties":{"url":"$1/product/71053","path":"/product/71053","title":"White Metal Lantern"}}]}'
LUA
}
