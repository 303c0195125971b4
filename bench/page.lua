-- wrk script for one page or a mix: each argument after `--` is one request,
-- "METHOD|path|cookie|body", and every connection cycles through them in turn.
-- At the end it prints one line, BENCH {json}, that bench/run.py reads.

local entries = {}
local next_entry = 1

function init(args)
  for _, arg in ipairs(args) do
    local method, path, cookie, body = arg:match("^([^|]*)|([^|]*)|([^|]*)|(.*)$")
    local headers = { Cookie = cookie }
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    end
    table.insert(entries, wrk.format(method, path, headers, body ~= "" and body or nil))
  end
  next_entry = math.random(#entries)
end

function request()
  local r = entries[next_entry]
  next_entry = next_entry % #entries + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"socket_errors": %d, "status_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write, e.status, e.timeout))
end
