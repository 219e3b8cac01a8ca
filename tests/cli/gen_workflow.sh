#!/usr/bin/env bash
# umbra gen and umbra library through the CLI: config files, bad input (clear error, exit 2,
# nothing written), a small library generated and extracted.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"
configs="$data/../../configs"

"$umbra" gen -c "$configs/gen_dark_photon.toml" --events 300 -o "$work/ap.lhe" > "$work/out" 2>&1 || fail "gen with config"
grep -q "cross-section 6\.[89]" "$work/out" || fail "dark photon cross-section not ~6.9e7 pb: $(head -1 "$work/out")"
"$umbra" lhe info "$work/ap.lhe" | grep -Eq "^ +1023 +1 +300 " || fail "300 A' events expected"

expect_error "mass above limit" "above the kinematic limit" "$umbra" gen --mass 9 --energy 8 -o "$work/x.lhe"
expect_error "unknown target" "unknown target 'kryptonite'" "$umbra" gen --target kryptonite -o "$work/x.lhe"
expect_error "zero events" "at least 1" "$umbra" gen --events 0 -o "$work/x.lhe"
expect_error "non-positive coupling" "coupling must be positive" "$umbra" gen --coupling 0 -o "$work/x.lhe"
expect_error "unwritable output" "does not exist" "$umbra" gen --events 10 -o /nonexistent-dir/x.lhe
[ ! -e "$work/x.lhe" ] || fail "an output was written despite the errors"
[ -z "$(ls -A "$work" | grep -v -e '^ap.lhe$' -e '^out$' -e '^stdout$' -e '^stderr$')" ] || fail "temporary files left: $(ls -A "$work")"

"$umbra" library generate --targets tungsten silicon --max-energy 4 --min-energy 3.5 --events 100 --run 2 -j 2 \
  -o "$work" > "$work/lib.txt" 2>&1 || fail "library generate: $(cat "$work/lib.txt")"
lib="$work/electron_tungstensilicon_MaxE_4.0_MinE_3.5_RelEStep_0.1_UndecayedAP_mA_0.01_run_2"
# ladder 4.0, 3.6, 3.24 (dark-brem-lib-gen keeps points above min * (1 - rel) = 3.15)
[ "$(ls "$lib" | wc -l)" -eq 6 ] || fail "expected 6 library files, got $(ls "$lib" | wc -l)"
"$umbra" library extract "$lib/" > /dev/null || fail "library extract"
[ "$(wc -l < "$lib.csv")" -eq 601 ] || fail "expected 600 rows + header in $lib.csv"
head -1 "$lib.csv" | grep -qx "target_Z,incident_energy,recoil_energy,recoil_px,recoil_py,recoil_pz,centerMomentum_energy,centerMomentum_px,centerMomentum_py,centerMomentum_pz" \
  || fail "CSV header"
finish gen_workflow
