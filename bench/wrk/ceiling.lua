-- GET / against traction-ceiling (a fixed 60-byte JSON answer).
request = function()
  return wrk.format("GET", "/")
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
