-- GET /goals?size=50 (the first page: about 28 KB of JSON).
local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }

request = function()
  return wrk.format("GET", "/goals?size=50", headers)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
