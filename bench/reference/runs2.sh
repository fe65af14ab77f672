#!/bin/bash
# Usage: runs2.sh BASE: six runs rBASEx, r(BASE+1)s, ... alternating which ring runs first in each pair.
cd "$(dirname "$0")"
b=${1:-20}
for k in 0 2 4; do ./runs.sh $((b+k)) $((b+k)) x; ./runs.sh $((b+k+1)) $((b+k+1)) s; done
