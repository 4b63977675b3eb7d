"""The scale curve of bench/scale.sh (issue 14) as table rows and latest.json metrics; used by report.py.

One row per store and size: create/get/page under wrk (32 connections), count, key-ID count, filter and the key-manager
GET one request at a time (median), start-up and RSS. Growth targets compare the largest SQLite size with 1,000 in
the same run: time per request may grow at most 1.5x (issue 5's page rule), since none of these answers grows. Time
per request is the server's CPU per request where the run measured it (wrk loads with WRK_CPU_PID; count, key-ID count
and filter under wrk at 1 connection): on a 2-core box shared with other work, wall-clock medians of sub-millisecond
requests and req/s move with the neighbours' load more than with the store, so those ratios are printed beside, as
information. Start-up is judged by its CPU and the bytes it read, not by the wall clock.
"""

import re

import report_kmget
GROWTH = 1.5


def _wrk_good_rps(w):
    e = w["err_status"] + w["err_connect"] + w["err_read"] + w["err_write"] + w["err_timeout"]
    return w["rps"] * (1 - e / max(1, w["requests"])), e


def collect(by):
    """{(store, size): {figure: value}} for every size scale.sh measured."""
    out = {}
    for name in by:
        if not (m := re.fullmatch(r"scale_startup_ms_(sqlite|postgres)_(\d+)", name)):
            continue
        store, size = m.group(1), int(m.group(2))
        tag = f"{store}_{size}"
        f = {"seed_s": by.get(f"scale_seed_{tag}", {}).get("result", {}).get("seconds"),
             "startup_ms": by[f"scale_startup_ms_{tag}"]["value"],
             "startup_cpu_ms": by.get(f"scale_startup_cpu_ms_{tag}", {}).get("value"),
             "startup_read_kb": by.get(f"scale_startup_read_kb_{tag}", {}).get("value"),
             "store_kb": by.get(f"scale_startup_read_kb_{tag}", {}).get("store_kb"),
             # what the store held when the row was measured (a size at the key cap keeps room for its creates)
             "volumes": by.get(f"scale_count_{tag}", {}).get("num_records"),
             "keys": by.get(f"scale_keycount_{tag}", {}).get("num_records")}
        for k in ("rss_idle", "rss_peak", "rss_after", "rss_peak_all", "rss_30s"):
            m = by.get(f"scale_{k}_kb_{tag}")
            f[k + "_mb"] = m["value"] / 1024 if m else None
        for k in ("create", "get", "page", "page_c1", "bare_page", "bare_page_c1"):
            m = by.get(f"scale_{k}_{tag}")
            if m:
                f[k + "_rps"], f[k + "_errors"] = _wrk_good_rps(m["wrk"])
                f[k + "_p50_ms"] = m["wrk"]["p50_us"] / 1e3
                f[k + "_cpu_us"] = m.get("cpu_us_per_req")
        for k in ("count", "keycount", "filter"):
            m = by.get(f"scale_{k}_c1_{tag}")
            if m:
                f[k + "_cpu_us"] = m.get("cpu_us_per_req")
                f[k + "_c1_rps"], f[k + "_c1_errors"] = _wrk_good_rps(m["wrk"])
        for k in ("count", "keycount", "filter", "kmget"):
            m = by.get(f"scale_{k}_{tag}", {})
            f[k + "_ms"] = m["median_s"] * 1e3 if m.get("median_s") is not None else None
            f[k + "_codes"] = m.get("codes")
            if m.get("skipped"):
                f[k + "_skipped"] = m["skipped"]
            if k == "kmget" and m.get("bytes") is not None:
                f["kmget_mb"] = m["bytes"] / 1e6
            if m.get("next") and k != "filter":
                # return_timeout ended the answer early: a next link, not the whole
                f[k + "_cut"] = f"answer cut short after {m['median_s']:.0f} s: num_records {m.get('num_records')}, next link"
        f["load"] = by.get(f"scale_load_{tag}", {}).get("value")
        out[(store, size)] = f
    return out


def rows(by, add):
    curve = collect(by)
    if not curve:
        return curve
    for (store, size), f in curve.items():
        sec = f"Scale curve: {store}, {size:,} encrypted volumes (load {f['load']})"
        if f.get("volumes") is not None:
            add(sec, f"scale_{store}_{size}_volumes", "volumes held (count's num_records)", f["volumes"], "",
                note=f"{f['keys']:,} keys" if f.get("keys") is not None else None)
        add(sec, f"scale_{store}_{size}_create_rps", "POST encrypted volume, c=32, 2xx only", f.get("create_rps"), "req/s",
            note=f"p50 {f.get('create_p50_ms', 0):.1f} ms, {f.get('create_errors', 0)} errors" + _cpu(f, "create"))
        add(sec, f"scale_{store}_{size}_get_rps", "GET one volume, c=32", f.get("get_rps"), "req/s",
            note=f"p50 {f.get('get_p50_ms', 0):.1f} ms, {f.get('get_errors', 0)} errors" + _cpu(f, "get"))
        add(sec, f"scale_{store}_{size}_page_rps", "GET 100-volume page fields=*, c=32", f.get("page_rps"), "req/s",
            note=f"p50 {f.get('page_p50_ms', 0):.1f} ms, {f.get('page_errors', 0)} errors" + _cpu(f, "page"), fmt="{:,.1f}")
        for c, k, b in ((1, "page_c1", "bare_page_c1"), (32, "page", "bare_page")):
            if f.get(k + "_rps") is not None and f.get(b + "_rps"):
                add(sec, f"scale_{store}_{size}_page_over_bare_c{c}", f"100-volume page / bare Kestrel, same bytes, c={c}",
                    f[k + "_rps"] / f[b + "_rps"], "x",
                    note=f"{f[k + '_rps']:,.1f} vs {f[b + '_rps']:,.0f} req/s, p50 {f[k + '_p50_ms']:.1f} vs {f[b + '_p50_ms']:.1f} ms",
                    fmt="{:.2f}")
        for k, label in (("count", "count volumes (return_records=false)"), ("keycount", "count key IDs (return_records=false)"),
                         ("filter", "filter name=sv000001* (10 records)")):
            add(sec, f"scale_{store}_{size}_{k}_ms", label + ", median", f[k + "_ms"], "ms", fmt="{:,.1f}",
                note=("skipped: " + f[k + "_skipped"]) if f.get(k + "_skipped") else (f.get(k + "_cut") or _cpu(f, k).lstrip(", ") or None))
        if f.get("kmget_skipped"):
            add(sec, f"scale_{store}_{size}_kmget_ms", "GET key-managers fields=*, median", None, "ms", note="skipped: " + f["kmget_skipped"])
        else:
            add(sec, f"scale_{store}_{size}_kmget_ms", "GET key-managers fields=*, median", f["kmget_ms"], "ms",
                note=f.get("kmget_cut") or f"{f.get('kmget_mb', 0):,.1f} MB body", fmt="{:,.1f}")
        add(sec, f"scale_{store}_{size}_seed_s", "seeding (Keyhold.Bench seed-volumes)", f["seed_s"], "s", fmt="{:,.1f}")
        add(sec, f"scale_{store}_{size}_startup_ms", "start-up to first 200", f["startup_ms"], "ms",
            note=(f"CPU {f['startup_cpu_ms']:,} ms, read {f['startup_read_kb'] / 1024:,.1f} MiB of a {f['store_kb'] / 1024:,.0f} MiB data folder"
                  if f.get("startup_cpu_ms") is not None and f.get("startup_read_kb") is not None and f.get("store_kb") else None))
        add(sec, f"scale_{store}_{size}_rss_mb", "RSS idle / peak / 30 s after loads", f["rss_idle_mb"], "MiB",
            note=f"peak {f['rss_peak_all_mb'] or 0:,.0f} MiB" + (f", 30 s after {f['rss_30s_mb']:,.0f} MiB" if f["rss_30s_mb"] else ""),
            fmt="{:,.0f}")
        if f["rss_30s_mb"] is not None:
            add(sec, f"scale_{store}_{size}_rss_30s_mb", "RSS 30 s after the loads", f["rss_30s_mb"], "MiB", "<= 300 MB",
                f["rss_30s_mb"] <= 300, fmt="{:,.0f}")
    report_kmget.rows(by, add)
    sizes = sorted(s for (st, s) in curve if st == "sqlite")
    if len(sizes) > 1 and sizes[0] == 1000:
        # The largest size's rows keep their plain names (scale_growth_get, ...); a size between (100,000 in the
        # 1,000,000 curve) gets its own, suffixed with the size.
        for size in sizes[1:]:
            _growth(add, curve[("sqlite", 1000)], curve[("sqlite", size)], size, "" if size == sizes[-1] else f"_{size}")
        _page_over_bare(add, curve[("sqlite", sizes[-1])], sizes[-1])
    return curve


def _cpu(f, k):
    return f", {f[k + '_cpu_us']:,.0f} µs CPU per request" if f.get(k + "_cpu_us") else ""


def _growth(add, lo, hi, size, suffix):
    """Time per request at SIZE over at 1,000 (SQLite, same run): the server's CPU per request where both sides have it
    (the target rows), else wrk loads as 1/throughput and one-at-a-time medians; the wall-clock ratios beside."""
    sec = f"Scale curve: time per request at {size:,} / at 1,000 (SQLite, same run)"
    cpu_labels = (("get", "GET one volume (CPU per request, c=32)"), ("page", "100-volume page (CPU per request, c=32)"),
                  ("create", "POST encrypted volume (CPU per request, c=32)"), ("count", "count volumes (CPU per request, c=1)"),
                  ("keycount", "count key IDs (CPU per request, c=1)"), ("filter", "filter (CPU per request, c=1)"))
    by_cpu = set()
    for k, label in cpu_labels:
        if lo.get(k + "_cpu_us") and hi.get(k + "_cpu_us") and not (k == "create" and hi.get("create_rps") == 0):
            r = hi[k + "_cpu_us"] / lo[k + "_cpu_us"]
            add(sec, f"scale_growth_{k}{suffix}", label, r, "x", f"<= {GROWTH} x", r <= GROWTH,
                {"name": f"scale_{k}_sqlite_{size}", "value": hi[k + "_cpu_us"], "unit": "µs CPU/req"},
                {"name": f"scale_{k}_sqlite_1000", "value": lo[k + "_cpu_us"], "unit": "µs CPU/req"}, fmt="{:.2f}",
                note=f"{lo[k + '_cpu_us']:,.0f} -> {hi[k + '_cpu_us']:,.0f} µs")
            by_cpu.add(k)
    if lo.get("startup_cpu_ms") and hi.get("startup_cpu_ms"):
        r = hi["startup_cpu_ms"] / lo["startup_cpu_ms"]
        add(sec, f"scale_growth_startup{suffix}", "start-up (CPU to the first 200)", r, "x", f"<= {GROWTH} x", r <= GROWTH,
            {"name": f"scale_startup_cpu_ms_sqlite_{size}", "value": hi["startup_cpu_ms"], "unit": "ms"},
            {"name": "scale_startup_cpu_ms_sqlite_1000", "value": lo["startup_cpu_ms"], "unit": "ms"}, fmt="{:.2f}",
            note=f"read {lo['startup_read_kb'] / 1024:,.1f} -> {hi['startup_read_kb'] / 1024:,.1f} MiB; wall {lo['startup_ms']:,} -> {hi['startup_ms']:,} ms"
            if lo.get("startup_read_kb") is not None and hi.get("startup_read_kb") is not None else None)
    for k, label in (("get", "GET one volume (1/throughput, c=32)"), ("page", "100-volume page (1/throughput, c=32)"),
                     ("create", "POST encrypted volume (1/throughput, c=32)")):
        name, target = (f"scale_growth_{k}_wall{suffix}", None) if k in by_cpu else (f"scale_growth_{k}{suffix}", f"<= {GROWTH} x")
        label += ", wall clock" if k in by_cpu else ""
        if lo.get(k + "_rps") and hi.get(k + "_rps") == 0:
            add(sec, f"scale_growth_{k}{suffix}", label, None, "x", f"<= {GROWTH} x", False,
                note=f"no answer completed within the {size:,}-volume run")
        elif hi.get(k + "_rps") and lo.get(k + "_rps"):
            r = lo[k + "_rps"] / hi[k + "_rps"]
            add(sec, name, label, r, "x", target, (r <= GROWTH) if target else None,
                {"name": f"scale_{k}_sqlite_{size}", "value": hi[k + "_rps"], "unit": "req/s"},
                {"name": f"scale_{k}_sqlite_1000", "value": lo[k + "_rps"], "unit": "req/s"}, fmt="{:.2f}")
    for k, label in (("count", "count volumes"), ("keycount", "count key IDs"), ("filter", "filter"), ("kmget", "GET key-managers fields=*")):
        name, target = (f"scale_growth_{k}_wall{suffix}", None) if k in by_cpu else (f"scale_growth_{k}{suffix}", f"<= {GROWTH} x")
        label += ", wall clock" if k in by_cpu else ""
        if k != "kmget" and (hi.get(k + "_skipped") or hi.get(k + "_ms") is None) and lo.get(k + "_ms"):
            # Not measured at this size because it grew too much before: that is a MISS, not a missing row.
            add(sec, f"scale_growth_{k}{suffix}", label + " (median)", None, "x", f"<= {GROWTH} x", False,
                note="skipped: " + hi[k + "_skipped"] if hi.get(k + "_skipped") else f"no answer at {size:,}")
        elif hi.get(k + "_ms") and lo.get(k + "_ms"):
            r = hi[k + "_ms"] / lo[k + "_ms"]
            target = target if k != "kmget" else None
            add(sec, name, label + " (median)", r, "x", target, (r <= GROWTH) if target else None,
                {"name": f"scale_{k}_sqlite_{size}", "value": hi[k + "_ms"], "unit": "ms"},
                {"name": f"scale_{k}_sqlite_1000", "value": lo[k + "_ms"], "unit": "ms"},
                note="the body grows with the keys: no target" if k == "kmget" else hi.get(k + "_cut"), fmt="{:.2f}")


def _page_over_bare(add, hi, size):
    """Issue 14 scope 3: the page beside bare Kestrel sending the same bytes, at the largest size, in this run."""
    sec = f"Scale curve: 100-volume page fields=* / bare Kestrel at {size:,} (SQLite, same run)"
    for c, k, b in ((1, "page_c1", "bare_page_c1"), (32, "page", "bare_page")):
        if hi.get(b + "_rps"):
            r = (hi.get(k + "_rps") or 0) / hi[b + "_rps"]
            add(sec, f"scale_page_over_bare_c{c}", f"page / bare, c={c}", r, "x", ">= 0.5 x", r >= 0.5,
                {"name": f"scale_{k}_sqlite_{size}", "value": hi.get(k + "_rps"), "unit": "req/s"},
                {"name": f"scale_{b}_sqlite_{size}", "value": hi[b + "_rps"], "unit": "req/s"}, fmt="{:.2f}")


def markdown(curve):
    """The curve as a Markdown table (README's Performance section)."""
    head = ("| store | size | volumes held | create/s (c=32) | get/s (c=32) | page/s (c=32) | count ms | key-ID count ms | filter ms "
            "| key-manager GET ms (MB) | start-up ms (CPU ms, MiB read) | RSS idle / peak / 30 s MiB |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def n(v, fmt="{:,.0f}"):
        return "–" if v is None else fmt.format(v)
    for (store, size), f in sorted(curve.items(), key=lambda kv: (kv[0][0] != "sqlite", kv[0][1])):
        km = "skipped¹" if f.get("kmget_skipped") else f"{n(f['kmget_ms'])} ({n(f.get('kmget_mb'), '{:,.1f}')})"
        c, kc, fl = (("skipped¹" if f.get(k + "_skipped") else n(f[k + "_ms"], "{:,.1f}") + ("²" if f.get(k + "_cut") else ""))
                     for k in ("count", "keycount", "filter"))
        if f.get("kmget_cut"):
            km = f"{n(f['kmget_ms'])}²"
        start = n(f["startup_ms"])
        if f.get("startup_cpu_ms") is not None and f.get("startup_read_kb") is not None:
            start += f" ({n(f['startup_cpu_ms'])}, {f['startup_read_kb'] / 1024:,.1f})"
        lines.append(f"| {store} | {size:,} | {n(f.get('volumes'))} | {n(f.get('create_rps'))} | {n(f.get('get_rps'))} | {n(f.get('page_rps'), '{:,.1f}')} "
                     f"| {c} | {kc} | {fl} | {km} "
                     f"| {start} | {n(f['rss_idle_mb'])} / {n(f['rss_peak_all_mb'])} / {n(f['rss_30s_mb'])} |")
    skips = sorted({f[k] for f in curve.values() for k in f if k.endswith("_skipped")})
    if skips:
        lines += ["", "¹ not tried, so as not to take the shared box's memory or time: " + "; ".join(skips) + "."]
    if any(k.endswith("_cut") for f in curve.values() for k in f):
        lines += ["", "² cut short by `return_timeout`: the answer had a `next` link instead of the whole."]
    cpu = [(store, size, f) for (store, size), f in sorted(curve.items()) if any(f.get(k + "_cpu_us") for k in ("get", "count"))]
    if cpu:
        lines += ["", "Server CPU µs per request (what the growth targets compare):", "",
                  "| store | size | create | get | page | count | key-ID count | filter |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for store, size, f in cpu:
            lines.append(f"| {store} | {size:,} | " + " | ".join(n(f.get(k + "_cpu_us")) for k in ("create", "get", "page", "count", "keycount", "filter")) + " |")
    return "\n".join(lines)
