# Acceptance 6: 8 simultaneous cold starts of one app all succeed.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)

inject "$FIXTURES/greet.pex" -o "$work/greet.pexrc"
"$py" "$FIXTURES/greet.pex" one two >"$work/expected"
for round in 1 2 3; do
  rm -rf "$PEXRC_ROOT"
  "$RUN_CONCURRENTLY" 8 "$work/expected" "$work/greet.pexrc" one two
  # Nothing half-built is left behind: every work dir was published or removed.
  [[ -z $(find "$PEXRC_ROOT/work" -mindepth 1 -maxdepth 1 2>/dev/null) ]]
  pass "round $round: 8 concurrent cold starts"
done

# A second app that ships the same wheel reuses it: one wheel dir for six.
inject "$FIXTURES/six.pex" -o "$work/six.pexrc"
"$work/six.pexrc" -c 'import six' >/dev/null
[[ $(ls -d "$PEXRC_ROOT"/wheels/*/six-1.16.0.dist-info | wc -l) == 1 ]]
pass "the six wheel is stored once and shared by both apps"
