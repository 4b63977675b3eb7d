-- wrk: the soak's mix (bench/soak.sh). Of every 8 requests a connection sends: 2 encrypted-volume POSTs (each makes a
-- key), 3 pages of volumes, 2 key-manager GETs (not key_backup, which
-- grows with every key made), 1 node list. Names soak_<run>_<thread>_<n>.
name_stem = "soak"
local script_dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(script_dir .. "unique_post.lua")

local reads = {
  "/api/storage/volumes?max_records=20&fields=*",
  "/api/security/key-managers?fields=onboard.enabled,scope",
  "/api/storage/volumes?max_records=20&fields=name,encryption&order_by=name%20desc",
  (os.getenv("SOAK_KM_PATH") or "/api/security/key-managers") .. "?fields=onboard.enabled,scope",
  "/api/storage/volumes?max_records=20&name=soak_*_1_*",
  "/api/cluster/nodes?fields=*",
}
function request()
  local name, counter = next_name()
  local slot = counter % 8
  if slot == 0 or slot == 4 then
    local body = string.format('{"name":"%s","svm":{"name":"vs1"},"encryption":{"enabled":true}}', name)
    return wrk.format("POST", "/api/storage/volumes", json_headers(), body)
  end
  return wrk.format("GET", reads[(counter % #reads) + 1], wrk.headers)
end
