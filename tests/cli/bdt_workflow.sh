#!/usr/bin/env bash
# umbra bdt train / apply through the CLI on small synthetic observable files (written with h5py
# in the event-file layout of docs/format.md: x ~ N(1.5, 1) for signal, N(0, 1) for background,
# plus two uninformative observables): the model directory is complete and consistent, the
# model does not depend on -j, apply adds /bdt/score; bad input gives one clear line, exit 2,
# and leaves existing outputs untouched.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"

"$python" - "$work" <<'PY' || fail "writing the synthetic observable files"
import sys, h5py, numpy as np
w = sys.argv[1]
h5py.get_config().track_order = True  # fields in creation order, as umbra writes them
def write(name, n, shift, seed, run, fields=("x", "noise", "n_hits")):
    rng = np.random.default_rng(seed)
    values = {"x": rng.normal(shift, 1, n), "noise": rng.normal(0, 1, n),
              "n_hits": rng.integers(0, 10, n).astype(float)}
    values["noise"][::20] = np.nan  # missing values
    with h5py.File(f"{w}/{name}", "w") as f:
        f.attrs["schema_version"] = np.int32(1)
        f.attrs["n_events"] = np.uint64(n)
        e = f.create_group("events")
        e.attrs["kind"] = "per-event"
        e["run"] = np.full(n, run, dtype=np.uint64)
        e["event"] = np.arange(n, dtype=np.uint64)
        e["weight"] = np.ones(n)
        e["tries"] = np.ones(n, dtype=np.uint64)
        o = f.create_group("observables")
        o.attrs["kind"] = "per-event"
        for k in fields:
            o[k] = values[k]
write("sig.h5", 3000, 1.5, 1, 1)
write("bkg.h5", 3000, 0.0, 2, 2)
write("bkg_two_fields.h5", 200, 0.0, 3, 3, fields=("x", "noise"))
PY

"$umbra" bdt train --help | grep -q -- "--signal" || fail "bdt train --help lacks --signal"
"$umbra" bdt apply --help | grep -q -- "--model" || fail "bdt apply --help lacks --model"

"$umbra" bdt train --signal "$work/sig.h5" --background "$work/bkg.h5" -o "$work/model" --trees 60 -j 2 \
  > "$work/out" 2>&1 || fail "bdt train: $(cat "$work/out")"
grep -q "AUC" "$work/out" || fail "bdt train does not print the AUC: $(cat "$work/out")"
grep -q "top features by gain: x" "$work/out" || fail "x is not the top feature: $(cat "$work/out")"
"$umbra" bdt train --signal "$work/sig.h5" --background "$work/bkg.h5" -o "$work/model1" --trees 60 -j 1 \
  > /dev/null 2>&1 || fail "bdt train -j 1"
cmp -s "$work/model/model.json" "$work/model1/model.json" || fail "model.json depends on -j"

"$umbra" bdt apply --model "$work/model" "$work/bkg.h5" -o "$work/scored.h5" > "$work/out" 2>&1 \
  || fail "bdt apply: $(cat "$work/out")"
grep -q "3000 events" "$work/out" || fail "bdt apply does not report 3000 events: $(cat "$work/out")"

"$python" - "$work" <<'PY' || fail "the model directory or the scored file is inconsistent"
import sys, csv, tomllib, h5py, numpy as np
w = sys.argv[1]
m = f"{w}/model"
summary = tomllib.load(open(f"{m}/summary.toml", "rb"))
assert summary["features"] == ["x", "noise", "n_hits"], summary["features"]
assert open(f"{m}/features.txt").read() == "x\nnoise\nn_hits\n"
# The test ROC: monotone, from (0, 0) to (1, 1), its trapezoid area is auc_test.
roc = np.genfromtxt(f"{m}/roc.csv", delimiter=",", names=True)
s, b = roc["signal_efficiency"], roc["background_efficiency"]
assert (np.diff(s) >= 0).all() and (np.diff(b) >= 0).all()
assert s[0] == 0 and b[0] == 0 and s[-1] == 1 and b[-1] == 1
auc = np.sum(np.diff(b) * (s[1:] + s[:-1]) / 2)
assert abs(auc - summary["auc_test"]) < 1e-9, (auc, summary["auc_test"])
# Φ(1.5/√2) = 0.856 for the optimal classifier; 1500 test events per class.
assert abs(summary["auc_test"] - 0.856) < 0.03, summary["auc_test"]
# scores_test.csv gives the same AUC (Mann-Whitney with ties counted one half).
t = np.genfromtxt(f"{m}/scores_test.csv", delimiter=",", names=True)
sig, bkg = t["score"][t["label"] == 1], t["score"][t["label"] == 0]
assert len(sig) == summary["signal"]["test_events"] and len(bkg) == summary["background"]["test_events"]
pairs = (sig[:, None] > bkg[None, :]).mean() + 0.5 * (sig[:, None] == bkg[None, :]).mean()
assert abs(pairs - summary["auc_test"]) < 1e-6, (pairs, summary["auc_test"])
rows = list(csv.reader(open(f"{m}/importance.csv")))
assert rows[0] == ["feature", "gain", "weight", "cover"] and rows[1][0] == "x", rows
# The scored file: the input plus /bdt/score in (0, 1), background-like on average.
with h5py.File(f"{w}/scored.h5", "r") as f, h5py.File(f"{w}/bkg.h5", "r") as g:
    score = f["bdt/score"][:]
    assert len(score) == 3000 and (score > 0).all() and (score < 1).all()
    assert score.mean() < 0.45, score.mean()
    assert np.array_equal(f["observables/x"][:], g["observables/x"][:])
    assert np.array_equal(f["events/event"][:], g["events/event"][:])
PY

# Bad input: one line, exit 2, nothing clobbered.
mkdir -p "$work/precious"
echo "keep" > "$work/precious/notes.txt"
expect_error "missing input" "missing.h5" \
  "$umbra" bdt train --signal "$work/missing.h5" --background "$work/bkg.h5" -o "$work/m2"
expect_error "schema mismatch" "mismatched signal/background schemas" \
  "$umbra" bdt train --signal "$work/sig.h5" --background "$work/bkg_two_fields.h5" -o "$work/m2"
expect_error "unknown feature" "no /observables/tau21" \
  "$umbra" bdt train --signal "$work/sig.h5" --background "$work/bkg.h5" --features x,tau21 -o "$work/m2"
expect_error "not a model directory" "not a BDT model directory" \
  "$umbra" bdt train --signal "$work/sig.h5" --background "$work/bkg.h5" -o "$work/precious"
expect_error "bad test fraction" "test_fraction" \
  "$umbra" bdt train --signal "$work/sig.h5" --background "$work/bkg.h5" --test-fraction 1 -o "$work/m2"
expect_error "apply without a feature" "no /observables/n_hits" \
  "$umbra" bdt apply --model "$work/model" "$work/bkg_two_fields.h5" -o "$work/s2.h5"
expect_error "apply without a model" "not a BDT model directory" \
  "$umbra" bdt apply --model "$work/precious" "$work/bkg.h5" -o "$work/s2.h5"
[ "$(cat "$work/precious/notes.txt")" = "keep" ] || fail "a non-model directory was touched"
[ ! -e "$work/m2" ] && [ ! -e "$work/s2.h5" ] || fail "a failed run left an output behind"
# Training with --features on the common observables works.
"$umbra" bdt train --signal "$work/sig.h5" --background "$work/bkg_two_fields.h5" --features x,noise \
  -o "$work/m3" --trees 10 > /dev/null 2>&1 || fail "bdt train --features x,noise"

finish bdt_workflow
