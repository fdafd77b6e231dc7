-- POST /goals: a new team goal per request (each one a durable write).
local headers = {
  ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
  ["Content-Type"] = "application/json",
}
local n = 0

request = function()
  n = n + 1
  local body = string.format(
    '{"title":"Load goal %d","intent":"Written by the load run","horizon":"quarter","level":"team"}', n)
  return wrk.format("POST", "/goals", headers, body)
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
