"""Rows of the scripts that run their own nodes after run.sh's loads, as table rows and latest.json metrics; used by
report.py: strangers.sh (issue 10), scale-out.sh (issue 14 scope 2) and query-memory.sh (issue 11 row 1, issue 14
scope 1). Each figure is judged beside the baseline measured in the same script run (numerator and denominator).
"""


def _errors(w):
    return w["err_status"] + w["err_connect"] + w["err_read"] + w["err_write"] + w["err_timeout"]


def _good_rps(w):
    """Only 2xx answers count."""
    return w["rps"] * (1 - _errors(w) / max(w["requests"], 1))


def _side(name, value, unit):
    return {"name": name, "value": value, "unit": unit}


def strangers(by, add):
    m = by.get("strangers")
    if not m:
        return
    r = m["result"]
    sec = "Strangers (issue 10): a node with default settings"
    add(sec, "strangers_p99_under_flood_ms", "legitimate p99 under a wrong-password flood", r["p99_flood_ms"], "ms", "< 50 ms",
        r["p99_flood_ms"] < 50, _side("strangers_p99_flood_ms", r["p99_flood_ms"], "ms"),
        _side("strangers_p99_alone_ms", r["p99_alone_ms"], "ms (the same client alone, just before)"),
        note=f"alone {r['p99_alone_ms']:.1f} ms; flood {r['flood_rps']:,.0f} wrong passwords/s from 3 addresses", fmt="{:.1f}")
    add(sec, "strangers_refusal_difference_ms", "refusal median: unknown name vs known name, difference", r["refusal_difference_ms"], "ms",
        "< 5 ms", r["refusal_difference_ms"] < 5, _side("strangers_refusal_unknown_ms", r["refusal_unknown_ms"], "ms"),
        _side("strangers_refusal_known_ms", r["refusal_known_ms"], "ms (one password hash)"),
        note=f"unknown {r['refusal_unknown_ms']:.1f} ms, known {r['refusal_known_ms']:.1f} ms", fmt="{:.1f}")


def scale_out(by, add):
    loads = {k: by[f"scale_out_{k}"]["wrk"] for k in ("sqlite", "pg1", "pg2_a", "pg2_b", "cap1", "cap2_a", "cap2_b")
             if f"scale_out_{k}" in by}
    if not loads:
        return
    sec = "Scale-out (issue 14 scope 2): POST encrypted volume, 32 connections per node, 2xx only"
    cpus = by["scale_out_cap"]["value"] if "scale_out_cap" in by else None
    for k, label in (("sqlite", "SQLite, one node"), ("pg1", "PostgreSQL, one node"), ("pg2_a", "PostgreSQL, node A of two"),
                     ("pg2_b", "PostgreSQL, node B of two"), ("cap1", f"PostgreSQL, one node on {cpus} CPU"),
                     ("cap2_a", f"PostgreSQL, node A of two, {cpus} CPU each"), ("cap2_b", f"PostgreSQL, node B of two, {cpus} CPU each")):
        if k in loads:
            w = loads[k]
            add(sec, f"scale_out_{k}_rps", label, _good_rps(w), "req/s",
                note=f"p50 {w['p50_us']/1e3:.1f} ms, p99 {w['p99_us']/1e3:.1f} ms, {_errors(w)} errors")
    if "pg1" in loads and "sqlite" in loads:
        pg1, sq = _good_rps(loads["pg1"]), _good_rps(loads["sqlite"])
        r = pg1 / sq if sq else 0
        add(sec, "scale_out_pg_over_sqlite", "PostgreSQL ÷ SQLite (one node each)", r, "x", ">= 0.8 x", r >= 0.8,
            _side("scale_out_pg1", pg1, "req/s"), _side("scale_out_sqlite", sq, "req/s"), fmt="{:.2f}")
    if "pg1" in loads and "pg2_a" in loads and "pg2_b" in loads:
        # Shown, not judged: unbudgeted, one node and its PostgreSQL backends already fill both cores (scale-out.sh).
        two, one = _good_rps(loads["pg2_a"]) + _good_rps(loads["pg2_b"]), _good_rps(loads["pg1"])
        r = two / one if one else 0
        add(sec, "scale_out_two_over_one_shared", "two PostgreSQL nodes (sum) ÷ one, sharing every CPU", r, "x",
            num=_side("scale_out_pg2_sum", two, "req/s"), den=_side("scale_out_pg1", one, "req/s"), fmt="{:.2f}")
    if "cap1" in loads and "cap2_a" in loads and "cap2_b" in loads:
        two, one = _good_rps(loads["cap2_a"]) + _good_rps(loads["cap2_b"]), _good_rps(loads["cap1"])
        r = two / one if one else 0
        add(sec, "scale_out_two_over_one", f"two PostgreSQL nodes (sum) ÷ one, {cpus} CPU per node", r, "x", "> 1.0 x", r > 1.0,
            _side("scale_out_cap2_sum", two, "req/s"), _side("scale_out_cap1", one, "req/s"), fmt="{:.2f}")
    elif "pg1" in loads:
        add(sec, "scale_out_two_over_one", "two PostgreSQL nodes (sum) ÷ one, a CPU budget per node", None, "x", "> 1.0 x",
            note="not measured: no writable CPU cgroup (run as root)")
    if "scale_out_store" in by:
        s = by["scale_out_store"]
        add(sec, "scale_out_orphans", "PostgreSQL volumes without their key, after the loads", s["orphans"], "volumes", "= 0",
            s["orphans"] == 0, note=f"{s['volumes']:,} volumes, {s['keys']:,} keys; {s['value']} writes retried after a serialization failure")


def query_memory(by, add):
    m = by.get("query_memory")
    if not m:
        return
    r = m["result"]
    kh, bare, rss = r["keyhold"], r["bare"], r["rss_mb"]
    sec = (f"Filtered read (issue 11 row 1): GET volumes fields=** comment=*x*, {r['volumes']:,} volumes ({r['matches']:,} match, "
           f"{r['body_bytes'] / 1e6:.1f} MB), {r['connections']} readonly clients, {r['duration_s']} s")
    add(sec, "query_memory_keyhold_rps", "Keyhold", kh["rps"], "req/s", note=f"p50 {kh['p50_us']/1e3:.0f} ms, {kh['requests']} requests",
        fmt="{:,.2f}")
    add(sec, "query_memory_bare_rps", "bare Kestrel, same bytes", bare["rps"], "req/s",
        note=f"p50 {bare['p50_us']/1e3:.0f} ms, {bare['requests']} requests", fmt="{:,.2f}")
    if bare["rps"]:
        add(sec, "query_memory_keyhold_over_bare", "Keyhold ÷ bare", kh["rps"] / bare["rps"], "x",
            num=_side("query_memory_keyhold", kh["rps"], "req/s"), den=_side("query_memory_bare", bare["rps"], "req/s"), fmt="{:.2f}")
    add(sec, "query_memory_errors", "Keyhold errors", _errors(kh), "requests", "= 0", _errors(kh) == 0)
    add(sec, "query_memory_rss_30s_mb", "RSS 30 s after the load", rss["idle_30s"], "MiB", "<= 300 MB", rss["idle_30s"] <= 300,
        _side("query_memory_rss_30s", rss["idle_30s"], "MiB"), _side("query_memory_rss_before", rss["before"], "MiB (idle, before the load)"),
        note=f"before {rss['before']:,.0f}, peak {rss['peak']:,.0f}, 10 s {rss['idle_10s']:,.0f}, 20 s {rss['idle_20s']:,.0f} MiB", fmt="{:,.0f}")


def rows(by, add):
    strangers(by, add)
    scale_out(by, add)
    query_memory(by, add)
