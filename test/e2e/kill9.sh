# Cold starts killed with SIGKILL at random moments, 200 times, on one cache
# root as a server would see it (debris of earlier kills still there): the
# run after each kill works and sweeps what the killed one left, every
# published wheel directory matches its RECORD, and once no run is alive the
# work directory is empty.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)
"$PEX_TOOL" numpy==1.26.4 six==1.16.0 cowsay==6.1 -o "$work/app.pex" >/dev/null
inject "$work/app.pex" -o "$work/app.pexrc"
check='import numpy, six, cowsay; print(numpy.arange(6).reshape(2, 3).sum())'

# Every file RECORD lists is there with its hash (pyc and RECORD itself aside);
# prints how many wheels it checked.
verify_published() {
  "$py" - "$PEXRC_ROOT/wheels" <<'PY'
import base64, csv, glob, hashlib, os, sys
checked = 0
for wheel in glob.glob(os.path.join(sys.argv[1], "*")):
    for record in glob.glob(os.path.join(wheel, "*.dist-info", "RECORD")):
        checked += 1
        for row in csv.reader(open(record)):
            path, digest = row[0], row[1] if len(row) > 1 else ""
            if not digest:
                continue
            algo, _, want = digest.partition("=")
            data = open(os.path.join(wheel, path), "rb").read()
            got = base64.urlsafe_b64encode(hashlib.new(algo, data).digest()).rstrip(b"=").decode()
            if got != want:
                sys.exit("%s/%s does not match RECORD" % (wheel, path))
print(checked)
PY
}

kills=${KILL9_ROUNDS:-200}
max_debris=0
RANDOM=9  # the same sequence of delays every run
for ((i = 1; i <= kills; i++)); do
  # Published entries go, debris stays: every start is a cold one.
  rm -rf "$PEXRC_ROOT/venvs" "$PEXRC_ROOT/wheels" "$PEXRC_ROOT/code"
  delay=$(printf '0.%03d' $((RANDOM % 700)))
  "$work/app.pexrc" -c "$check" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  debris=$({ ls "$PEXRC_ROOT/work" 2>/dev/null || true; } | wc -l)  # no work/ yet: 0
  ((debris > max_debris)) && max_debris=$debris
  # What one killed run leaves is bounded by what one run builds at once
  # (three wheels, a venv, an interpreter identity), never the sum of kills.
  ((debris <= 5)) || { ls -l "$PEXRC_ROOT/work" >&2; exit 1; }
  if ((i % 40 == 0)); then
    verify_published >/dev/null
    [[ $("$work/app.pexrc" -c "$check") == 15 ]]
  fi
done
[[ $("$work/app.pexrc" -c "$check") == 15 ]]
checked=$(verify_published)
((checked == 3))
# The last run was warm and swept nothing; a cold one sweeps.
rm -rf "$PEXRC_ROOT/venvs"
[[ $("$work/app.pexrc" -c "$check") == 15 ]]
[[ -z $(ls -A "$PEXRC_ROOT/work") ]]
pass "$kills SIGKILLs at random moments: every run after them works, published wheels match RECORD, at most $max_debris work entries after a kill, none once no run is alive"
