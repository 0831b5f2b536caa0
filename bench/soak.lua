-- Mixed soak traffic for bench/run.py: 60 % cached pages, 30 % searches with unique queries, 10 % consultation
-- posts, each from one of 256 client addresses (X-Forwarded-For; the soak server trusts one proxy).
-- Arguments after "--": the cached paths, then "POST", the form body and the Cookie header of the posts.
-- Prints one line: responses by class, 429s and 5xx.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  pages, count, ok, limited, client_errors, server_errors = {}, 0, 0, 0, 0, 0
  local i = 1
  while args[i] and args[i] ~= "POST" do
    pages[#pages + 1] = args[i]
    i = i + 1
  end
  body, cookie = args[i + 1], args[i + 2]
  math.randomseed(os.time() * 1000 + id)
end

function request()
  count = count + 1
  local address = string.format("10.77.%d.%d", math.random(0, 15), math.random(1, 16))
  local pick = count % 10
  if pick < 6 then
    return wrk.format("GET", pages[(count % #pages) + 1], { ["X-Forwarded-For"] = address })
  elseif pick < 9 then
    -- 人工智能 and a word nobody searched before: a new address for the page cache every time
    local query = string.format("%%E4%%BA%%BA%%E5%%B7%%A5%%E6%%99%%BA%%E8%%83%%BD+%x%x%d", math.random(0, 0x7fffffff), id, count)
    return wrk.format("GET", "/search/?q=" .. query, { ["X-Forwarded-For"] = address })
  else
    local headers = {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = cookie,
      ["X-Forwarded-For"] = address,
    }
    return wrk.format("POST", "/consult/", headers, body)
  end
end

function response(status, headers, response_body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status == 429 then
    limited = limited + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  else
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0, limited = 0, client_errors = 0, server_errors = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  io.write(string.format("soak: 2xx/3xx %d, 429 %d, other 4xx %d, 5xx %d\n",
    totals.ok, totals.limited, totals.client_errors, totals.server_errors))
end
