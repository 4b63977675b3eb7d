"""latest.md: the run's targets and issue 14's tables in Markdown, with date, commit and machine load, for README's
Performance section (bench/scripts/readme.py pastes it there); used by report.py."""
import time

import report_peers
import report_scale


def render(meta, metrics, peers, curve):
    out = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on commit `{meta.get('git', '?')}`, "
           f"{meta.get('cpus', '?')} CPUs shared with other work (load average {meta.get('loadavg_start', '?')} at the start, "
           f"{meta.get('loadavg_end', '?')} at the end), run {meta.get('total_s', '?')} s, largest store "
           f"{int(meta.get('scale_max') or 0):,} volumes. Ratios are taken within this one run.", ""]
    targets = [m for m in metrics if "target" in m]
    if targets:
        out += ["| target | measured | wanted | |", "|---|---:|---|---|"]
        for m in targets:
            v = ("–" if m["value"] is None else f"{m['value']:,}" if isinstance(m["value"], int)
                 else f"{m['value']:,.2f}" if abs(m["value"]) < 100 else f"{m['value']:,.0f}")
            out.append(f"| {m['name']} ({m['label']}) | {v} {m['unit']} | {m['target']} | {m['status']} |")
        out.append("")
    table = report_peers.markdown(peers) if peers else ""
    if table:
        out += ["Barbican beside Keyhold (a 256-bit key stored and fetched; Barbican as Debian serves it, "
                f"{peers.get('processes') or '?'} uwsgi workers, SQLite):", "", table, ""]
    if curve:
        out += ["Scale curve (encrypted volumes with their onboard keys, seeded through Keyhold's key store and repositories):",
                "", report_scale.markdown(curve), ""]
    return "\n".join(out)
