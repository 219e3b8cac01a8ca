#!/usr/bin/env bash
# ctest label "cluster": a real one-node Slurm (scripts/slurm-local) runs a 4-task array of a
# small plan with the slurm backend; the merged output must equal the local backend's for the
# same configuration and seeds (and one unsplit run). Exit 77 (ctest SKIP_RETURN_CODE) with the
# reason printed when the cluster cannot start; never reported as passed then.
umbra=$1
slurm_local=$2
data=$3
source "$(dirname "$0")/common.sh"

export UMBRA_SLURM_DIR=${UMBRA_SLURM_DIR:-/tmp/umbra-slurm}
started=0
if ! SLURM_CONF=$UMBRA_SLURM_DIR/slurm.conf sinfo -h > /dev/null 2>&1; then
  "$slurm_local" up > "$work/up.out" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    echo "SKIP: the one-node Slurm cluster did not start: $(tail -1 "$work/up.out")"
    exit 77
  fi
  started=1
fi
stop_cluster() { [ $started -eq 1 ] && "$slurm_local" down > /dev/null 2>&1; rm -rf "$work"; }
trap stop_cluster EXIT
export SLURM_CONF=$UMBRA_SLURM_DIR/slurm.conf

sed -e 's/^events = 1000$/events = 20/' "$data/../../configs/inclusive.toml" > "$work/inc.toml"
for d in slurm local; do
  "$umbra" batch plan "$work/inc.toml" -N 4 -M 5 -o "$work/$d" > /dev/null 2>&1 || fail "plan $d"
done
"$umbra" batch submit "$work/local" -j 2 > /dev/null 2>&1 || fail "local submit"
"$umbra" batch submit "$work/slurm" --backend slurm --time 00:10:00 --mem 1G > "$work/submit.out" 2>&1 || fail "sbatch: $(cat "$work/submit.out")"
grep -q "Submitted batch job" "$work/submit.out" || fail "no Slurm job id: $(cat "$work/submit.out")"
grep -q -- "--array=0-3" "$work/slurm/submit.sbatch" || fail "not a 4-task array"
for _ in $(seq 240); do
  "$umbra" batch status "$work/slurm" > "$work/status" 2>&1
  grep -q "4 done" "$work/status" && break
  grep -q " [1-9] failed" "$work/status" && break
  sleep 1
done
grep -q "4 done, 0 running, 0 failed, 0 missing" "$work/status" || fail "Slurm jobs did not all finish: $(cat "$work/status"; squeue; cat "$work"/slurm/logs/* 2>/dev/null | tail -20)"
ls "$work"/slurm/logs/slurm-*_3.log > /dev/null 2>&1 || fail "no per-task Slurm log"
"$umbra" batch merge "$work/slurm" -o "$work/slurm.h5" > /dev/null 2>&1 || fail "merge slurm"
"$umbra" batch merge "$work/local" -o "$work/local.h5" > /dev/null 2>&1 || fail "merge local"
"$python" - "$work" <<'PY' || fail "Slurm and local merged outputs differ"
import sys, h5py, numpy as np
w = sys.argv[1]
def load(name):
    with h5py.File(f"{w}/{name}", "r") as f:
        return {f"{g}/{d}": f[g][d][:] for g in f for d in f[g]}
a, b = load("slurm.h5"), load("local.h5")
assert a.keys() == b.keys()
assert len(a["events/event"]) == 20
for k in a:
    assert np.array_equal(a[k], b[k]), k
PY
finish batch_cluster
