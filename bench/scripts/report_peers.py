"""Barbican beside Keyhold (issue 14) as table rows and latest.json metrics; used by report.py.

A 256-bit key stored and fetched, 1 and 32 clients, all in one run:
  Barbican   POST /v1/secrets, GET /v1/secrets/{id}/payload (its own bench.py, successful operations per second)
  Keyhold    REST: POST an encrypted volume (the VEK is made, wrapped and stored), GET the key's key-ID record
             KMIP: Register 32 bytes, Get the key (material back), on Keyhold's KMIP server
Target: Keyhold >= 40x Barbican at 32 clients with 0 Keyhold failures, for each pair.
"""

TARGET = 40.0


def _wrk(by, name):
    m = by.get(name)
    if not m:
        return None
    w = m["wrk"]
    e = w["err_status"] + w["err_connect"] + w["err_read"] + w["err_write"] + w["err_timeout"]
    return {"ops": w["rps"] * (1 - e / max(1, w["requests"])), "errors": e, "p50_ms": w["p50_us"] / 1e3, "p99_ms": w["p99_us"] / 1e3}


def _kmip(by, name):
    m = by.get(name)
    if not m:
        return None
    r = m["result"]
    return {"ops": r["ops_per_s"], "errors": r["errors"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"]}


def collect(by):
    b = by.get("barbican", {})
    barbican = {}
    for run in b.get("result") or []:
        for op in ("store", "fetch"):
            m = run[op]
            barbican[(op, run["threads"])] = {"ops": m["ops_per_s"], "errors": m["errors"], "p50_ms": m["p50_ms"],
                                              "p99_ms": m["p99_ms"], "first_error": m.get("first_error")}
    keyhold = {}
    for c in (1, 32):
        keyhold[("rest", "store", c)] = _wrk(by, f"volume_post_c{c}")
        keyhold[("rest", "fetch", c)] = _wrk(by, f"keyid_get_c{c}")
        keyhold[("kmip", "store", c)] = _kmip(by, f"kmip_peer_register_c{c}")
        keyhold[("kmip", "fetch", c)] = _kmip(by, f"kmip_peer_get_c{c}")
    return {"barbican": barbican, "keyhold": keyhold, "skipped": b.get("skipped"), "processes": b.get("processes")}


LABELS = {("rest", "store"): "REST POST encrypted volume", ("rest", "fetch"): "REST GET key-ID record",
          ("kmip", "store"): "KMIP Register AES-256", ("kmip", "fetch"): "KMIP Get (material)"}


def rows(by, add):
    p = collect(by)
    if p["skipped"]:
        add("Barbican beside Keyhold", "barbican", "Barbican", None, "ops/s", note="skipped: " + p["skipped"])
        return p
    if not p["barbican"]:
        return p
    for c in (1, 32):
        sec = f"Barbican beside Keyhold, 256-bit key, {c} client{'s' if c > 1 else ''}"
        for op, what in (("store", "POST /v1/secrets"), ("fetch", "GET /v1/secrets/{id}/payload")):
            b = p["barbican"].get((op, c if c == 1 else 32))
            if b:
                add(sec, f"barbican_{op}_c{c}", f"Barbican {what}", b["ops"], "ops/s",
                    note=f"p50 {b['p50_ms']:.1f} ms, {b['errors']} failed" + (f" ({b['first_error'][:60]})" if b.get("first_error") else ""),
                    fmt="{:,.1f}")
        for door in ("rest", "kmip"):
            for op in ("store", "fetch"):
                k, b = p["keyhold"].get((door, op, c)), p["barbican"].get((op, c))
                if not k:
                    continue
                add(sec, f"keyhold_{door}_{op}_c{c}", "Keyhold " + LABELS[(door, op)], k["ops"], "ops/s",
                    note=f"p50 {k['p50_ms']:.2f} ms, p99 {k['p99_ms']:.2f} ms, {k['errors']} failed")
                if not b or not b["ops"]:
                    continue
                r = k["ops"] / b["ops"]
                ok = (r >= TARGET and k["errors"] == 0) if c == 32 else None
                add(sec, f"keyhold_{door}_{op}_over_barbican_c{c}", f"{LABELS[(door, op)]} / Barbican {op}", r, "x",
                    f">= {TARGET:.0f} x, 0 failures" if c == 32 else None, ok,
                    {"name": f"keyhold_{door}_{op}_c{c}", "value": k["ops"], "unit": "ops/s"},
                    {"name": f"barbican_{op}_c{c}", "value": b["ops"], "unit": "ops/s"}, fmt="{:,.1f}")
    return p


def markdown(p):
    if not p.get("barbican"):
        return ""
    lines = ["| 256-bit key | clients | Barbican ops/s (failed) | Keyhold ops/s (failed) | Keyhold / Barbican |",
             "|---|---:|---:|---:|---:|"]
    for door in ("rest", "kmip"):
        for op in ("store", "fetch"):
            for c in (1, 32):
                k, b = p["keyhold"].get((door, op, c)), p["barbican"].get((op, c))
                if not k or not b:
                    continue
                ratio = f"{k['ops'] / b['ops']:,.0f}×" if b["ops"] else "–"
                lines.append(f"| {LABELS[(door, op)]} vs Barbican {op} | {c} | {b['ops']:,.1f} ({b['errors']}) "
                             f"| {k['ops']:,.0f} ({k['errors']}) | {ratio} |")
    return "\n".join(lines)
