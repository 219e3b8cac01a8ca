#!/usr/bin/env bash
# umbra batch: per-job overhead and local scaling (issue "Scale-out", targets: per-job overhead
# <= 1 s; N local jobs on 2 cores >= 1.8x one job's throughput). Results go in bench/RESULTS.md.
#   bench/batch_overhead.sh [BUILD_DIR] [EVENTS_PER_JOB]
# 1. Overhead: 8 jobs of 1 event each (configs/inclusive.toml), run one at a time; per job,
#    (a) the batch layer = `umbra batch run-job` wall time minus `umbra sim` on the same job
#    configuration (process start, manifest updates under the lock, output checksum), and
#    (b) the whole fixed cost per job = its wall time minus one event's simulation time
#    (adds reading the detector and building the physics tables).
# 2. Scaling: one single-threaded `umbra sim` of M events vs `umbra batch submit -j NPROC` of
#    2 x NPROC jobs of M events each; throughput = events / wall time.
set -euo pipefail
build=${1:-build}
m=${2:-200}
umbra=$(realpath "$build/bin/umbra")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)
now() { date +%s.%N; }
sed -e 's/^threads = .*/threads = 1/' "$root/configs/inclusive.toml" > "$work/inc.toml"

echo "== per-job overhead (8 jobs x 1 event, -j 1)"
"$umbra" batch plan "$work/inc.toml" -N 8 -M 1 -o "$work/over" > /dev/null
t0=$(now); "$umbra" batch submit "$work/over" -j 1 > /dev/null; t1=$(now)
per_job=$(echo "($t1 - $t0) / 8" | bc -l)
direct=0
for k in 0 1 2 3; do
  a=$(now); (cd "$work/over" && "$umbra" sim -c jobs/job-000$k.toml -o "$work/direct$k.h5" > /dev/null 2>&1); b=$(now)
  direct=$(echo "$direct + ($b - $a) / 4" | bc -l)
done
a=$(now); "$umbra" sim -c "$work/inc.toml" -n 21 -j 1 -o "$work/e21.h5" > /dev/null 2>&1; b=$(now)
a1=$(now); "$umbra" sim -c "$work/inc.toml" -n 1 -j 1 -o "$work/e1.h5" > /dev/null 2>&1; b1=$(now)
per_event=$(echo "(($b - $a) - ($b1 - $a1)) / 20" | bc -l)
printf "wall per job (batch run-job, 1 event)   %.3f s\n" "$per_job"
printf "umbra sim on the same job configuration %.3f s\n" "$direct"
printf "one event's simulation                   %.3f s\n" "$per_event"
printf "(a) overhead of the batch layer per job  %.3f s\n" "$(echo "$per_job - $direct" | bc -l)"
printf "(b) fixed cost per job (incl. setup)     %.3f s   (target <= 1 s)\n" "$(echo "$per_job - $per_event" | bc -l)"

echo "== scaling ($cores cores): one job of $m events vs $((2 * cores)) local jobs of $m events, -j $cores"
a=$(now); "$umbra" sim -c "$work/inc.toml" -n "$m" -j 1 -o "$work/single.h5" > /dev/null 2>&1; b=$(now)
single=$(echo "$m / ($b - $a)" | bc -l)
n=$((2 * cores))
"$umbra" batch plan "$work/inc.toml" -N "$n" -M "$m" -o "$work/scale" > /dev/null
a=$(now); "$umbra" batch submit "$work/scale" -j "$cores" > /dev/null; b=$(now)
batch=$(echo "$n * $m / ($b - $a)" | bc -l)
printf "one job:        %.1f events/s\n" "$single"
printf "%d local jobs:   %.1f events/s\n" "$n" "$batch"
printf "speed-up        %.2fx   (target >= 1.8x on 2 cores)\n" "$(echo "$batch / $single" | bc -l)"
uptime
