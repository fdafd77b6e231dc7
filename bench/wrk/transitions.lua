-- POST /goals/{id}:activate then :pause on the seeded draft leaves.
-- Request i works on goal (i mod n): the first lap activates every goal (draft -> active),
-- the next pauses them, the next resumes them, and so on. With n far above the number of
-- connections, a goal's previous transition has been answered before its next one is sent,
-- so every answer is a 200 and a pair is one :activate plus one :pause.
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
local headers = {
  ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
  ["Content-Type"] = "application/json",
}
local i = 0
-- wrk calls request() once before the run to check what it returns (script_verify_request)
-- and never sends that one: it gets a harmless GET /health, so no goal misses a lap.
local verified = false

request = function()
  if not verified then
    verified = true
    return wrk.format("GET", "/health")
  end
  local n = #ids
  local id = ids[(i % n) + 1]
  local verb = (math.floor(i / n) % 2 == 0) and ":activate" or ":pause"
  i = i + 1
  return wrk.format("POST", "/goals/" .. id .. verb, headers, "{}")
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
