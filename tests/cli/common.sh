# Shared by the CLI test scripts (sourced: `source "$(dirname "$0")/common.sh"` after reading
# their arguments). Provides $work (a temporary directory removed at exit), $python (Debian's
# interpreter with numpy and h5py), fail, expect_error and finish.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
python=/usr/bin/python3

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_error NAME FRAGMENT COMMAND...: the command must exit with status 2 and print exactly
# one line on stderr, containing FRAGMENT.
expect_error() {
  local name=$1 fragment=$2
  shift 2
  "$@" > "$work/stdout" 2> "$work/stderr"
  local status=$?
  [ $status -eq 2 ] || fail "$name: exit status $status, expected 2"
  grep -q "$fragment" "$work/stderr" || fail "$name: expected '$fragment', got: $(cat "$work/stderr")"
  [ "$(wc -l < "$work/stderr")" -eq 1 ] || fail "$name: more than one line on stderr: $(cat "$work/stderr")"
}

# finish NAME: report and set the exit status.
finish() {
  if [ $failures -eq 0 ]; then
    echo "$1: all checks passed"
    exit 0
  fi
  echo "$1: $failures failures"
  exit 1
}
