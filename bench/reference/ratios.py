#!/usr/bin/env python3
"""Per run: speed-up = Theirs ns / Ours ns per (Strategy, Claim) (> 1 = ours faster); median over the runs given."""
import csv, glob, statistics, sys
runs = sys.argv[1:]
table = {}
for r in runs:
    f = glob.glob(f"runs/{r}/results/*-report.csv")
    if not f: continue
    rows = list(csv.DictReader(open(f[0])))
    ns = {}
    for row in rows:
        m = row["Mean"].replace(",", "")
        v = float(m.split()[0]) * (1000 if m.endswith(" us") or m.endswith(" μs") else 1)
        impl = row["Impl"]
        if r.endswith("s"):  # RINGREF_SWAP=1 run: labels name the other ring
            impl = "Theirs" if impl == "Ours" else "Ours"
        ns[(row["Strategy"], row["Claim"], impl)] = v
    for (s, c, i), v in ns.items():
        if i != "Ours": continue
        t = ns.get((s, c, "Theirs"))
        if t: table.setdefault((s, c), []).append((r, v, t, t / v))
print("| Strategy | Claim | Ours ns (median) | Theirs ns (median) | Theirs/Ours per run | median speed-up |")
print("|---|---:|---:|---:|---|---:|")
for (s, c), xs in sorted(table.items()):
    print(f"| {s} | {c} | {statistics.median(x[1] for x in xs):.1f} | {statistics.median(x[2] for x in xs):.1f} | "
          + ", ".join(f"{x[3]:.2f}" for x in xs) + f" | {statistics.median(x[3] for x in xs):.2f}x |")
