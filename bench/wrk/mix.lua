-- 90/10 read/write mix: nine GET /goals/{id} (random seeded ids) to one POST /goals.
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
local token = "Bearer " .. os.getenv("BENCH_TOKEN")
local read_headers = { ["Authorization"] = token }
local write_headers = { ["Authorization"] = token, ["Content-Type"] = "application/json" }
math.randomseed(2)
local n = 0

request = function()
  n = n + 1
  if n % 10 == 0 then
    local body = string.format('{"title":"Mix goal %d","horizon":"month","level":"individual"}', n)
    return wrk.format("POST", "/goals", write_headers, body)
  end
  return wrk.format("GET", "/goals/" .. ids[math.random(#ids)], read_headers)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
