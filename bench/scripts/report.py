#!/usr/bin/env python3
"""report.py METRICS.jsonl [OUT.json]: turn run.sh's raw measurements into the table (stdout) and, given OUT.json, into
OUT.json and OUT.md (latest.json, latest.md). A script run alone (scale.sh, scale-out.sh, strangers.sh, query-memory.sh)
prints its own rows with it.

Every ratio is taken between two figures measured in the same run, side by side, so the noise of a shared
2-core machine mostly cancels. Targets come from issue 5; each gets PASS or MISS (or n/a when not measured).
"""
import json
import statistics
import sys
import time

import report_markdown
import report_peers
import report_scale
import report_sidecars

raw = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = {m["name"]: m for m in raw}
rows = []      # printed table
metrics = []   # latest.json


def add(section, name, label, value, unit, target=None, ok=None, num=None, den=None, note=None, fmt="{:,.0f}"):
    status = "n/a" if ok is None else ("PASS" if ok else "MISS")
    m = {"name": name, "label": label, "value": value, "unit": unit}
    if target:
        m["target"] = target
        m["status"] = status
    if num:
        m["numerator"] = num
    if den:
        m["denominator"] = den
    if note:
        m["note"] = note
    metrics.append(m)
    shown = "-" if value is None else (fmt.format(value) if isinstance(value, (int, float)) else str(value))
    rows.append((section, label, shown + ("" if value is None else " " + unit), target or "", status if target else "", note or ""))


def wrk(name):
    m = by.get(name)
    return m["wrk"] if m else None


def side(name, field="rps", unit="req/s"):
    w = wrk(name)
    return {"name": name, "value": w[field] if w else None, "unit": unit}


def errs(w):
    return w["err_status"] + w["err_connect"] + w["err_read"] + w["err_write"] + w["err_timeout"]


# ------------------------------------------------------------------ HTTP: GET one key manager
for c in (1, 32):
    k, b = wrk(f"km_get_keyhold_c{c}"), wrk(f"km_get_bare_c{c}")
    if not k:
        continue
    sec = f"GET key manager fields=* (c={c})"
    add(sec, f"km_get_keyhold_c{c}_rps", "Keyhold", k["rps"], "req/s",
        note=f"p50 {k['p50_us']/1e3:.2f} ms, p99 {k['p99_us']/1e3:.2f} ms" + (f", {errs(k)} errors" if errs(k) else ""))
    add(sec, f"km_get_bare_c{c}_rps", "bare Kestrel, same bytes", b["rps"], "req/s",
        note=f"p50 {b['p50_us']/1e3:.2f} ms, p99 {b['p99_us']/1e3:.2f} ms")
    r = k["rps"] / b["rps"]
    add(sec, f"km_get_keyhold_over_bare_c{c}", "Keyhold / bare", r, "x", ">= 0.5 x", r >= 0.5,
        side(f"km_get_keyhold_c{c}"), side(f"km_get_bare_c{c}"), fmt="{:.2f}")
    p99 = k["p99_us"] / 1e3
    if c == 32:
        add(sec, "km_get_keyhold_c32_p99_ms", "Keyhold p99", p99, "ms", "<= 10 ms", p99 <= 10, fmt="{:.2f}")

# ------------------------------------------------------------------ HTTP: page of 100 records
for c in (1, 32):
    k1, k100, b = wrk(f"page_1k_keyhold_c{c}"), wrk(f"page_100k_keyhold_c{c}"), wrk(f"page_bare_c{c}")
    if not k1:
        continue
    sec = f"GET 100-record page fields=* (c={c})"
    for name, w, label in ((f"page_1k_keyhold_c{c}", k1, "Keyhold, 1,000 records in store"),
                           (f"page_100k_keyhold_c{c}", k100, "Keyhold, 100,000 records in store"),
                           (f"page_bare_c{c}", b, "bare Kestrel, same bytes")):
        add(sec, name + "_rps", label, w["rps"], "req/s",
            note=f"p50 {w['p50_us']/1e3:.2f} ms, p99 {w['p99_us']/1e3:.2f} ms" + (f", {errs(w)} errors" if errs(w) else ""))
    # Issue 14 scope 3: a 100-record page at >= 0.5x bare Kestrel sending the same bytes (bench/scale.sh has the volumes').
    r = k1["rps"] / b["rps"]
    add(sec, f"page_1k_keyhold_over_bare_c{c}", "Keyhold(1k) / bare", r, "x", ">= 0.5 x", r >= 0.5,
        num=side(f"page_1k_keyhold_c{c}"), den=side(f"page_bare_c{c}"), fmt="{:.2f}")
    # time per request at 100k over time per request at 1k (= inverse throughput ratio)
    r = k1["rps"] / k100["rps"]
    add(sec, f"page_100k_over_1k_time_c{c}", "time/request 100k / 1k", r, "x", "<= 1.5 x", r <= 1.5,
        num={"name": f"page_100k_keyhold_c{c}", "value": 1e3 / k100["rps"], "unit": "ms/req (1/throughput)"},
        den={"name": f"page_1k_keyhold_c{c}", "value": 1e3 / k1["rps"], "unit": "ms/req (1/throughput)"},
        note=f"p50 {k100['p50_us']/1e3:.2f} vs {k1['p50_us']/1e3:.2f} ms", fmt="{:.2f}")

# ------------------------------------------------------------------ HTTP: volume POST
sec = "POST encrypted volume"
if "volume_post_available" in by:
    add(sec, "volume_post_rps", "POST /api/storage/volumes", None, "req/s", ">= 2,000/s", None,
        note="not available yet (" + by["volume_post_available"].get("note", "") + ")")
else:
    for c in (1, 32):
        w = wrk(f"volume_post_c{c}")
        if not w:
            continue
        good = w["rps"] * (1 - errs(w) / max(1, w["requests"]))
        add(sec, f"volume_post_c{c}_rps", f"c={c}, 2xx only", good, "req/s",
            ">= 2,000/s" if c == 32 else None, (good >= 2000) if c == 32 else None,
            note=f"p50 {w['p50_us']/1e3:.2f} ms, p99 {w['p99_us']/1e3:.2f} ms, {errs(w)} non-2xx/errors of {w['requests']}")

# ------------------------------------------------------------------ process
sec = "Process"
if "startup_ms" in by:
    s = by["startup_ms"]
    add(sec, "startup_ms", "start to first 200 (median)", s["value"], "ms", "<= 1,500 ms", s["value"] <= 1500,
        note="samples " + ", ".join(map(str, s.get("samples", []))))
for key, label, target in (("rss_idle_kb", "RSS idle (1k store)", True), ("rss_idle_100k_kb", "RSS idle (100k store)", False),
                           ("rss_after_loads_kb", "RSS after loads (1k store)", False),
                           ("rss_after_loads_100k_kb", "RSS after loads (100k store)", False)):
    if key in by:
        mb = by[key]["value"] / 1024
        add(sec, key.replace("_kb", "_mib"), label, mb, "MiB", "<= 150 MB" if target else None,
            (mb <= 150) if target else None, note=by[key].get("process"), fmt="{:.0f}")

# ------------------------------------------------------------------ KMIP
cs = [m["result"] for m in raw if m.get("kind") == "kmip_cs"]
py = [m["result"] for m in raw if m.get("kind") == "kmip_py"]
if cs and py:
    sec = "KMIP Create+Get vs PyKMIP server"
    cs1 = statistics.median(r["single_pairs_per_s"] for r in cs)
    csb = statistics.median(r["batch_pairs_per_s"] for r in cs)
    py1 = statistics.median(r["single_pairs_per_s"] for r in py)
    pyn = statistics.median(r["per_pair_connection_pairs_per_s"] for r in py)
    n = len(cs)
    add(sec, "kmip_keyhold_single_pairs_per_s", "Keyhold.Kmip, one connection", cs1, "pairs/s",
        note=f"median of {n}; create p50 {statistics.median(r['single_create_p50_ms'] for r in cs):.1f} ms, get p50 {statistics.median(r['single_get_p50_ms'] for r in cs):.1f} ms", fmt="{:.1f}")
    add(sec, "kmip_keyhold_batch_pairs_per_s", f"Keyhold.Kmip, batches of {cs[0]['batch']}", csb, "pairs/s", note=f"median of {n}", fmt="{:.1f}")
    add(sec, "kmip_pykmip_single_pairs_per_s", "PyKMIP client, one connection", py1, "pairs/s",
        note=f"median of {len(py)}; per-pair connection {pyn:.1f} pairs/s", fmt="{:.1f}")
    add(sec, "kmip_keyhold_over_pykmip_single", "Keyhold.Kmip / PyKMIP (one conn)", cs1 / py1, "x", ">= 1.0 x", cs1 / py1 >= 1.0,
        {"name": "kmip_keyhold_single_pairs_per_s", "value": cs1, "unit": "pairs/s"},
        {"name": "kmip_pykmip_single_pairs_per_s", "value": py1, "unit": "pairs/s"}, fmt="{:.2f}")
    add(sec, "kmip_keyhold_batch_over_pykmip_single", "Keyhold.Kmip batched / PyKMIP (one conn)", csb / py1, "x",
        num={"name": "kmip_keyhold_batch_pairs_per_s", "value": csb, "unit": "pairs/s"},
        den={"name": "kmip_pykmip_single_pairs_per_s", "value": py1, "unit": "pairs/s"}, fmt="{:.2f}")

# ------------------------------------------------------------------ Keyhold's KMIP server (issue 9)
ks = [m["result"] for m in raw if m.get("kind") == "kmip_server_cs"]
kp = [m["result"] for m in raw if m.get("kind") == "kmip_server_py"]
kl = {m["result"]["operation"]: m["result"] for m in raw if m.get("kind") == "kmip_server_load"}
sec = "Keyhold's KMIP server vs PyKMIP server"
if ks and cs and py:
    k1 = statistics.median(r["single_pairs_per_s"] for r in ks)
    add(sec, "kmip_server_keyhold_pairs_per_s", "Keyhold.Kmip -> Keyhold server, one conn", k1, "pairs/s",
        note=f"median of {len(ks)}; create p50 {statistics.median(r['single_create_p50_ms'] for r in ks):.2f} ms, get p50 {statistics.median(r['single_get_p50_ms'] for r in ks):.2f} ms", fmt="{:.1f}")
    add(sec, "kmip_server_keyhold_over_pykmip", "Keyhold server / PyKMIP server (Keyhold.Kmip)", k1 / cs1, "x", ">= 20 x", k1 / cs1 >= 20,
        {"name": "kmip_server_keyhold_pairs_per_s", "value": k1, "unit": "pairs/s"},
        {"name": "kmip_keyhold_single_pairs_per_s", "value": cs1, "unit": "pairs/s"}, fmt="{:.1f}")
parts = [m["result"] for m in raw if m.get("kind") == "kmip_parts"]
probe = [m["result"] for m in raw if m.get("kind") == "fsync_probe"]
if parts:
    p = parts[-1]
    disk = f"; one durable SQLite commit on this disk {probe[-1]['sqlite_full_commit_p50_us']:.0f} us, fdatasync {probe[-1]['fdatasync_4k_p50_us']:.0f} us (p50, before the rounds)" if probe else ""
    add(sec, "kmip_server_pair_p50_us", "One pair in parts (p50, warm, interleaved)", p["pair_p50_us"], "us",
        note=f"discover {p['discover_p50_us']:.0f}, get of an old key {p['get_old_p50_us']:.0f}, create {p['create_p50_us']:.0f}, "
             f"get after create {p['get_fresh_p50_us']:.0f} us; {p['pairs_per_s_from_mean']:.0f} pairs/s from the mean{disk}")
if kp and cs and py:
    kp1 = statistics.median(r["single_pairs_per_s"] for r in kp)
    add(sec, "kmip_server_keyhold_pyclient_pairs_per_s", "PyKMIP client -> Keyhold server, one conn", kp1, "pairs/s",
        note=f"median of {len(kp)}; per-pair connection {statistics.median(r['per_pair_connection_pairs_per_s'] for r in kp):.1f} pairs/s", fmt="{:.1f}")
    add(sec, "kmip_server_pyclient_keyhold_over_pykmip", "PyKMIP client: Keyhold server / PyKMIP server", kp1 / py1, "x",
        num={"name": "kmip_server_keyhold_pyclient_pairs_per_s", "value": kp1, "unit": "pairs/s"},
        den={"name": "kmip_pykmip_single_pairs_per_s", "value": py1, "unit": "pairs/s"}, fmt="{:.1f}")
if "get" in kl:
    g = kl["get"]
    sec = "Keyhold's KMIP server, 32 connections"
    add(sec, "kmip_server_get32_ops_per_s", "Get, 32 connections", g["ops_per_s"], "ops/s", ">= 10,000/s", g["ops_per_s"] >= 10_000,
        note=f"{g['ops']:,} ops in {g['seconds']:.1f} s, {g['errors']} errors")
    add(sec, "kmip_server_get32_p99_ms", "Get, 32 connections, p99", g["p99_ms"], "ms", "<= 10 ms", g["p99_ms"] <= 10,
        note=f"p50 {g['p50_ms']:.2f} ms, max {g['max_ms']:.1f} ms", fmt="{:.2f}")
if "create" in kl:
    c = kl["create"]
    add(sec, "kmip_server_create32_ops_per_s", "Create, 32 connections (durable)", c["ops_per_s"], "ops/s", ">= 2,000/s", c["ops_per_s"] >= 2_000,
        note=f"p50 {c['p50_ms']:.2f} ms, p99 {c['p99_ms']:.2f} ms, {c['errors']} errors; SQLite synchronous=FULL, acknowledged after commit")
if "rss_after_kmip_kb" in by:
    add("Process", "rss_after_kmip_mib", "RSS after KMIP loads", by["rss_after_kmip_kb"]["value"] / 1024, "MiB",
        note=by["rss_after_kmip_kb"].get("process"), fmt="{:.0f}")

# ------------------------------------------------------------------ issue 14: Barbican beside Keyhold, the scale curve
peers = report_peers.rows(by, add)
curve = report_scale.rows(by, add)
report_sidecars.rows(by, add)

# ------------------------------------------------------------------ micro
if "micro" in by:
    mr = by["micro"]["result"]
    sec = "Micro (BenchmarkDotNet short, in-process)"

    def ns(k):
        return mr[k]["mean_ns"]

    def alloc(k):
        return mr[k]["allocated_bytes"]

    for k, label in (("KmipCodec.EncodeGetRequest", "client encode Get request"),
                     ("KmipCodec.DecodeGetResponse", "client decode Get response"),
                     ("KmipCodec.EncodeGetResponse", "TtlvWriter encode Get response")):
        add(sec, "micro_" + k, label, ns(k) / 1e3, "us", note=f"{alloc(k):,} B allocated", fmt="{:.2f}")
    both = (ns("KmipCodec.EncodeGetRequest") + ns("KmipCodec.DecodeGetResponse")) / 1e3
    add(sec, "micro_kmip_client_encode_decode_us", "client encode+decode per Get", both, "us", "<= 20 us", both <= 20,
        note=f"{alloc('KmipCodec.EncodeGetRequest') + alloc('KmipCodec.DecodeGetResponse'):,} B allocated", fmt="{:.2f}")
    add(sec, "micro_KeyWrap.Wrap", "RootKey.WrapDataKey", 1e9 / ns("KeyWrap.Wrap"), "ops/s",
        note=f"{ns('KeyWrap.Wrap')/1e3:.2f} us, {alloc('KeyWrap.Wrap')} B")
    u = 1e9 / ns("KeyWrap.Unwrap")
    add(sec, "micro_KeyWrap.Unwrap", "RootKey.UnwrapDataKey (one core)", u, "ops/s", ">= 150,000/s", u >= 150_000,
        note=f"{ns('KeyWrap.Unwrap')/1e3:.2f} us, {alloc('KeyWrap.Unwrap')} B")
    for k, label in (("OntapEngine.ProjectStar10k", "fields=* Project x10,000 records"),
                     ("OntapEngine.Filter10k", "CollectionQuery.Parse + 5 filters x10,000")):
        add(sec, "micro_" + k, label, ns(k) / 1e6, "ms",
            note=f"{ns(k)/1e4:.0f} ns and {alloc(k)/1e4:,.0f} B per record", fmt="{:.2f}")

meta = by.get("run_seconds", {})

# ------------------------------------------------------------------ print
if not rows:
    sys.exit(f"{sys.argv[1]}: no figures to report")
w1 = max(len(r[1]) for r in rows)
w2 = max(len(r[2]) for r in rows)
w3 = max(len(r[3]) for r in rows)
print()
head = [f"git {meta.get('git', '?')}", f"{meta.get('cpus', '?')} CPUs"]
if "duration_s" in meta:
    head.append(f"wrk {meta.get('warmup_s', '?')} s warm-up + {meta['duration_s']} s per load")
if "total_s" in meta:
    head.append(f"total {meta['total_s']} s")
print(f"Keyhold benchmarks  ({', '.join(head)})")
print(f"  load average {meta.get('loadavg_start', '?')} at the start, {meta.get('loadavg_end', '?')} at the end"
      if "loadavg_start" in meta else f"  load average {meta.get('loadavg_end', '?')} at the end")
if meta.get("keyhold_env"):
    print(f"  keyhold env override: {meta['keyhold_env']}")
last = None
for sec, label, value, target, status, note in rows:
    if sec != last:
        print(f"\n== {sec}")
        last = sec
    print(f"  {label:<{w1}}  {value:>{w2}}  {target:<{w3}}  {status:<4}  {note}")
targets = [m for m in metrics if "target" in m]
print(f"\nTargets: {sum(m['status'] == 'PASS' for m in targets)} PASS, {sum(m['status'] == 'MISS' for m in targets)} MISS, "
      f"{sum(m['status'] == 'n/a' for m in targets)} n/a")

if len(sys.argv) < 3:
    sys.exit(0)
with open(sys.argv[2], "w") as f:
    json.dump({"generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "run": meta, "metrics": metrics, "raw": raw}, f, indent=2)
print(f"figures written to {sys.argv[2]}")
md = sys.argv[2][:-len(".json")] + ".md" if sys.argv[2].endswith(".json") else sys.argv[2] + ".md"
with open(md, "w") as f:
    f.write(report_markdown.render(meta, metrics, peers, curve))
print(f"Markdown table written to {md}")
