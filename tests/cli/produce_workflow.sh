#!/usr/bin/env bash
# umbra produce background: the output does not depend on the thread count, equals `umbra sim`
# on the dumped configuration, carries weights, tries and vertices; bad requests give one clear
# line and exit 2.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"

"$umbra" produce background --events 6 --seed 2 -j 1 --no-reco -o "$work/one.h5" > "$work/out" 2>&1 || fail "produce -j 1: $(cat "$work/out")"
grep -q "6 deep-conversion events written" "$work/out" || fail "expected '6 deep-conversion events written': $(cat "$work/out")"
grep -q "yield per electron on target" "$work/out" || fail "no yield printed"
"$umbra" produce background --events 6 --seed 2 -j 2 --no-reco -o "$work/two.h5" > /dev/null 2>&1 || fail "produce -j 2"
"$umbra" h5 info "$work/one.h5" | grep -q "yield per simulated event" || fail "h5 info prints no yield"
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

# The ALP signal: generate, split, simulate production + decay, reconstruct; thread-independent,
# decay vertex in the window and equal to the e+e- truth vertex; configs work; bad requests fail.
"$umbra" produce alp --events 12 --seed 3 -j 1 -o "$work/alp1.h5" > "$work/alp.out" 2>&1 || fail "produce alp: $(cat "$work/alp.out")"
"$umbra" produce alp --events 12 --seed 3 -j 2 -o "$work/alp2.h5" > /dev/null 2>&1 || fail "produce alp -j 2"
[ -s "$work/alp1_lhe/decay.lhe.gz" ] || fail "produce alp: the LHE files are not kept next to the output"
"$python" - "$work" <<'PY' || fail "produce alp outputs inconsistent"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in f for d in f[g]}
a, b = load("alp1.h5"), load("alp2.h5")
assert a.keys() == b.keys()
for k in a:
    assert np.array_equal(a[k], b[k]), f"threads: {k}"
z = a["events/decay_vertex_z"]
assert len(z) == 12 and (z >= 200).all() and (z <= 2000).all(), z
# the e+e- primaries (status 1, not the first particle) start at the decay vertex
o, vz, status = a["particles/offsets"], a["particles/vz"], a["particles/status"]
for i in range(12):
    rows = [r for r in range(o[i], o[i + 1]) if status[r] == 1]
    assert any(abs(vz[r] - z[i]) < 1e-9 for r in rows), (i, z[i], vz[rows])
assert "veto/n_readout_hits" in a
PY
for c in alp-uniform alp-exponential alp-decay-length; do
  "$umbra" produce alp -c "$data/../../configs/$c.toml" --events 5 -j 2 -o "$work/$c.h5" > /dev/null 2>&1 || fail "configs/$c.toml"
done
# The dark-photon signal: library generated once and reused, dark brem in the target with
# ldmx-sw's filters, thread-independent, equal to umbra sim on the dumped job; 4 GeV recipe.
"$umbra" produce darkphoton --mass 0.01 --events 8 --library-events 300 --seed 2 -j 1 -o "$work/dp1.h5" \
  > "$work/dp.out" 2>&1 || fail "produce darkphoton: $(cat "$work/dp.out")"
grep -q "(generated)" "$work/dp.out" || fail "produce darkphoton: library not generated: $(cat "$work/dp.out")"
grep -q "dark brems per electron on target" "$work/dp.out" || fail "produce darkphoton: no yield printed"
mv "$work/dp1.h5" "$work/dp_first.h5"
"$umbra" produce darkphoton --mass 0.01 --events 8 --library-events 300 --seed 2 -j 2 -o "$work/dp1.h5" \
  > "$work/dp2.out" 2>&1 || fail "produce darkphoton -j 2"
grep -q "reusing the library" "$work/dp2.out" || fail "produce darkphoton: the library was not reused: $(cat "$work/dp2.out")"
library=$(ls "$work"/dp1_library/*.csv.gz)
"$umbra" produce darkphoton --mass 0.01 --events 8 --seed 2 --library "$library" --dump-config > "$work/dp.toml" \
  || fail "darkphoton --dump-config"
"$umbra" sim -c "$work/dp.toml" -o "$work/dp_sim.h5" > /dev/null 2>&1 || fail "umbra sim on the dumped darkphoton job"
"$python" - "$work" <<'PY' || fail "produce darkphoton outputs inconsistent"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in f for d in f[g]}
a, b, s = load("dp_first.h5"), load("dp1.h5"), load("dp_sim.h5")
for other, label in ((b, "threads"), (s, "umbra sim on the dumped job")):
    assert a.keys() == other.keys(), label
    for k in a:
        assert np.array_equal(a[k], other[k]), f"{label}: {k}"
pdg, e, o = a["particles/pdg"], a["particles/e"], a["particles/offsets"]
for i in range(8):
    aprime = [e[r] for r in range(o[i], o[i + 1]) if pdg[r] == 622]
    assert len(aprime) == 1 and aprime[0] >= 4000, (i, aprime)   # TargetDarkBremFilter(4000)
wt = a["events/weight"]
assert (wt > 0).all() and (wt < 1e-5).all(), wt                  # ~ 1/B = 1e-6
PY
"$umbra" produce darkphoton -c "$data/../../configs/darkphoton.toml" --events 3 --library "$library" -o "$work/dpc.h5" \
  > /dev/null 2>&1 || fail "configs/darkphoton.toml"
# Visible A' -> e+e- at a flat distance: the decay vertex is recorded and the pair showers.
"$umbra" produce darkphoton --mass 0.01 --events 4 --library "$library" --decay flat --decay-min 300 --decay-max 600 \
  -j 2 -o "$work/dpd.h5" > "$work/out" 2>&1 || fail "produce darkphoton --decay flat: $(cat "$work/out")"
"$python" - "$work/dpd.h5" <<'PY' || fail "darkphoton decays: vertices or showers"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1]) as f:
    z = f["events/decay_vertex_z"][:]
    assert len(z) == 4 and (z > 290).all() and (z < 610).all(), z   # 300-600 mm along the A' line
    assert (f["veto/n_readout_hits"][:] > 20).all(), f["veto/n_readout_hits"][:]
PY
expect_error_no_output "darkphoton decay mode" "none, physical or flat" "$umbra" produce darkphoton --decay sideways --events 1 -o "$work/x.h5"
"$umbra" produce darkphoton --beam 4 --mass 0.01 --events 3 --library-events 300 -j 2 -o "$work/dp4.h5" \
  > "$work/dp4.out" 2>&1 || fail "produce darkphoton --beam 4: $(cat "$work/dp4.out")"
expect_error_no_output "darkphoton beam" "4 or 8" "$umbra" produce darkphoton --beam 6 --events 1 -o "$work/x.h5"
expect_error_no_output "darkphoton library" "no such dark-brem library" "$umbra" produce darkphoton --library /nonexistent --events 1 -o "$work/x.h5"
expect_error_no_output "darkphoton heavy" "too heavy" "$umbra" produce darkphoton --mass 3 --events 1 -o "$work/x.h5"

# Skim of the ALP sample: cut flow printed, tries kept, bad cut refused.
"$umbra" skim "$work/alp1.h5" -c "$data/../../configs/skim.toml" -o "$work/skim.h5" > "$work/skim.out" 2>&1 || fail "skim: $(cat "$work/skim.out")"
grep -q "nReadoutHits >= 10" "$work/skim.out" || fail "skim cut flow: $(cat "$work/skim.out")"
expect_error "skim on a missing column" "/veto/summed_dep" "$umbra" skim "$work/alp1.h5" --cut veto/summed_dep:1: -o "$work/x.h5"
expect_error "unknown vertex mode" "vertex" "$umbra" produce alp --vertex flat --events 5 -o "$work/x.h5"
expect_error "mass above the kinematic limit" "kinematic limit" "$umbra" produce alp --mass 9 --events 5 -o "$work/x.h5"
printf '[alp]
mass_gve = 0.05
' > "$work/alp-typo.toml"
expect_error "unknown key" "did you mean 'mass_gev'" "$umbra" produce alp -c "$work/alp-typo.toml" -o "$work/x.h5"

finish produce_workflow
