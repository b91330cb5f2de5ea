-- crawl.lua: wrk script for bench/memory.sh. Every request has a query
-- string no other request of the run used, over every GET route, so that
-- nothing the server keeps per distinct request can hide: zero-padded
-- limits (the same query spelt anew), year windows, countries, unknown
-- parameters. The thread stops after its share of REQUESTS.
local routes = {
  function(n) return "/api/v1/trips?limit=" .. string.rep("0", n % 40) .. tostring(1 + n % 1000) end,
  function(n) return "/api/v1/trips?country=FR&limit=" .. string.rep("0", n % 30) .. "100" end,
  function(n) return "/api/v1/rankings/momentum?from=" .. (1866 + n % 150) .. "&to=" .. (2025 - math.floor(n / 150) % 10) end,
  function(n) return "/api/v1/rankings/momentum/FR?from=" .. (1900 + n % 120) .. "&to=2024" end,
  function(n) return "/api/v1/countries/DE/series?from=" .. (1866 + n % 150) .. "&to=" .. (2025 - math.floor(n / 150) % 50) end,
  function(n) return "/api/v1/countries?x" .. n .. "=1" end,
  function(n) return "/api/v1/travelers?role=secretary&u=" .. n end,
  function(n) return "/api/v1/insights?v=" .. n end,
  function(n) return "/api/v1/articles?limit=" .. string.rep("0", n % 20) .. "5" end,
  function(n) return "/insights/momentum?from=" .. (1866 + n % 150) .. "&to=" .. (2025 - math.floor(n / 150) % 10) end,
  function(n) return "/countries/FR?from=" .. (1866 + n % 150) .. "&to=2024" end,
  function(n) return "/travelers/blinken-antony-j?p=" .. n end,
  function(n) return "/map?from=" .. (1866 + n % 150) .. "&to=" .. (2025 - math.floor(n / 150) % 10) end,
  function(n) return "/articles/nato-foreign-ministers-75th-year?utm_source=" .. n end,
  function(n) return "/embed/insights/momentum?from=" .. (1866 + n % 150) end,
  function(n) return "/?q=" .. n end,
  function(n) return "/feed.xml?" .. n end,
  function(n) return "/sitemap.xml?" .. n end,
}

local counter, id, share = 0, 0, 0

function setup(thread)
  id = id + 1
  thread:set("id", id)
end

function init(args)
  share = math.floor(tonumber(os.getenv("REQUESTS") or "20000") / 2)
end

function request()
  counter = counter + 1
  local n = counter * 2 + id
  return wrk.format("GET", routes[n % #routes + 1](n))
end

local answered = 0
function response(status, headers, body)
  answered = answered + 1
  if answered >= share then
    wrk.thread:stop()
  end
end
