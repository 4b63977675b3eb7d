-- wrk: what the scripts that POST uniquely named records share (volume_post.lua, soak_mix.lua), dofile()'d by them
-- after they set `name_stem`. Loads report.lua (the figures as one JSON line), numbers wrk's threads, and gives
-- next_name() (<name_stem>_<BENCH_RUN_ID>_<thread>_<n>: BENCH_RUN_ID differs per wrk invocation, warm-up vs measured)
-- and json_headers() (wrk.headers, i.e. the -H Basic auth, plus Content-Type: wrk.format replaces wrk.headers with
-- the table it is given).
local script_dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(script_dir .. "report.lua")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local counter = 0
local prefix
function init(args)
  prefix = string.format("%s_%s_%d_", name_stem, os.getenv("BENCH_RUN_ID") or tostring(os.time()), tid or 0)
end

function next_name()
  counter = counter + 1
  return prefix .. counter, counter
end

local headers
function json_headers()
  if headers == nil then
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/json"
  end
  return headers
end
