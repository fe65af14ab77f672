#!/bin/bash
# Usage: runs.sh FIRST LAST [s]: repeated side-by-side runs; "s" = swapped (Theirs first in each pair, RINGREF_SWAP=1).
cd "$(dirname "$0")"
mkdir -p runs
for i in $(seq "$1" "$2"); do
  name="r$i$3"
  echo "run $name start $(date -u +%H:%M:%S) $(uptime)" >> runs/loads.txt
  RINGREF_SWAP=$([ "$3" = s ] && echo 1 || echo 0) dotnet bin/Release/net10.0/linux-x64/RingRef.dll \
    --filter '*RingVsDisruptorNet*' --job short --inProcess --artifacts "runs/$name" > "runs/$name.log" 2>&1
  echo "run $name end $(date -u +%H:%M:%S) $(uptime)" >> runs/loads.txt
done
