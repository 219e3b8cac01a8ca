#!/usr/bin/env bash
# Speed of umbra sim: full beam events (target + ECal + HCal, hits recorded), scaling with
# beam energy, range cut and threads. Usage: bench/sim_scaling.sh [build-dir] [events]
# Prints ms/event (wall) as reported by umbra sim itself, which excludes nothing: table
# building and HDF5 writing are included (both are small at these statistics).
set -eu
build=${1:-build}
events=${2:-200}
umbra="$build/bin/umbra"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # label, threads, config text
  local label=$1 threads=$2
  printf '%s\n' "$3" > "$work/c.toml"
  local line
  line=$("$umbra" sim -c "$work/c.toml" -n "$events" -j "$threads" -o "$work/out.h5" 2>/dev/null | head -1)
  local ms steps
  ms=$(sed -E 's/.*\(([0-9.]+) ms\/event.*/\1/' <<< "$line")
  steps=$("$umbra" sim -c "$work/c.toml" -n 20 -j 1 -o "$work/s.h5" 2>/dev/null | sed -n 2p | sed -E 's/.*; ([0-9]+) steps\/event/\1/')
  printf '| %-44s | %7s | %8s | %9s |\n' "$label" "$threads" "$ms" "$steps"
}
beam() {  # detector preset range_cut
  printf '[sim]\ndetector = "%s"\nseed = 1\n[sim.source]\ntype = "beam"\npreset = "%s"\n[sim.physics]\nrange_cut_mm = %s\n' "$1" "$2" "$3"
}
gun() {  # energy_gev
  printf '[sim]\nseed = 1\n[sim.source]\ntype = "gun"\nparticle = "e-"\nenergy_gev = %s\nposition_mm = [0.0, 0.0, 230.0]\ndirection = [0.0, 0.0, 1.0]\n' "$1"
}

echo "| configuration | threads | ms/event | steps/event |"
echo "|---|---:|---:|---:|"
run "8 GeV beam, v14, 0.7 mm cut (configs/inclusive.toml)" 1 "$(beam ldmx-det-v14-8gev ldmx-8gev-upstream-tagger 0.7)"
run "8 GeV beam, v14, 0.7 mm cut" 2 "$(beam ldmx-det-v14-8gev ldmx-8gev-upstream-tagger 0.7)"
run "4 GeV beam, v14 (4 GeV), 0.7 mm cut" 1 "$(beam ldmx-det-v14 ldmx-4gev-upstream-tagger 0.7)"
for e in 1 2 4 8; do run "$e GeV e- gun at the ECal face" 1 "$(gun $e)"; done
for cut in 0.1 0.35 1.0 2.0; do run "8 GeV beam, range cut $cut mm" 1 "$(beam ldmx-det-v14-8gev ldmx-8gev-upstream-tagger $cut)"; done
