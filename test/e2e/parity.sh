# Acceptance 2: pex and pexrc give the same stdout and exit status, cold and
# warm, run as ./app.pexrc and as python app.pexrc.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
py=$(find_python 3.11)

check_app() {
  local app=$1
  shift
  inject "$FIXTURES/$app.pex" -o "$work/$app.pexrc"
  [[ -x $work/$app.pexrc ]]
  local i=0 args
  for args in "$@"; do
    i=$((i + 1))
    eval "set -- $args"
    run_case ref "$py" "$FIXTURES/$app.pex" "$@"
    rm -rf "$PEXRC_ROOT"
    run_case cold "$work/$app.pexrc" "$@"
    run_case warm "$work/$app.pexrc" "$@"
    rm -rf "$PEXRC_ROOT"
    run_case py_cold "$py" "$work/$app.pexrc" "$@"
    run_case py_warm "$py" "$work/$app.pexrc" "$@"
    for k in cold warm py_cold py_warm; do same_as ref "$k"; done
    if [[ ! -s $work/ref.out && $(cat "$work/ref.rc") == 0 ]]; then
      echo "reference run printed nothing" >&2
      exit 1
    fi
    pass "$app [$args] exit $(cat "$work/ref.rc"): cold, warm, python app.pexrc"
  done
}

check_app cowsay "-t Moo!" "-t 'hello world' -c tux" "-h" "-c nosuch -t x"
check_app cowsay.venv "-t Moo!" "-c nosuch -t x"
check_app greet "" "a b c" "--exit 3" "--exit 0" "--raise"

# Only what the app ships is extracted: cowsay has no user code, greet's is
# just its package (no PEX-INFO, PEXRC-INFO or __main__.py).
rm -rf "$PEXRC_ROOT"
"$work/cowsay.pexrc" -t x >/dev/null
[[ ! -e $PEXRC_ROOT/code ]]
"$work/greet.pexrc" >/dev/null
[[ $(ls "$PEXRC_ROOT"/code/*) == greet ]]
pass "the cache holds the app's own code and wheels only"
