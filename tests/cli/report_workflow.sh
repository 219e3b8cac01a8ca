#!/usr/bin/env bash
# umbra report through the CLI, on synthetic observable files in the exact layout of
# `umbra observables` (docs/format.md) and a synthetic `umbra bdt train` model directory:
# index.html shows the BDT AUC and references PNGs that exist and are real plots; the
# single-observable weighted AUCs (separation.csv) equal a brute-force pair count; bad inputs
# (a missing file, zero events, no /observables, observables that differ between the samples)
# are listed in the page's problems section and on stderr, with exit status 0 while something
# can be reported and 1 when nothing can; a directory that is not a report is never replaced,
# a previous report is.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"

"$python" - "$work" <<'PY' || fail "writing the synthetic inputs"
import os, sys
import h5py
import numpy as np

work = sys.argv[1]
n = 700


def write(path, signal, seed, rename=None, n_events=n, observables=True):
    rng = np.random.default_rng(seed)
    sign = 1.0 if signal else -1.0
    columns = {
        "shift": rng.normal(0.6 * sign, 1.0, n_events),  # signal high
        "tau21": np.clip(rng.normal(0.4 if signal else 0.6, 0.15, n_events), 0, 1),  # signal low
        "angularity": rng.exponential(1.0, n_events),  # no separation
        "n_readout_hits": rng.poisson(25 if signal else 20, n_events).astype(float),  # integers, ties
        "avg_layer_hit": rng.normal(10, 3, n_events),
        "std_layer_hit": rng.normal(5 + sign, 2, n_events),
    }
    columns["tau21"][:: 10] = np.nan  # undefined for every tenth event
    columns["avg_layer_hit"] += 0.8 * columns["shift"]  # correlated
    with h5py.File(path, "w", track_order=True) as f:
        f.attrs["schema_version"] = np.int64(1)
        f.attrs["n_events"] = np.uint64(n_events)
        f.attrs["umbra_version"] = "0.0.0-test"
        f.attrs["command"] = f"umbra observables skim.h5 -o {os.path.basename(path)}"
        f.attrs["config"] = "[observables]\njet_radius = 0.4\n"
        f.attrs["inputs"] = "skim.h5 (1234 bytes, crc32 0badf00d)\n"
        # as src/analysis/Skim.cpp writes it: names quoted, quotes doubled
        f.attrs["cut_flow"] = (f'step,events,weight\n"all",{4 * n},{2.0 * n}\n'
                               f'"decay_vertex_z in [200, 2000] ""mm""",{2 * n},{1.0 * n}\n'
                               f'"n_readout_hits >= 10",{n},{0.5 * n}\n')
        if observables:
            g = f.create_group("observables", track_order=True)
            g.attrs["kind"] = "per-event"
            for name, values in columns.items():
                g.create_dataset((rename or {}).get(name, name), data=values)
        e = f.create_group("events", track_order=True)
        e.attrs["kind"] = "per-event"
        e["run"] = np.ones(n_events, np.int64)
        e["event"] = np.arange(n_events, dtype=np.int64)
        # weights that matter: background events with a large `shift` weigh 5 times more
        e["weight"] = np.where(columns["shift"] > 0.5, 5.0, 1.0) * (1.0 if signal else 0.01)
        e["tries"] = np.full(n_events, 3, np.uint64)
        b = f.create_group("bdt")
        b.attrs["kind"] = "per-event"
        b["score"] = 1 / (1 + np.exp(-columns["shift"]))


write(f"{work}/sig.h5", True, 1)
write(f"{work}/bkg.h5", False, 2)
write(f"{work}/bkg_renamed.h5", False, 3, rename={"std_layer_hit": "layer_spread"})
write(f"{work}/zero.h5", True, 4, n_events=0)
write(f"{work}/no_observables.h5", True, 5, observables=False)

model = f"{work}/model"
os.makedirs(model)
features = ["shift", "tau21", "n_readout_hits", "avg_layer_hit"]
with open(f"{model}/features.txt", "w") as f:
    f.write("\n".join(features) + "\n")
t = np.linspace(0, 1, 51)
for name, power in (("roc.csv", 4.0), ("roc_train.csv", 6.0)):
    with open(f"{model}/{name}", "w") as f:
        f.write("threshold,signal_efficiency,background_efficiency\n")
        for x in t:  # a smooth fake ROC curve: eff_b = eff_s ** power
            f.write(f"{x},{1 - x},{(1 - x) ** power}\n")
with open(f"{model}/importance.csv", "w") as f:
    f.write("feature,gain,weight,cover\nshift,12.5,40,300.0\ntau21,4.25,22,120.5\nn_readout_hits,1.5,9,40.0\n")
with open(f"{model}/summary.toml", "w") as f:
    f.write("auc_test = 0.91234\nauc_train = 0.93456\nn_train = 1000\nn_test = 400\n")
rng = np.random.default_rng(6)
with open(f"{model}/scores_test.csv", "w") as f:
    f.write("label,weight,score\n")
    for i in range(400):
        label = i % 2
        f.write(f"{label},{1.0 if label else 0.01},{rng.beta(4, 2) if label else rng.beta(2, 4)}\n")
PY

# --- a complete report ------------------------------------------------------------------------
report="$work/report"
"$umbra" report --signal "$work/sig.h5" --background "$work/bkg.h5" --model "$work/model" \
  --signal-label "ALP m=30 MeV" --background-label "deep conversion" -o "$report" > "$work/out" 2> "$work/err"
status=$?
[ $status -eq 0 ] || fail "report: exit status $status: $(cat "$work/err")"
[ -s "$work/err" ] && fail "report of good inputs printed on stderr: $(cat "$work/err")"
html="$report/index.html"
if [ -f "$html" ]; then
  grep -q "0.9123" "$html" || fail "index.html lacks the test AUC 0.9123 of summary.toml"
  grep -q "0.9346" "$html" || fail "index.html lacks the train AUC 0.9346 of summary.toml"
  grep -q "ALP m=30 MeV" "$html" || fail "index.html lacks the signal label"
  sed 's/<\/td>/|/g; s/<[^>]*>//g' "$html" > "$work/report.txt"  # the page's text, table cells ending in |
  grep -q 'decay_vertex_z in \[200, 2000\] &quot;mm&quot;|1.400|700|50.00%|50.00%|0.3333|' "$work/report.txt" \
    || fail "cut flow: a quoted step name, 1400 events, Σw 700, 50 % of all, 50 % of the previous, yield 700/2100"
  [ "$(grep -c 'n_readout_hits &gt;= 10|700|350|25.00%|50.00%|0.1667|' "$work/report.txt")" -eq 2 ] \
    || fail "cut flow of both samples: expected 700 events, Σw 350, 25 %, 50 %, yield 350/2100"
  grep -q "None: every input was read" "$html" || fail "good inputs: the problems section is not empty"
  grep -Eq '(src|href)="https?:' "$html" && fail "index.html loads a network resource"
  for png in roc.png bdt_scores.png importance.png correlation_signal.png correlation_background.png; do
    grep -q "src=\"$png\"" "$html" || fail "index.html does not show $png"
  done
  for name in shift tau21 angularity n_readout_hits avg_layer_hit std_layer_hit; do
    grep -Eq "src=\"obs_[0-9]+_$name.png\"" "$html" || fail "index.html has no histogram of $name"
  done
  # every referenced PNG exists and is a real plot (PNG signature, >= 300 px wide, > 8 kB)
  grep -o 'src="[^"]*"' "$html" | sed 's/src="//; s/"$//' | sort -u > "$work/pngs"
  [ "$(wc -l < "$work/pngs")" -eq 11 ] || fail "expected 11 distinct images in index.html, got $(wc -l < "$work/pngs")"
  "$python" - "$report" "$work/pngs" <<'PY' || fail "a referenced PNG is missing or trivial"
import os, struct, sys
for name in open(sys.argv[2]).read().split():
    path = os.path.join(sys.argv[1], name)
    head = open(path, "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{name}: not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    assert width >= 300 and height >= 200 and os.path.getsize(path) > 8000, f"{name}: {width}x{height}"
PY
else
  fail "no index.html"
fi
[ -f "$report/.umbra-report" ] || fail "no .umbra-report marker"
ls -a "$work" | grep -q '^\.report\.' && fail "temporary directories left behind: $(ls -a "$work")"

# single-observable AUCs: weighted pair counts done by brute force, and the signal-like side
"$python" - "$work" <<'PY' || fail "single-observable AUCs differ from a brute-force weighted pair count"
import csv, sys
import h5py
import numpy as np

work = sys.argv[1]
rows = {r["observable"]: r for r in csv.DictReader(open(f"{work}/report/separation.csv"))}
def load(path):
    with h5py.File(path) as f:
        return {k: f["observables"][k][:] for k in f["observables"]}, f["events/weight"][:]
(sig, ws), (bkg, wb) = load(f"{work}/sig.h5"), load(f"{work}/bkg.h5")
for name in sig:
    xs, xb = sig[name], bkg[name]
    ms, mb = np.isfinite(xs), np.isfinite(xb)
    xs, vs, xb, vb = xs[ms], ws[ms], xb[mb], wb[mb]
    pair = vs[:, None] * vb[None, :]
    auc = (pair * ((xs[:, None] > xb[None, :]) + 0.5 * (xs[:, None] == xb[None, :]))).sum() / pair.sum()
    got = float(rows[name]["auc"])
    assert abs(got - auc) < 1e-9, f"{name}: report {got}, brute force {auc}"
    assert abs(float(rows[name]["separation"]) - max(auc, 1 - auc)) < 1e-9, name
    assert int(rows[name]["signal_nan"]) == int((~ms).sum()), f"{name}: NaN count"
assert rows["shift"]["signal_like"] == "high" and rows["tau21"]["signal_like"] == "low"
assert float(rows["shift"]["separation"]) > 0.75 and float(rows["angularity"]["separation"]) < 0.6
order = [float(r["separation"]) for r in rows.values()]
assert order == sorted(order, reverse=True), "separation.csv not sorted by separation"
PY

# a previous report is replaced (stale files go), a directory that is not a report is not
touch "$report/stale.png"
"$umbra" report --signal "$work/sig.h5" --background "$work/bkg.h5" -o "$report" > /dev/null 2>&1 \
  || fail "rewriting a previous report failed"
[ -e "$report/stale.png" ] && fail "a file of the previous report survived"
[ -f "$report/roc.png" ] || fail "second report without the single-observable ROC curves"
grep -q "bdt_scores.png" "$report/index.html" || fail "the /bdt/score of the inputs are not shown without a model"
mkdir "$work/precious"
echo "keep" > "$work/precious/notes.txt"
"$umbra" report --signal "$work/sig.h5" --background "$work/bkg.h5" -o "$work/precious" > /dev/null 2> "$work/err"
status=$?
[ $status -eq 2 ] || fail "non-report output directory: exit status $status, expected 2"
grep -q "not an umbra report" "$work/err" || fail "non-report output directory: $(cat "$work/err")"
[ "$(cat "$work/precious/notes.txt")" = "keep" ] && [ "$(ls "$work/precious")" = "notes.txt" ] \
  || fail "a directory that is not a report was changed"

# --- bad inputs: the report is written with what exists, problems listed ----------------------
"$umbra" report --signal "$work/sig.h5" "$work/zero.h5" --background "$work/bkg.h5" "$work/missing.h5" \
  "$work/no_observables.h5" --model "$work/model" -o "$work/bad" > /dev/null 2> "$work/err"
status=$?
[ $status -eq 0 ] || fail "missing file: exit status $status, expected 0 (the rest can be reported)"
sed 's/<[^>]*>//g' "$work/bad/index.html" > "$work/bad.txt"  # the page's text
for fragment in "missing.h5: file not found" "zero.h5: 0 events" "no_observables.h5: no /observables group"; do
  grep -q "$fragment" "$work/err" || fail "stderr lacks '$fragment': $(cat "$work/err")"
  grep -q "$fragment" "$work/bad.txt" || fail "problems section lacks '$fragment'"
done
grep -q "Missing / problems (3)" "$work/bad/index.html" || fail "expected 3 problems in the page"
grep -q "0.9123" "$work/bad/index.html" || fail "the report with problems lost the model AUC"
grep -q 'src="roc.png"' "$work/bad/index.html" || fail "the report with problems lost the ROC curves"

"$umbra" report --signal "$work/sig.h5" --background "$work/bkg_renamed.h5" -o "$work/renamed" \
  > /dev/null 2> "$work/err" || fail "mismatched observables: non-zero exit status"
grep -q "only in the signal: std_layer_hit; only in the background: layer_spread" "$work/err" \
  || fail "mismatched observables not reported: $(cat "$work/err")"
grep -q "only in the signal: std_layer_hit" "$work/renamed/index.html" || fail "mismatch not in the page"
grep -Eq 'src="obs_[0-9]+_layer_spread.png"' "$work/renamed/index.html" \
  || fail "an observable of one sample only is not drawn"

"$umbra" report --signal "$work/missing.h5" --background "$work/zero.h5" -o "$work/nothing" > /dev/null 2> "$work/err"
status=$?
[ $status -eq 1 ] || fail "nothing to report: exit status $status, expected 1"
grep -q "nothing could be reported" "$work/err" || fail "nothing to report: $(cat "$work/err")"
grep -q "missing.h5" "$work/nothing/index.html" 2> /dev/null || fail "nothing to report: no page listing the problems"

UMBRA_PYTHON_DIR="$work/nowhere" expect_error "script not found" "report.py not found" \
  "$umbra" report --signal "$work/sig.h5" -o "$work/r"

finish report_workflow
