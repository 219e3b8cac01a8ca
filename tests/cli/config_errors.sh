#!/usr/bin/env bash
# Configuration mistakes are one-line errors naming file, line and key.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"
input="$data/good/alp_mg_small.lhe"

printf '[split]\nvertex = "uniform"\nzmxa = 1500\n' > "$work/typo.toml"
"$umbra" lhe split "$input" -c "$work/typo.toml" -p "$work/p.lhe" -d "$work/d.lhe" 2> "$work/err"
[ $? -eq 2 ] || fail "typo: expected exit 2"
grep -qx "umbra: error: $work/typo.toml:3: unknown key 'zmxa' in \[split\] (did you mean 'zmax'?)" "$work/err" \
  || fail "typo: got $(cat "$work/err")"

printf '[split]\nvertex = "sideways"\n' > "$work/mode.toml"
"$umbra" lhe split "$input" -c "$work/mode.toml" -p "$work/p.lhe" -d "$work/d.lhe" 2> "$work/err"
[ $? -eq 2 ] || fail "mode: expected exit 2"
grep -q "unknown vertex mode 'sideways'" "$work/err" || fail "mode: got $(cat "$work/err")"

"$umbra" lhe split "$input" --vertex physical -p "$work/p.lhe" -d "$work/d.lhe" 2> "$work/err"
[ $? -eq 2 ] || fail "physical without coupling: expected exit 2"
grep -q "needs exactly one of --coupling" "$work/err" || fail "physical: got $(cat "$work/err")"

"$umbra" physics decay-length --mass 0.0005 --coupling 1e-5 2> "$work/err" > /dev/null
[ $? -eq 2 ] || fail "sub-threshold mass: expected exit 2"

[ -z "$(ls "$work" | grep -e '^p.lhe$' -e '^d.lhe$')" ] || fail "outputs written despite errors"
finish config_errors
