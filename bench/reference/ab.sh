#!/bin/bash
# Usage: ab.sh FIRST LAST: pairs of side-by-side runs, main's ring (before/) and the branch's (after/), one process each.
# Odd k: before then after, Ours first (x); even k: after then before, Theirs first (s, RINGREF_SWAP=1).
cd "$(dirname "$0")"; mkdir -p runs
one() { # dir name swap
  echo "run $2 start $(date -u +%H:%M:%S) $(uptime)" >> runs/loads.txt
  RINGREF_SWAP=$3 dotnet $1/RingRef.dll --filter '*RingVsDisruptorNet*' --job short --inProcess --artifacts "runs/$2" > "runs/$2.log" 2>&1
  echo "run $2 end $(date -u +%H:%M:%S) $(uptime)" >> runs/loads.txt
}
for k in $(seq "$1" "$2"); do
  if [ $((k % 2)) = 1 ]; then one before b${k}x 0; one after a${k}x 0; else one after a${k}s 1; one before b${k}s 1; fi
done
