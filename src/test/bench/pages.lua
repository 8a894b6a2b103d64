-- wrk script for the respondent pages: GETs or POSTs page 1 of many started sessions, round-robin.
-- Usage: wrk ... -s pages.lua BASE_URL -- PAGES_FILE GET [CSRF_COOKIE]
--        wrk ... -s pages.lua BASE_URL -- PAGES_FILE POST CSRF_COOKIE FORM_BODY
local pages = {}
local next_page = 0
local method, cookie, form

function init(args)
  for line in io.lines(args[1]) do
    pages[#pages + 1] = line
  end
  method, cookie, form = args[2], args[3], args[4]
  next_page = math.random(#pages)
end

function request()
  next_page = next_page % #pages + 1
  if method == "POST" then
    return wrk.format("POST", pages[next_page], {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrf-token=" .. cookie }, form)
  end
  if cookie then
    -- A browser sends back the CSRF cookie it was given, so the page reuses its token.
    return wrk.format("GET", pages[next_page], { ["Cookie"] = "csrf-token=" .. cookie })
  end
  return wrk.format("GET", pages[next_page])
end

function done(summary, latency, requests)
  io.write(string.format("BENCH requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
