-- wrk: POST /api/storage/volumes, an encrypted volume with a unique name per request (bv_<run>_<thread>_<n>).
-- SVM from BENCH_SVM (default vs1).
name_stem = "bv"
local script_dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(script_dir .. "unique_post.lua")

local svm = os.getenv("BENCH_SVM") or "vs1"
function request()
  local body = string.format('{"name":"%s","svm":{"name":"%s"},"encryption":{"enabled":true}}', next_name(), svm)
  return wrk.format("POST", nil, json_headers(), body)
end
