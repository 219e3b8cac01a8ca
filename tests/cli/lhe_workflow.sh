#!/usr/bin/env bash
# The LHE part of the ALP signal job through the CLI: toy sample -> info ->
# split (each vertex mode) -> info of the outputs; and --dump-default feeds
# back into --config.
set -eu
umbra=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$umbra" lhe toy-sample --events 500 --seed 3 -o "$work/alp.lhe.gz" > /dev/null
"$umbra" lhe info "$work/alp.lhe.gz" > "$work/info.txt"
grep -q "total: 500 events" "$work/info.txt"
grep -Eq "^ +622 +2 +500 " "$work/info.txt"

"$umbra" lhe split "$work/alp.lhe.gz" -p "$work/p.lhe" -d "$work/d.lhe.gz" --vertex uniform --zmin 200 --zmax 2000 > /dev/null
"$umbra" lhe info "$work/p.lhe" "$work/d.lhe.gz" > "$work/split.txt"
grep -q "total: 1000 events" "$work/split.txt"
grep -q "events with #vertex: 1000" "$work/split.txt"

"$umbra" lhe split "$work/alp.lhe.gz" -p "$work/p2.lhe" -d "$work/d2.lhe" --vertex physical --decay-length 150 > "$work/phys.txt"
grep -q "mean lab decay length 150 mm" "$work/phys.txt"
"$umbra" lhe split "$work/alp.lhe.gz" -p "$work/p3.lhe" -d "$work/d3.lhe" --vertex gamma > /dev/null
"$umbra" lhe split "$work/alp.lhe.gz" -p "$work/p4.lhe" -d "$work/d4.lhe" --vertex exponential > /dev/null

"$umbra" lhe split "$work/alp.lhe.gz" -p "$work/p0.lhe" -d "$work/d0.lhe" > /dev/null
"$umbra" lhe split --dump-default > "$work/default.toml"
"$umbra" lhe split "$work/alp.lhe.gz" -c "$work/default.toml" -p "$work/p5.lhe" -d "$work/d5.lhe" > /dev/null
# defaults equal the explicit uniform run (apart from the recorded command line)
cmp -s <(grep -v '^  command:' "$work/p0.lhe") <(grep -v '^  command:' "$work/p5.lhe")
# explicit --zmin 200 --zmax 2000 give the same events as the defaults (headers differ)
cmp -s <(sed -n '/<event>/,$p' "$work/p.lhe") <(sed -n '/<event>/,$p' "$work/p0.lhe")
echo "lhe_workflow: ok"
