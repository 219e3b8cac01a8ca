#!/usr/bin/env bash
# umbra reco through the CLI: reconstructing a sim-only file gives what inline reconstruction
# gives; --threads does not change it; the veto table is readable with h5py; bad input gives
# one clear line, exit 2, and leaves an existing output untouched.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"
configs="$data/../../configs"

printf '[sim]\nseed = 4\n[reco]\nenabled = false\n' > "$work/sim-only.toml"
"$umbra" sim -c "$work/sim-only.toml" -n 5 -j 2 -o "$work/sim.h5" > /dev/null 2>&1 || fail "sim without reco"
"$umbra" sim -c "$configs/inclusive.toml" -n 5 --seed 4 -j 2 -o "$work/inline.h5" > /dev/null 2>&1 || fail "sim with reco"
"$umbra" reco "$work/sim.h5" -o "$work/reco1.h5" -j 1 > "$work/out" 2>&1 || fail "reco -j 1: $(cat "$work/out")"
"$umbra" reco "$work/sim.h5" -o "$work/reco2.h5" -j 2 > /dev/null 2>&1 || fail "reco -j 2"
grep -q "5 events reconstructed" "$work/out" || fail "expected '5 events reconstructed': $(cat "$work/out")"
"$umbra" reco --dump-default | grep -q "readout_threshold_adc" || fail "--dump-default lacks readout_threshold_adc"

"$python" - "$work" <<'PY' || fail "offline reconstruction differs from inline or between thread counts"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name, groups=("ecal_rec_hits", "hcal_rec_hits", "ecal_layers", "veto")):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in groups for d in f[g]}
inline, one, two = load("inline.h5"), load("reco1.h5"), load("reco2.h5")
assert inline.keys() == one.keys() == two.keys()
for k in inline:
    assert np.array_equal(inline[k], one[k]), f"inline vs offline: {k}"
    assert np.array_equal(one[k], two[k]), f"threads: {k}"
v = one
assert (v["veto/n_readout_hits"] > 30).all(), "8 GeV showers read out tens of cells"
assert abs(v["veto/summed_det"].mean() / 8000 - 1) < 0.1, "ECal energy scale near the beam energy"
assert len(one["ecal_layers/layer"]) == 5 * 34
PY

echo "precious" > "$work/keep.h5"
printf 'not an hdf5 file\n' > "$work/text.h5"
expect_error "not HDF5" "text.h5" "$umbra" reco "$work/text.h5" -o "$work/keep.h5"
head -c 20000 "$work/sim.h5" > "$work/truncated.h5"
expect_error "truncated" "truncated.h5" "$umbra" reco "$work/truncated.h5" -o "$work/keep.h5"
expect_error "missing input" "missing.h5" "$umbra" reco "$work/missing.h5" -o "$work/keep.h5"
printf '[reco.ecal]\nnoise_rms_adcc = 0.6\n' > "$work/typo.toml"
expect_error "unknown key" "did you mean 'noise_rms_adc'" "$umbra" reco "$work/sim.h5" -c "$work/typo.toml" -o "$work/keep.h5"
[ "$(cat "$work/keep.h5")" = "precious" ] || fail "an existing output was overwritten by a failed run"

finish reco_workflow
