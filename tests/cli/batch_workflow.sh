#!/usr/bin/env bash
# umbra batch: plan -> local submit -> merge gives exactly the events of one unsplit `umbra sim`
# run; killing a worker mid-way is reported (failed/missing), `resume` completes only what is
# missing and the merge is again identical; count = "accepted" plans give each job its own
# window of tries; Slurm/HTCondor dry runs write their submit files; bad requests give one
# clear line and exit 2.
umbra=$1
data=$2
source "$(dirname "$0")/common.sh"
configs="$data/../../configs"

# A small inclusive job (configs/inclusive.toml, 20 events).
sed -e 's/^events = 1000$/events = 20/' "$configs/inclusive.toml" > "$work/inc.toml"
grep -q '^events = 20$' "$work/inc.toml" || fail "could not make the 20-event config"
"$umbra" sim -c "$work/inc.toml" -j 2 -o "$work/one.h5" > /dev/null 2>&1 || fail "unsplit umbra sim"

# plan + submit + merge
"$umbra" batch plan "$work/inc.toml" --jobs 4 --events-per-job 5 -o "$work/plan" > "$work/out" 2>&1 || fail "plan: $(cat "$work/out")"
grep -q "4 jobs x 5 simulated events" "$work/out" || fail "plan summary: $(cat "$work/out")"
[ -f "$work/plan/manifest.toml" ] && [ -f "$work/plan/jobs/job-0003.toml" ] || fail "plan files missing"
grep -q '^first_event = 15$' "$work/plan/jobs/job-0003.toml" || fail "job 3 does not start at event 15"
"$umbra" batch status "$work/plan" > "$work/out" 2>&1 || fail "status of a new plan"
grep -q "0 done, 0 running, 0 failed, 4 missing" "$work/out" || fail "status of a new plan: $(cat "$work/out")"
"$umbra" batch submit "$work/plan" --backend local -j 2 > "$work/submit.out" 2>&1 || fail "submit: $(cat "$work/submit.out")"
grep -q "4 done, 0 failed" "$work/submit.out" || fail "submit summary: $(cat "$work/submit.out")"
grep -q "\[4/4 done" "$work/submit.out" || fail "no progress across jobs: $(cat "$work/submit.out")"
[ -s "$work/plan/logs/job-0002.log" ] || fail "no per-job log"
"$umbra" batch status "$work/plan" > "$work/out" 2>&1
grep -q "4 done, 0 running, 0 failed, 0 missing" "$work/out" || fail "status after submit: $(cat "$work/out")"
"$umbra" batch merge "$work/plan" -o "$work/merged.h5" > "$work/out" 2>&1 || fail "merge: $(cat "$work/out")"
grep -q "20 events" "$work/out" || fail "merge summary: $(cat "$work/out")"
expect_error "submit twice" "already submitted" "$umbra" batch submit "$work/plan"
"$umbra" batch resume "$work/plan" > "$work/out" 2>&1 || fail "resume of a complete plan"
grep -q "nothing to run" "$work/out" || fail "resume of a complete plan: $(cat "$work/out")"

# The kill test: kill one worker mid-way; status says failed, resume completes it.
"$umbra" batch plan "$work/inc.toml" --jobs 4 --events-per-job 5 -o "$work/kill" > /dev/null 2>&1 || fail "plan (kill)"
"$umbra" batch submit "$work/kill" -j 2 > "$work/kill.out" 2>&1 &
submit_pid=$!
killed=$("$python" - "$work/kill/manifest.toml" <<'PY'
import sys, time, tomllib, os, signal
deadline = time.time() + 60
while time.time() < deadline:
    try:
        with open(sys.argv[1], "rb") as f:
            jobs = tomllib.load(f)["jobs"]
    except (OSError, tomllib.TOMLDecodeError):
        jobs = []
    for j in jobs:
        if j["status"] == "running" and j["pid"] > 0:
            try:
                os.kill(j["pid"], signal.SIGKILL)
            except ProcessLookupError:
                continue
            print(j["index"])
            sys.exit(0)
    time.sleep(0.01)
sys.exit(1)
PY
) || fail "found no running worker to kill"
wait $submit_pid
[ $? -eq 2 ] || fail "submit with a killed worker should exit 2: $(cat "$work/kill.out")"
grep -q "1 of 4 jobs failed" "$work/kill.out" || fail "submit does not report the killed job: $(cat "$work/kill.out")"
grep -q "killed by signal 9" "$work/kill.out" || fail "submit does not say how the job ended: $(cat "$work/kill.out")"
# Also lose a finished output (the other kind of damage).
lost=$(( (killed + 1) % 4 ))
rm -f "$work/kill/out/job-000$lost.h5"
"$umbra" batch status "$work/kill" > "$work/out" 2>&1
grep -q "2 done, 0 running, 1 failed, 1 missing" "$work/out" || fail "status after the kill: $(cat "$work/out")"
grep -q "job-000$killed  failed" "$work/out" || fail "killed job $killed not failed: $(cat "$work/out")"
grep -q "job-000$lost  missing" "$work/out" || fail "job $lost with its output removed not missing: $(cat "$work/out")"
expect_error "merge of an incomplete plan" "the plan is incomplete" "$umbra" batch merge "$work/kill" -o "$work/x.h5"
[ ! -e "$work/x.h5" ] || fail "merge of an incomplete plan left an output"
"$umbra" batch resume "$work/kill" -j 2 > "$work/out" 2>&1 || fail "resume: $(cat "$work/out")"
grep -q "2 of 4 jobs" "$work/out" || fail "resume should run exactly the 2 damaged jobs: $(cat "$work/out")"
"$umbra" batch status "$work/kill" | grep -q "4 done, 0 running, 0 failed, 0 missing" || fail "status after resume"
"$umbra" batch merge "$work/kill" -o "$work/resumed.h5" > /dev/null 2>&1 || fail "merge after resume"

"$python" - "$work" <<'PY' || fail "merged outputs differ from the unsplit run"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in f for d in f[g]}
one = load("one.h5")
assert len(one["events/event"]) == 20 and (one["events/event"] == np.arange(20)).all()
assert any(k.startswith("ecal_sim_hits/") or k.startswith("ecal_rec_hits/") for k in one), sorted(one)
for name in ("merged.h5", "resumed.h5"):
    other = load(name)
    assert one.keys() == other.keys(), name
    for k in one:
        assert np.array_equal(one[k], other[k]), f"{name}: {k}"
with h5py.File(f"{w}/merged.h5") as f:
    assert "kill" not in f.attrs["inputs"] and f.attrs["inputs"].count("crc32") == 4, f.attrs["inputs"]
PY

# count = "accepted" (deep conversion): job K draws its accepted events from tries
# [K W, (K + 1) W); it equals `umbra sim --first-event K W` on the same config.
sed -e 's/^events = 1000 .*/events = 2/' "$configs/deep-conversion.toml" > "$work/dc.toml"
"$umbra" batch plan "$work/dc.toml" -N 2 -M 2 --tries-per-job 5000 -o "$work/dc" > "$work/out" 2>&1 || fail "plan (accepted): $(cat "$work/out")"
grep -q "2 jobs x 2 accepted events" "$work/out" || fail "accepted plan summary: $(cat "$work/out")"
"$umbra" batch submit "$work/dc" -j 2 > /dev/null 2>&1 || fail "submit (accepted)"
"$umbra" batch merge "$work/dc" -o "$work/dc-merged.h5" > /dev/null 2>&1 || fail "merge (accepted)"
"$umbra" sim -c "$work/dc.toml" -o "$work/dc0.h5" > /dev/null 2>&1 || fail "sim job 0 window"
"$umbra" sim -c "$work/dc.toml" --first-event 5000 -o "$work/dc1.h5" > /dev/null 2>&1 || fail "sim job 1 window"
"$python" - "$work" <<'PY' || fail "accepted plan differs from the per-window runs"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in f for d in f[g]}
m, a, b = load("dc-merged.h5"), load("dc0.h5"), load("dc1.h5")
ev = m["events/event"]
assert len(ev) == 4 and (ev[:2] < 5000).all() and (ev[2:] >= 5000).all(), ev
for k in ("events/event", "events/weight", "events/tries", "events/conversion_vertex_z"):
    assert np.array_equal(m[k], np.concatenate([a[k], b[k]])), k
PY

# Slurm and HTCondor dry runs.
"$umbra" batch plan "$work/inc.toml" -N 3 -M 2 -o "$work/cluster" > /dev/null 2>&1 || fail "plan (cluster)"
"$umbra" batch submit "$work/cluster" --backend slurm --dry-run --time 00:10:00 --mem 1G --partition debug > "$work/out" 2>&1 || fail "slurm dry run: $(cat "$work/out")"
grep -q "sbatch $work/cluster/submit.sbatch" "$work/out" || fail "slurm dry run prints no sbatch command: $(cat "$work/out")"
grep -q -- "--array=0-2" "$work/cluster/submit.sbatch" || fail "no --array=0-2"
grep -q -- "--partition=debug" "$work/cluster/submit.sbatch" || fail "no --partition"
bash -n "$work/cluster/submit.sbatch" || fail "submit.sbatch is not valid bash"
"$umbra" batch submit "$work/cluster" --backend condor --dry-run --image /images/umbra.sif > "$work/out" 2>&1 || fail "condor dry run"
grep -q "condor_submit $work/cluster/submit.condor" "$work/out" || fail "condor dry run prints no command: $(cat "$work/out")"
grep -q "^queue 3$" "$work/cluster/submit.condor" || fail "no queue 3"
grep -q "^container_image = /images/umbra.sif$" "$work/cluster/submit.condor" || fail "no container image"
mkdir -p "$work/empty"
expect_error "slurm without sbatch" "sbatch not found" env PATH="$work/empty" "$umbra" batch submit "$work/cluster" --backend slurm
# Submission through a (stand-in) sbatch records the jobs queued: no double submission.
mkdir -p "$work/fakebin"
printf '#!/bin/sh\necho "Submitted batch job 42 ($1)"\n' > "$work/fakebin/sbatch"
chmod +x "$work/fakebin/sbatch"
PATH="$work/fakebin:$PATH" "$umbra" batch submit "$work/cluster" --backend slurm > "$work/out" 2>&1 || fail "submit via sbatch: $(cat "$work/out")"
grep -q "Submitted batch job 42 ($work/cluster/submit.sbatch)" "$work/out" || fail "sbatch not run on the script: $(cat "$work/out")"
"$umbra" batch status "$work/cluster" | grep -q "0 done, 0 running, 0 failed, 0 missing, 3 queued" || fail "submitted jobs not queued: $("$umbra" batch status "$work/cluster")"
expect_error "submit twice to slurm" "already submitted" env PATH="$work/fakebin:$PATH" "$umbra" batch submit "$work/cluster" --backend slurm
"$umbra" batch resume "$work/cluster" --backend slurm --dry-run > "$work/out" 2>&1 || fail "resume dry run"
grep -q "3 jobs queued on a cluster are left alone" "$work/out" || fail "resume touched queued jobs: $(cat "$work/out")"
"$umbra" batch resume "$work/cluster" --backend slurm --dry-run --requeue > /dev/null 2>&1 || fail "resume --requeue"
grep -q -- "--array=0-2" "$work/cluster/submit.sbatch" || fail "--requeue did not resubmit the queued jobs"
# A Slurm array task runs `umbra batch run-job DIR $SLURM_ARRAY_TASK_ID`.
SLURM_ARRAY_TASK_ID=1 bash -c '"$1" batch run-job "$2" "$SLURM_ARRAY_TASK_ID"' - "$umbra" "$work/cluster" > /dev/null 2>&1 || fail "run-job 1"
"$umbra" batch status "$work/cluster" | grep -q "1 done, 0 running, 0 failed, 0 missing, 2 queued" || fail "status after run-job 1"

# Bad input.
expect_error "N = 0" "jobs must be at least 1" "$umbra" batch plan "$work/inc.toml" -N 0 -M 5 -o "$work/bad"
expect_error "M = 0" "events-per-job must be at least 1" "$umbra" batch plan "$work/inc.toml" -N 2 -M 0 -o "$work/bad"
touch "$work/afile"
printf '[sim]\nevnts = 3\n' > "$work/typo.toml"
expect_error "unwritable directory" "cannot create the plan directory" "$umbra" batch plan "$work/inc.toml" -N 2 -M 5 -o "$work/afile/plan"
expect_error "another plan in the directory" "already holds another plan" "$umbra" batch plan "$work/inc.toml" -N 2 -M 5 -o "$work/plan"
[ ! -e "$work/bad" ] || fail "a failed plan left a directory behind"
ls -a "$work" | grep -q "\.plan-" && fail "a staging directory was left behind"
"$umbra" batch plan "$work/inc.toml" --jobs 4 --events-per-job 5 -o "$work/plan" > "$work/out" 2>&1 || fail "the same plan again"
grep -q "already holds this plan" "$work/out" || fail "the same plan again: $(cat "$work/out")"
printf '[analysis]\nx = 1\n' > "$work/nosim.toml"
expect_error "no job table" "produce alp and produce darkphoton configurations" "$umbra" batch plan "$work/nosim.toml" -N 2 -M 5 -o "$work/bad"
expect_error "a config with a typo" "evnts" "$umbra" batch plan "$work/typo.toml" -N 2 -M 5 -o "$work/bad"
expect_error "not a plan" "holds no batch plan" "$umbra" batch status "$work/empty"
expect_error "unknown backend" "the backends are local, slurm and condor" "$umbra" batch resume "$work/plan" --backend pbs
expect_error "mixing plans of different configurations" "another configuration" "$umbra" batch merge "$work/plan" "$work/dc" -o "$work/x.h5"
expect_error "the same plan twice" "overlapping" "$umbra" batch merge "$work/plan" "$work/kill" -o "$work/x.h5"
[ ! -e "$work/x.h5" ] || fail "a refused merge left an output"

# An `umbra produce alp` configuration: job K is its own generator run with seed = base + K,
# the merge keeps the cross-section weights (pb).
"$umbra" batch plan "$configs/alp-uniform.toml" -N 2 -M 3 -o "$work/alpplan" > "$work/out" 2>&1 || fail "plan alp: $(cat "$work/out")"
grep -q "^seed = 2" "$work/alpplan/jobs/job-0001.toml" || fail "alp plan: job 1 is not generator seed 2: $(cat "$work/alpplan/jobs/job-0001.toml")"
"$umbra" batch submit "$work/alpplan" -j 2 > /dev/null 2>&1 || fail "submit alp plan"
"$umbra" batch merge "$work/alpplan" -o "$work/alp.h5" > /dev/null 2>&1 || fail "merge alp plan"
"$umbra" h5 info "$work/alp.h5" | grep -q "cross-section .* pb" || fail "merged alp plan: weights are not cross-sections"
"$python" - "$work" <<'PY' || fail "alp plan: jobs"
import sys, h5py
w = sys.argv[1]
seeds = [int(h5py.File(f"{w}/alpplan/out/job-000{k}.h5").attrs["seed"]) for k in range(2)]
assert seeds == [1, 2], seeds
with h5py.File(f"{w}/alp.h5") as f:
    assert len(f["events/weight"]) == 6
    z = f["events/decay_vertex_z"][:]
    assert (z >= 200).all() and (z <= 2000).all(), z
PY

# An `umbra produce darkphoton` configuration: the library is made once, beside the plan, and
# every job simulates with it; the merged events each carry their A'.
sed -e 's/^library_events = .*/library_events = 300/' "$data/../../configs/darkphoton.toml" > "$work/dp.toml"
"$umbra" batch plan "$work/dp.toml" -N 2 -M 2 -o "$work/dpplan" > "$work/out" 2>&1 || fail "plan darkphoton: $(cat "$work/out")"
ls "$work"/dpplan_library/*.csv.gz > /dev/null 2>&1 || fail "darkphoton plan: no library beside the plan"
grep -Eq "type = .dark_brem." "$work/dpplan/jobs/job-0001.toml" || fail "darkphoton plan: the job is not a dark-brem simulation"
"$umbra" batch submit "$work/dpplan" -j 2 > /dev/null 2>&1 || fail "submit darkphoton plan"
"$umbra" batch merge "$work/dpplan" -o "$work/dp.h5" > /dev/null 2>&1 || fail "merge darkphoton plan"
"$python" - "$work/dp.h5" <<'PY' || fail "darkphoton plan: merged events"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1]) as f:
    o, pdg = f["particles/offsets"][:], f["particles/pdg"][:]
    assert len(o) == 5, len(o)
    for i in range(4):
        assert (pdg[o[i]:o[i + 1]] == 622).sum() == 1, i
PY
finish batch_workflow
