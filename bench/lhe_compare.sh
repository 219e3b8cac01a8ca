#!/usr/bin/env bash
# LHE read speed of `umbra lhe info` against `gzip -dc` and a minimal Python
# iterparse reader (bench/pylhe_baseline.py, the pylhe approach), on a
# 100 000-event gzipped MadGraph-style ALP sample; then the LheBenchmark
# executable if it was built. Prints a markdown table for bench/RESULTS.md.
#
#   bench/lhe_compare.sh BUILD_DIR
#
# Targets (LHE I/O issue): umbra >= 5x faster than the Python reader, and
# umbra no slower than 1.2x `gzip -dc FILE > /dev/null`.
#
# Environment: EVENTS (default 100000), RUNS (default 5; the Python reader
# always gets 2). The sample is kept in BUILD_DIR/bench-data/ and reused;
# one made by the bench/make_toy_lhe.py fallback is remade by umbra as soon
# as `umbra lhe toy-sample` works.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
umbra="$build_dir/bin/umbra"
python=/usr/bin/python3
events=${EVENTS:-100000}
runs=${RUNS:-5}
data_dir="$build_dir/bench-data"
sample="$data_dir/alp-toy-${events}.lhe.gz"
plain="$data_dir/alp-toy-${events}.lhe"

if [[ ! -x "$umbra" ]]; then
    echo "error: $umbra not found (build the umbra target first: cmake --build $build_dir --target umbra)" >&2
    exit 1
fi
mkdir -p "$data_dir"

# --- sample -----------------------------------------------------------------
sample_origin="umbra lhe toy-sample --events $events --seed 1"
if [[ ! -s "$sample" || -f "$sample.origin" ]]; then
    echo "making $sample ..." >&2
    if "$umbra" lhe toy-sample --events "$events" --seed 1 -o "$sample" >&2; then
        rm -f "$sample.origin"
    elif [[ ! -s "$sample" ]]; then
        # The toy-sample subcommand may be missing in older builds.
        echo "warning: 'umbra lhe toy-sample' failed; using bench/make_toy_lhe.py instead" >&2
        "$python" "$bench_dir/make_toy_lhe.py" --events "$events" --seed 1 -o "$sample"
        echo "bench/make_toy_lhe.py" > "$sample.origin"
    fi
fi
[[ -f "$sample.origin" ]] && sample_origin="$(cat "$sample.origin") --events $events --seed 1"
if [[ ! -s "$plain" || "$plain" -ot "$sample" ]]; then
    gzip -dc "$sample" > "$plain"
fi

# --- timing -----------------------------------------------------------------
json_dir=$(mktemp -d)
trap 'rm -rf "$json_dir"' EXIT

# mean_seconds NAME RUNS WARMUP COMMAND: time COMMAND; print its mean wall time [s].
mean_seconds() {
    local name=$1 n=$2 warmup=$3 command=$4
    if command -v hyperfine > /dev/null; then
        hyperfine --style basic --runs "$n" --warmup "$warmup" --command-name "$name" \
            --export-json "$json_dir/$name.json" "$command" >&2
        "$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' \
            "$json_dir/$name.json"
    else
        local i start end total=0
        for ((i = 0; i < warmup; i++)); do bash -c "$command" > /dev/null; done
        for ((i = 0; i < n; i++)); do
            start=$(date +%s.%N)
            bash -c "$command" > /dev/null
            end=$(date +%s.%N)
            total=$("$python" -c "print($total + $end - $start)")
        done
        "$python" -c "print($total / $n)"
    fi
}

q() { printf '%q' "$1"; }
echo "timing (hyperfine: $(command -v hyperfine || echo 'absent, using a date loop'))" >&2
t_gzip=$(mean_seconds gzip "$runs" 1 "gzip -dc $(q "$sample") > /dev/null")
t_umbra=$(mean_seconds umbra-gz "$runs" 1 "$(q "$umbra") lhe info $(q "$sample") > /dev/null")
t_umbra_plain=$(mean_seconds umbra-plain "$runs" 1 "$(q "$umbra") lhe info $(q "$plain") > /dev/null")
t_python=$(mean_seconds python 2 0 "$python $(q "$bench_dir/pylhe_baseline.py") $(q "$sample") > /dev/null")

# Check both readers agree on the event count.
umbra_info=$("$umbra" lhe info "$sample" 2>&1 || true)
python_out=$("$python" "$bench_dir/pylhe_baseline.py" "$sample" 2>&1 || true)

# --- table ------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
"$python" - "$t_gzip" "$t_umbra" "$t_umbra_plain" "$t_python" "$events" <<EOF
import sys
t_gzip, t_umbra, t_plain, t_python = (float(x) for x in sys.argv[1:5])
events = int(sys.argv[5])
ok = lambda good: "met" if good else "NOT met"
print()
print("## LHE read: umbra vs gzip vs Python iterparse")
print()
print("$(date -u +%Y-%m-%d), $(nproc) cores, $cpu; sample: $sample_origin")
print()
print("| command | mean time [s] | events/s |")
print("|---|---:|---:|")
print(f"| gzip -dc FILE.lhe.gz > /dev/null | {t_gzip:.3f} | |")
print(f"| umbra lhe info FILE.lhe.gz | {t_umbra:.3f} | {events / t_umbra:,.0f} |")
print(f"| umbra lhe info FILE.lhe | {t_plain:.3f} | {events / t_plain:,.0f} |")
print(f"| python3 bench/pylhe_baseline.py FILE.lhe.gz | {t_python:.3f} | {events / t_python:,.0f} |")
print()
print("| ratio | value | target | status |")
print("|---|---:|---|---|")
print(f"| umbra / gzip -dc | {t_umbra / t_gzip:.2f} | <= 1.2 | {ok(t_umbra / t_gzip <= 1.2)} |")
print(f"| python / umbra | {t_python / t_umbra:.1f} | >= 5 | {ok(t_python / t_umbra >= 5)} |")
EOF
echo
echo "python baseline says: $(echo "$python_out" | tr '\n' ' ')"
echo "umbra lhe info says (first lines):"
echo "$umbra_info" | head -8 | sed 's/^/    /'

# --- google-benchmark ---------------------------------------------------------
if [[ -x "$build_dir/bench/LheBenchmark" ]]; then
    echo
    echo "## LheBenchmark"
    echo
    echo '```'
    "$build_dir/bench/LheBenchmark" 2>&1
    echo '```'
else
    echo
    echo "($build_dir/bench/LheBenchmark not built: cmake --build $build_dir -j1 --target LheBenchmark)"
fi
