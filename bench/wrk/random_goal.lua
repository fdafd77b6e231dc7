-- GET /goals/{id} over the seeded goal ids, in a random order (fixed seed).
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }
math.randomseed(1)

request = function()
  return wrk.format("GET", "/goals/" .. ids[math.random(#ids)], headers)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
