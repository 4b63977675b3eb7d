"""Issue 14's key-manager GET rows (bench/scripts/kmget_bare.sh): at each size of the scale curve, the key-manager GET
(fields=*, key_backup with every wrapped key) at 1 connection and 32 at once, and bare Kestrel sending the same bytes,
interleaved in the same run (two rounds each; throughput over both). Target at 100,000 keys and above: Keyhold >= 0.5x
the bare server's throughput, i.e. a GET costs no more than 2x what sending its bytes costs.
"""

import re

TARGET = 0.5


def _sum(by, prefix):
    rounds = [m for n, m in by.items() if re.fullmatch(re.escape(prefix) + r"_r\d+", n)]
    if not rounds:
        return None
    ok = sum(m["ok"] for m in rounds)
    s = sum(m["seconds"] for m in rounds)
    return {"rps": ok / s if s else 0, "errors": sum(m["errors"] for m in rounds), "seconds": s,
            "requests": sum(m["requests"] for m in rounds), "bytes": rounds[0]["body_bytes"],
            "load": " / ".join(m["loadavg"] for m in rounds)}


def rows(by, add):
    tags = sorted({(int(m.group(1)), m.group(2), int(m.group(3)))
                   for n in by if (m := re.fullmatch(r"scale_kmget_keyhold_c(\d+)_(sqlite|postgres)_(\d+)_r\d+", n))},
                  key=lambda t: (t[1], t[2], t[0]))
    for c, store, size in tags:
        k = _sum(by, f"scale_kmget_keyhold_c{c}_{store}_{size}")
        b = _sum(by, f"scale_kmget_bare_c{c}_{store}_{size}")
        if not k or not b:
            continue
        sec = f"Key-manager GET at {size:,} encrypted volumes ({store}, {k['bytes'] / 1e6:,.1f} MB), beside bare Kestrel (c={c})"
        add(sec, f"scale_kmget_keyhold_c{c}_{store}_{size}_rps", "Keyhold", k["rps"], "req/s",
            note=f"{k['requests']} GETs in {k['seconds']:,.1f} s, {k['errors']} errors; load {k['load']}", fmt="{:,.2f}")
        add(sec, f"scale_kmget_bare_c{c}_{store}_{size}_rps", "bare Kestrel, same bytes", b["rps"], "req/s",
            note=f"{b['requests']} GETs in {b['seconds']:,.1f} s, {b['errors']} errors", fmt="{:,.2f}")
        ratio = k["rps"] / b["rps"] if b["rps"] else None
        judged = size >= 100000 and ratio is not None
        add(sec, f"scale_{store}_{size}_kmget_over_bare_c{c}", "Keyhold / bare (key-manager GET)", ratio, "x",
            f">= {TARGET} x, 0 errors" if size >= 100000 else None,
            (ratio >= TARGET and k["errors"] == 0) if judged else None,
            {"name": f"scale_kmget_keyhold_c{c}_{store}_{size}", "value": k["rps"], "unit": "req/s"},
            {"name": f"scale_kmget_bare_c{c}_{store}_{size}", "value": b["rps"], "unit": "req/s"}, fmt="{:.2f}")
