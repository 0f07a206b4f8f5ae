-- `make load`'s second phase: the members' mix. 40 % home page, 40 % exchange thread, 15 %
-- draft saves, 5 % submits (a user whose prepared drafts are all sent saves a draft instead).
dofile("bench/wrk/common.lua")

local function form(user)
   local headers = headers_for(user)
   headers["X-CSRFToken"] = user.csrf
   headers["Content-Type"] = "application/x-www-form-urlencoded"
   return headers
end

function request()
   local user = mine[math.random(#mine)]
   local roll = math.random()
   if roll < 0.40 then
      return wrk.format("GET", "/", headers_for(user))
   elseif roll < 0.80 then
      return wrk.format("GET", "/pairs/" .. user.pair .. "/", headers_for(user))
   elseif roll >= 0.95 and #user.to_submit > 0 then
      local letter = table.remove(user.to_submit)
      return wrk.format("POST", "/letters/" .. letter .. "/edit/", form(user), "action=send&body=" .. data.submit_body)
   end
   local body = data.draft_bodies[math.random(#data.draft_bodies)]
   return wrk.format("POST", "/letters/" .. user.draft .. "/draft/", form(user), "body=" .. body)
end
