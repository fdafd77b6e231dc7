-- Appended to every scenario (dofile): prints the run as key=value lines for bench/run.sh.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("wrk_requests=%d\n", summary.requests))
  io.write(string.format("wrk_rps=%.1f\n", summary.requests / seconds))
  io.write(string.format("wrk_p50_ms=%.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("wrk_p99_ms=%.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("wrk_p999_ms=%.3f\n", latency:percentile(99.9) / 1000))
  io.write(string.format("wrk_non2xx=%d\n", e.status))
  io.write(string.format("wrk_socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
end

-- The first few answers that are not 2xx, on stderr (a scenario must have none).
local shown = 0
response = function(status, headers, body)
  if status >= 300 and shown < 3 then
    shown = shown + 1
    io.stderr:write(string.format("non-2xx answer %d: %s\n", status, body))
  end
end
