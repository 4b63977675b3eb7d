#!/usr/bin/env python3
"""perf_parts.py PERF.DATA: share of a process's CPU samples per part of a request (bench/floor.sh BENCH_FLOOR_PERF).

Each sample goes to the first part whose pattern matches a frame of its stack, leaf first. The kernel, libc, the
runtime and OpenSSL are transparent at first (a syscall, an allocation, an HMAC count for the code that called them);
only a stack with no other match goes to them. Async continuations lose their callers, so a part is the code that ran,
not who awaited it. Diagnosis only: the parts are approximate."""
import collections
import re
import subprocess
import sys

PARTS = [  # (part, regex on a frame), leaf-first match; order matters only within one frame
    ("jit", r"libclrjit"),
    ("store (SQLite, Keyhold.Storage)", r"libe_sqlite3|Microsoft\.Data\.Sqlite|SQLitePCL|Keyhold\.Storage\.|Keyhold\.Keys\.KeyStamps|PrefixPrint"),
    ("key_backup", r"Keyhold\.Onboard\.KeyBackup|BackupArmour"),
    ("OpenTelemetry / metrics", r"OpenTelemetry|System\.Diagnostics\.Metrics|HostingMetrics"),
    ("logging (scopes, loggers)", r"Microsoft\.Extensions\.Logging|LoggerExternalScopeProvider|RequestScope"),
    ("auth (Basic, credential cache)", r"BasicAuthentication|Authenticator|CredentialCache|LoginLimiter|SvmScope"),
    ("audit", r"Audit"),
    ("request ID / Keyhold middleware", r"RequestIdMiddleware|RequestSizeLimits|KeyholdApp|OntapErrorMiddleware|ClusterRelease"),
    ("JSON / result writing", r"System\.Text\.Json|Keyhold\.Api\.|Keyhold\.Ontap\."),
    ("routing / endpoint", r"Microsoft\.AspNetCore\.Routing|RequestDelegateFactory|EndpointMiddleware"),
    ("key manager reader / services", r"Keyhold\.(KeyManagers|Onboard|Cluster|External|MetroCluster)\."),
    ("TLS (SslStream)", r"libssl|System\.Net\.Security|SslStream|Interop\+Ssl"),
    ("Kestrel / HTTP / pipes", r"Microsoft\.AspNetCore\.Server\.Kestrel|System\.IO\.Pipelines|Microsoft\.AspNetCore\.Http|Microsoft\.AspNetCore\.Hosting|PinnedBlockMemoryPool"),
    ("sockets / syscalls", r"System\.Net\.Sockets|libSystem\.Native|SocketAsyncEngine"),
    ("thread pool / async machinery", r"System\.Threading|ExecutionContext|AsyncTaskMethodBuilder|AsyncStateMachine"),
]
FALLBACK = [
    ("kernel", r"\[kernel\.kallsyms\]"),
    ("GC / runtime", r"libcoreclr|memset|GC"),
    ("OpenSSL (not under SslStream)", r"libcrypto"),
    ("libc", r"libc\.so"),
]
TRANSPARENT = re.compile(r"\[kernel\.kallsyms\]|libcoreclr|libc\.so|libcrypto|ld-linux|\[vdso\]|libSystem\.Native|unknown")
compiled = [(p, re.compile(r)) for p, r in PARTS]
fallback = [(p, re.compile(r)) for p, r in FALLBACK]
out = subprocess.run(["perf", "script", "-i", sys.argv[1], "-F", "ip,sym,dso"], capture_output=True, text=True).stdout
counts, total, stack = collections.Counter(), 0, []


def flush():
    global total
    if not stack:
        return
    total += 1
    for frame in stack:  # leaf first
        if TRANSPARENT.search(frame) and not re.search(r"libssl", frame):
            continue
        for part, rx in compiled:
            if rx.search(frame):
                counts[part] += 1
                return
    for part, rx in fallback:
        if rx.search(stack[0]):
            counts[part] += 1
            return
    counts["other"] += 1


for line in out.splitlines():
    if not line.strip():
        flush()
        stack = []
    else:
        stack.append(line.strip())
flush()
for part, n in counts.most_common():
    print(f"{100 * n / total:5.1f} %  {part}")
print(f"{total} samples")
