-- wrk: the soak's mix (bench/soak.sh). Of every 8 requests a connection sends: 2 encrypted-volume POSTs (each makes a
-- key), 3 pages of volumes, 2 key-manager GETs (not key_backup, which
-- grows with every key made), 1 node list. Names soak_<run>_<thread>_<n>.
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
  prefix = string.format("soak_%s_%d_", os.getenv("BENCH_RUN_ID") or tostring(os.time()), tid or 0)
end

-- wrk.format replaces wrk.headers (the -H options, i.e. the Basic auth) with the table it is given: copy them in.
local headers
local reads = {
  "/api/storage/volumes?max_records=20&fields=*",
  "/api/security/key-managers?fields=onboard.enabled,scope",
  "/api/storage/volumes?max_records=20&fields=name,encryption&order_by=name%20desc",
  (os.getenv("SOAK_KM_PATH") or "/api/security/key-managers") .. "?fields=onboard.enabled,scope",
  "/api/storage/volumes?max_records=20&name=soak_*_1_*",
  "/api/cluster/nodes?fields=*",
}
function request()
  if headers == nil then
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/json"
  end
  counter = counter + 1
  local slot = counter % 8
  if slot == 0 or slot == 4 then
    local body = string.format('{"name":"%s%d","svm":{"name":"vs1"},"encryption":{"enabled":true}}', prefix, counter)
    return wrk.format("POST", "/api/storage/volumes", headers, body)
  end
  return wrk.format("GET", reads[(counter % #reads) + 1], wrk.headers)
end
