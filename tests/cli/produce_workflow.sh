#!/usr/bin/env bash
# umbra produce background: the output does not depend on the thread count, equals `umbra sim`
# on the dumped configuration, carries weights, tries and vertices; bad requests give one clear
# line and exit 2.
umbra=$1
source "$(dirname "$0")/common.sh"

"$umbra" produce background --events 6 --seed 2 -j 1 --no-reco -o "$work/one.h5" > "$work/out" 2>&1 || fail "produce -j 1: $(cat "$work/out")"
grep -q "6 deep-conversion events written" "$work/out" || fail "expected '6 deep-conversion events written': $(cat "$work/out")"
grep -q "yield per electron on target" "$work/out" || fail "no yield printed"
"$umbra" produce background --events 6 --seed 2 -j 2 --no-reco -o "$work/two.h5" > /dev/null 2>&1 || fail "produce -j 2"
"$umbra" produce background --events 6 --seed 2 --no-reco --dump-config > "$work/job.toml" || fail "--dump-config"
"$umbra" sim -c "$work/job.toml" -j 2 -o "$work/sim.h5" > /dev/null 2>&1 || fail "umbra sim on the dumped configuration"

"$python" - "$work" <<'PY' || fail "produce outputs inconsistent"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in f for d in f[g]}
one, two, sim = load("one.h5"), load("two.h5"), load("sim.h5")
for other, label in ((two, "threads"), (sim, "umbra sim on the dumped config")):
    assert one.keys() == other.keys(), label
    for k in one:
        assert np.array_equal(one[k], other[k]), f"{label}: {k}"
e = {k.split("/")[1]: v for k, v in one.items() if k.startswith("events/")}
assert len(e["weight"]) == 6
assert (e["weight"] > 0).all() and (e["weight"] < 1).all(), e["weight"]
assert (e["conversion_vertex_z"] >= 350).all(), e["conversion_vertex_z"]
assert np.array_equal(e["conversion_vertex_z"], e["decay_vertex_z"])
assert (e["tries"] >= 1).all() and e["tries"].sum() >= 6
PY

expect_error_no_output() {  # as expect_error, and no $work/x.h5 left behind
  expect_error "$@"
  [ ! -e "$work/x.h5" ] || fail "$1: left an output behind"
}
expect_error_no_output "unknown kind" "deep-conversion" "$umbra" produce background --kind ecal-pm --events 1 -o "$work/x.h5"
expect_error_no_output "decay z beyond the ECal" "beyond the ecal region" "$umbra" produce background --decay-z 900 --events 1 -o "$work/x.h5"
expect_error_no_output "threshold above the beam" "beam energy" "$umbra" produce background --min-photon-energy 9000 --events 1 -o "$work/x.h5"
sed -e 's/threshold_mev = 1600/threshold_mev = 9000/' -e 's/^max_tries = .*/max_tries = 150/' "$work/job.toml" > "$work/never.toml"
expect_error_no_output "a filter that never passes" "only 0 of the 6 requested events passed" "$umbra" sim -c "$work/never.toml" -o "$work/x.h5"
printf '[sim]\n[sim.biasing]\ntype = "deep_conversoin"\n' > "$work/typo.toml"
expect_error_no_output "unknown biasing" "deep_conversion" "$umbra" sim -c "$work/typo.toml" -o "$work/x.h5"
printf '[sim]\n[[sim.filters]]\ntype = "primary_to_ecal"\ncalorimeter_regions = ["ecall"]\n' > "$work/region.toml"
expect_error_no_output "unknown region" "ecall" "$umbra" sim -c "$work/region.toml" -n 1 -o "$work/x.h5"

finish produce_workflow
