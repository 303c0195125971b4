-- wrk script for the whole journey, one person per wrk thread: run it with as
-- many threads as connections (-t32 -c32), so each thread's state is one
-- person's. Start, answer every screen (a random choice for each question),
-- review, finish, results, save, open the report, mark its first step done;
-- then a new person starts. Prints BENCH {json} at the end, as page.lua does.

local CSRF = "benchbenchbenchbenchbenchbench32" -- a 32-character secret Django accepts as the CSRF cookie
local session, method, path, body, stage
journeys, broken = 0, 0

local function go(m, p, b)
  method, path, body = m, (p or ""):gsub("#.*$", ""), b
end

local function restart()
  session, stage = nil, "start_page"
  go("GET", "/assess/", nil)
end

restart()

local function fail()
  broken = broken + 1
  restart()
end

local function answers(page)
  local values, order = {}, {}
  for name, value in page:gmatch('name="([cq]%-[^"]+)" value="([^"]*)"') do
    if not values[name] then
      values[name] = {}
      table.insert(order, name)
    end
    table.insert(values[name], value)
  end
  local parts = { "csrfmiddlewaretoken=" .. CSRF, "nav=next" }
  for _, name in ipairs(order) do
    local choices = values[name]
    table.insert(parts, name .. "=" .. choices[math.random(#choices)])
  end
  return table.concat(parts, "&")
end

function request()
  local cookie = "csrftoken=" .. CSRF
  if session then
    cookie = cookie .. "; sessionid=" .. session
  end
  local headers = { Cookie = cookie }
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  return wrk.format(method, path, headers, body)
end

function response(status, headers, page)
  local set = headers["Set-Cookie"]
  if set then
    session = set:match("sessionid=([^;]+)") or session
  end
  local location = headers["Location"]
  local csrf = "csrfmiddlewaretoken=" .. CSRF
  if stage == "start_page" then
    if status ~= 200 then return fail() end
    stage = "start"; go("POST", "/assess/", csrf)
  elseif stage == "start" or stage == "finish" or stage == "save" then
    if status ~= 302 then return fail() end
    stage = ({ start = "screen", finish = "results", save = "report" })[stage]
    go("GET", location, nil)
  elseif stage == "screen" then
    if status ~= 200 then return fail() end
    stage = "answer"; go("POST", path, answers(page))
  elseif stage == "answer" then
    if status ~= 302 then return fail() end
    stage = location:find("/review/") and "review" or "screen"
    go("GET", location, nil)
  elseif stage == "review" then
    if status ~= 200 then return fail() end
    stage = "finish"; go("POST", (path:gsub("review/$", "finish/")), csrf)
  elseif stage == "results" then
    if status ~= 200 then return fail() end
    stage = "save"; go("POST", (path:gsub("^/assess/", "/reports/save/"):gsub("results/$", "")), csrf)
  elseif stage == "report" then
    local action = status == 200 and page:match('action="(/r/[^"]+/steps/[^"]+/)"')
    if not action then return fail() end
    stage = "step"; go("POST", action, csrf .. "&state=done&was=pending")
  elseif stage == "step" then
    if status ~= 302 then return fail() end
    journeys = journeys + 1
    restart()
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local done_journeys, failed = 0, 0
  for _, thread in ipairs(threads) do
    done_journeys = done_journeys + thread:get("journeys")
    failed = failed + thread:get("broken")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"socket_errors": %d, "status_errors": %d, "timeouts": %d, "journeys": %d, "broken": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write, e.status, e.timeout, done_journeys, failed))
end
