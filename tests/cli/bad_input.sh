#!/usr/bin/env bash
# Every malformed input in tests/data/bad/ must make `umbra lhe info` and
# `umbra lhe split` fail with exit status 2 and exactly one error line
# "umbra: error: FILE[:LINE]: ...", and must leave no output file behind
# (and not touch an existing one).
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"

for input in "$data"/bad/*; do
  name=$(basename "$input")
  [ "$name" = EXPECTED.txt ] && continue
  for cmd in info split; do
    out="$work/$name.$cmd"
    mkdir -p "$out"
    echo "previous content" > "$out/existing_decay.lhe"
    if [ $cmd = info ]; then
      "$umbra" lhe info "$input" > "$out/stdout" 2> "$out/stderr"
    else
      "$umbra" lhe split "$input" --production "$out/prod.lhe" --decay "$out/existing_decay.lhe" \
        > "$out/stdout" 2> "$out/stderr"
    fi
    status=$?
    [ $status -eq 2 ] || fail "$name ($cmd): exit status $status, expected 2"
    lines=$(wc -l < "$out/stderr")
    [ "$lines" -eq 1 ] || fail "$name ($cmd): $lines lines on stderr, expected 1: $(cat "$out/stderr")"
    grep -q "^umbra: error: $input" "$out/stderr" || fail "$name ($cmd): message does not name the file: $(cat "$out/stderr")"
    leftovers=$(ls -A "$out" | grep -v -e '^stdout$' -e '^stderr$' -e '^existing_decay.lhe$')
    [ -z "$leftovers" ] || fail "$name ($cmd): left files behind: $leftovers"
    [ "$(cat "$out/existing_decay.lhe")" = "previous content" ] || fail "$name ($cmd): clobbered an existing output"
  done
done
finish bad_input
