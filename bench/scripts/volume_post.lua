-- wrk: POST /api/storage/volumes, an encrypted volume with a unique name per request.
-- Names: bv_<BENCH_RUN_ID>_<thread>_<n>; BENCH_RUN_ID differs per wrk invocation (warm-up vs measured run).
-- SVM from BENCH_SVM (default vs1).
local script_dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(script_dir .. "report.lua")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local counter = 0
local prefix
local svm = os.getenv("BENCH_SVM") or "vs1"
function init(args)
  prefix = string.format("bv_%s_%d_", os.getenv("BENCH_RUN_ID") or tostring(os.time()), tid or 0)
end

-- wrk.format replaces wrk.headers (the -H options, i.e. the Basic auth) with the table it is given: copy them in.
local headers
function request()
  if headers == nil then
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/json"
  end
  counter = counter + 1
  local body = string.format('{"name":"%s%d","svm":{"name":"%s"},"encryption":{"enabled":true}}', prefix, counter, svm)
  return wrk.format("POST", nil, headers, body)
end
