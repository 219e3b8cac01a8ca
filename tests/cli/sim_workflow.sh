#!/usr/bin/env bash
# umbra sim and umbra geometry through the CLI: the output does not depend on the thread count
# or on splitting the run with --first-event; bad input gives one clear line, exit 2, no output.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"
configs="$data/../../configs"

"$umbra" sim -c "$configs/inclusive.toml" -n 6 --seed 3 -j 1 -o "$work/one.h5" > "$work/out1" 2>&1 || fail "sim -j 1: $(cat "$work/out1")"
"$umbra" sim -c "$configs/inclusive.toml" -n 6 --seed 3 -j 2 -o "$work/two.h5" > /dev/null 2>&1 || fail "sim -j 2"
"$umbra" sim -c "$configs/inclusive.toml" -n 2 --seed 3 -j 1 -o "$work/a.h5" > /dev/null 2>&1 || fail "sim first part"
"$umbra" sim -c "$configs/inclusive.toml" -n 4 --first-event 2 --seed 3 -j 2 -o "$work/b.h5" > /dev/null 2>&1 || fail "sim second part"
grep -q "6 events written" "$work/out1" || fail "expected '6 events written': $(cat "$work/out1")"
"$umbra" h5 merge "$work/a.h5" "$work/b.h5" -o "$work/merged.h5" > /dev/null 2>&1 || fail "h5 merge of the two jobs"

"$python" - "$work" <<'PY' || fail "outputs differ between thread counts or job splits"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in f for d in f[g]}
one, two, a, b = (load(n) for n in ("one.h5", "two.h5", "a.h5", "b.h5"))
assert one.keys() == two.keys()
for k in one:
    assert np.array_equal(one[k], two[k]), f"threads: {k}"
# The split: per-event columns concatenate; collections concatenate with shifted offsets.
for k in one:
    if k.endswith("/offsets"):
        joined = np.concatenate([a[k], b[k][1:] + a[k][-1]])
    else:
        joined = np.concatenate([a[k], b[k]])
    assert np.array_equal(one[k], joined), f"split: {k}"
assert one["events/ecal_edep"].mean() > 20, "an 8 GeV electron leaves tens of MeV in the ECal Si"
# umbra h5 merge of the two jobs gives the single-job content (integers are exact below 2^53).
merged = load("merged.h5")
assert merged.keys() == one.keys()
for k in one:
    assert np.array_equal(one[k], merged[k]), f"merge: {k}"
PY

printf '[sim]\nevents = 1\n[sim.source]\ntype = "gun"\nparticle = "neutron"\nenergy_gev = 1.0\n' > "$work/neutron.toml"
expect_error "unknown particle" "neutron" "$umbra" sim -c "$work/neutron.toml" -o "$work/x.h5"
printf '[sim]\nevents = 1\n[sim.source]\ntype = "gun"\nparticle = "e-"\nenergy_gev = 1.0\nposition_mm = [0.0, 0.0, 9000.0]\n' > "$work/outside.toml"
expect_error "primary outside the world" "outside the world" "$umbra" sim -c "$work/outside.toml" -o "$work/x.h5"
printf '[sim]\nevents = 1\nthreds = 2\n' > "$work/typo.toml"
expect_error "unknown key" "did you mean 'threads'" "$umbra" sim -c "$work/typo.toml" -o "$work/x.h5"
expect_error "unknown detector" "cannot open" "$umbra" sim -n 1 -d no-such-detector -o "$work/x.h5"
printf 'schema = 1\nname = "broken"\n[world]\nsize = [10.0, 10.0, 10.0]\nmaterial = "Nothing"\n' > "$work/broken.toml"
expect_error "broken geometry" "unknown material 'Nothing'" "$umbra" geometry info -d "$work/broken.toml"
[ ! -e "$work/x.h5" ] || fail "an output was written despite the errors"
leftovers=$(ls -A "$work" | grep -v -E '^(one|two|a|b|merged)\.h5$|^out1$|^stdout$|^stderr$|\.toml$')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"

"$umbra" sim --dump-default > "$work/default.toml" || fail "sim --dump-default"
"$umbra" sim -c "$work/default.toml" -n 2 -o "$work/default.h5" > /dev/null 2>&1 || fail "the dumped default config does not run"
rm -f "$work/default.h5"

"$umbra" geometry locate 0 0 247.5 | grep -q "ecal_si_layer0" || fail "geometry locate"
"$umbra" geometry scan --from 0 0 240 --to 0 0 840 | grep -Eq "^total: 44\.[0-9]+ X0" || fail "geometry scan total"

finish sim_workflow
