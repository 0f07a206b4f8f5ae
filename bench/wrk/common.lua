-- Shared by bench/wrk/bare.lua and bench/wrk/mix.lua, the scripts `make load` gives wrk.
--
-- The users `bench.load prepare` signed in are read from the file LOAD_USERS_LUA names. Each
-- of wrk's threads (WRK_THREADS of them) plays its own share of the users, so that no two
-- threads submit the same draft. A response is an error when it is 4xx/5xx or a redirect to
-- the sign-in page (a session that stopped working would otherwise look like a fast success).
-- done() prints one JSON line that scripts/load-test hands to `bench.load report`.

data = dofile(os.getenv("LOAD_USERS_LUA"))
local thread_count = tonumber(os.getenv("WRK_THREADS") or "1")
local threads, next_id = {}, 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   mine = {}
   for i, user in ipairs(data.users) do
      if (i - 1) % thread_count == id then table.insert(mine, user) end
   end
   math.randomseed(1000 + id)
   errors = 0
end

function headers_for(user)
   return {Cookie = "sessionid=" .. user.session .. "; csrftoken=" .. user.csrf}
end

function response(status, headers, body)
   local location = headers["Location"] or ""
   if status >= 400 or (status >= 300 and location:find("/login", 1, true)) then
      errors = errors + 1
   end
end

function done(summary, latency, requests)
   local counted = 0
   for _, thread in ipairs(threads) do counted = counted + thread:get("errors") end
   local e = summary.errors
   io.write(string.format(
      '{"requests": %d, "seconds": %.3f, "errors": %d, "socket_errors": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
      summary.requests, summary.duration / 1e6, counted, e.connect + e.read + e.write + e.timeout,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
