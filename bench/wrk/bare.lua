-- `make load`'s first phase: the one-query page (bench/urls.py) as signed-in mentees, through
-- the product's middleware. Its throughput is what the mix is divided by.
dofile("bench/wrk/common.lua")

function request()
   return wrk.format("GET", "/__bench__/baseline/", headers_for(mine[math.random(#mine)]))
end
