#!/usr/bin/env bash
# The analysis chain on real umbra outputs: a small ALP sample and a small deep-conversion
# sample, skimmed, observables (event file and CSV, thread-independent), BDT, report; and the
# bad inputs of the chain: a file without rec hits, a skim that keeps nothing, mismatched
# observable sets.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"

"$umbra" produce alp --vertex uniform --zmin 350 --zmax 650 -n 24 --seed 3 -j 2 -o "$work/alp.h5" > "$work/out" 2>&1 \
  || fail "produce alp: $(cat "$work/out")"
"$umbra" produce background --events 16 --seed 3 -j 2 -o "$work/bkg.h5" > "$work/out" 2>&1 \
  || fail "produce background: $(cat "$work/out")"
# LHE-weighted samples: weights are cross-sections [pb]; the yield per electron on target uses
# the target's atoms per cm^2: G4_W 19.3 g/cm^3 x 0.03504 cm x N_A / 183.84 g/mol = 2.2153e21.
"$umbra" h5 info "$work/alp.h5" > "$work/info" || fail "h5 info"
grep -q "cross-section .* pb" "$work/info" || fail "h5 info: no cross-section for an LHE sample: $(cat "$work/info")"
"$python" - "$work" <<'PY' || fail "expected yield per electron on target"
import re, sys, h5py
w = sys.argv[1]
text = open(f"{w}/info").read()
with h5py.File(f"{w}/alp.h5") as f:
    n = float(f.attrs["target_atoms_per_cm2"])
    sigma = f["events/weight"][:].sum() / f["events/tries"][:].sum()
    assert f.attrs["weight_unit"] in (b"pb", "pb")
expected_n = 19.3 * 0.03504 * 6.02214076e23 / 183.84
assert abs(n / expected_n - 1) < 2e-3, (n, expected_n)
printed = float(re.search(r"expected yield per electron on target: (\S+)", text).group(1))
assert abs(printed / (sigma * 1e-36 * n) - 1) < 1e-5, (printed, sigma * 1e-36 * n)
PY
"$umbra" skim "$work/alp.h5" -o "$work/alp_skim.h5" --zmin 350 --zmax 650 --min-readout-hits 10 > /dev/null \
  || fail "skim alp"
"$umbra" skim "$work/bkg.h5" -o "$work/bkg_skim.h5" --zmin 350 --zmax 650 --bkg-decay-z 350 --min-readout-hits 10 \
  > /dev/null || fail "skim background"

"$umbra" observables "$work/alp_skim.h5" -o "$work/alp_obs.h5" -j 1 > "$work/out" 2>&1 || fail "observables: $(cat "$work/out")"
grep -q "observables (all set)" "$work/out" || fail "no summary line: $(cat "$work/out")"
grep -q "FastJet" "$work/out" && ! grep -q "^#  *FastJet release" "$work/out" || fail "FastJet banner on stdout or no citation"
"$umbra" observables "$work/alp_skim.h5" -o "$work/alp_obs2.h5" -j 2 > /dev/null 2>&1 || fail "observables -j 2"
"$umbra" observables "$work/alp_skim.h5" -o "$work/alp_obs.csv" --set seed > /dev/null 2>&1 || fail "observables csv"
"$umbra" observables "$work/bkg_skim.h5" -o "$work/bkg_obs.h5" -j 2 > /dev/null 2>&1 || fail "observables background"
"$umbra" observables --dump-default > "$work/obs.toml" || fail "--dump-default"
diff -q "$work/obs.toml" "$data/../../configs/observables.toml" > /dev/null \
  || fail "configs/observables.toml differs from umbra observables --dump-default"
"$umbra" observables "$work/bkg_skim.h5" -c "$work/obs.toml" -o "$work/bkg_obs_default.h5" > /dev/null 2>&1 \
  || fail "observables with the dumped default configuration"

"$python" - "$work" <<'PY' || fail "observable files inconsistent"
import csv, sys, h5py, numpy as np
w = sys.argv[1]
with h5py.File(f"{w}/alp_obs.h5") as a, h5py.File(f"{w}/alp_obs2.h5") as b, h5py.File(f"{w}/alp_skim.h5") as s:
    names = list(a["observables"])
    assert len(names) > 60, names
    for n in names:
        assert np.array_equal(a["observables"][n][:], b["observables"][n][:], equal_nan=True), f"threads: {n}"
    assert np.array_equal(a["events/weight"][:], s["events/weight"][:])
    assert np.array_equal(a["observables/n_readout_hits"][:], s["veto/n_readout_hits"][:])
    assert "nReadoutHits >= 10" in a.attrs["cut_flow"], a.attrs["cut_flow"]
    tau = a["observables/jettiness_ratio"][:]
    assert np.isfinite(tau).all() and (tau > 0).all() and (tau < 1.5).all(), tau
    rows = list(csv.DictReader(open(f"{w}/alp_obs.csv")))
    assert len(rows) == len(tau)
    assert np.allclose([float(r["jettiness_ratio"]) for r in rows], tau, rtol=1e-15)
with h5py.File(f"{w}/bkg_obs.h5") as a, h5py.File(f"{w}/bkg_obs_default.h5") as b:
    for n in a["observables"]:
        assert np.array_equal(a["observables"][n][:], b["observables"][n][:], equal_nan=True), f"default config: {n}"
PY

"$umbra" bdt train --signal "$work/alp_obs.h5" --background "$work/bkg_obs.h5" -o "$work/model" --trees 20 \
  > "$work/out" 2>&1 || fail "bdt train: $(cat "$work/out")"
grep -q "AUC" "$work/out" || fail "no AUC printed: $(cat "$work/out")"
"$umbra" bdt apply --model "$work/model" "$work/bkg_obs.h5" -o "$work/bkg_scored.h5" > /dev/null 2>&1 || fail "bdt apply"
"$umbra" report --signal "$work/alp_obs.h5" --background "$work/bkg_scored.h5" --model "$work/model" \
  -o "$work/report" > "$work/out" 2>&1 || fail "report: $(cat "$work/out")"
grep -q "AUC" "$work/report/index.html" || fail "the report shows no AUC"
grep -q "nReadoutHits" "$work/report/index.html" || fail "the report shows no cut flow"

# Bad inputs: a sim file without reconstruction, a skim that keeps nothing, mismatched sets.
"$umbra" produce background --events 2 --seed 4 --no-reco -o "$work/noreco.h5" > /dev/null 2>&1 || fail "produce --no-reco"
expect_error "no rec hits" "ecal_rec_hits" "$umbra" observables "$work/noreco.h5" -o "$work/x.h5"
"$umbra" skim "$work/bkg.h5" -o "$work/empty.h5" --zmin 5000 > /dev/null 2>&1 || fail "skim to nothing"
expect_error "zero events" "no events" "$umbra" observables "$work/empty.h5" -o "$work/x.h5"
[ -e "$work/x.h5" ] && fail "an output was left behind"
expect_error "unknown set" "unknown observable set" "$umbra" observables "$work/alp_skim.h5" --set everything -o "$work/x.h5"
"$umbra" observables "$work/bkg_skim.h5" --set seed -o "$work/bkg_seed.h5" > /dev/null 2>&1 || fail "seed set"
expect_error "mismatched schemas" "mismatched signal/background" \
  "$umbra" bdt train --signal "$work/alp_obs.h5" --background "$work/bkg_seed.h5" -o "$work/model2"
finish analysis_workflow
