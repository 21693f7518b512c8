# One PEX carrying CPython 3.11 and 3.12 builds of a
# project with compiled (cp-tagged) wheels runs under both, each extracting
# only its own wheel.
source "$(dirname "$0")/common.sh"
py311=$(find_python 3.11)
py312=$(find_python 3.12)
"$PEX_TOOL" markupsafe==2.1.5 --python "$py311" --python "$py312" -o "$work/ms.pex" >/dev/null
unzip -Z1 "$work/ms.pex" | grep -E '^\.deps/MarkupSafe-[^/]*/$' | sort >"$work/wheels"
[[ $(wc -l <"$work/wheels") == 2 ]]
grep -q cp311 "$work/wheels"
grep -q cp312 "$work/wheels"
inject "$work/ms.pex" -o "$work/ms.pexrc"
program='import sys, markupsafe; print(sys.version_info[:2], markupsafe.escape("<a>"), markupsafe._speedups.__file__.rsplit("/", 1)[1])'

for v in 3.11 3.12; do
  py=$(find_python "$v")
  rm -rf "$PEXRC_ROOT"
  run_case ref "$py" "$work/ms.pex" -c "$program"
  PEX_PYTHON=$py run_case rc "$work/ms.pexrc" -c "$program"
  same_as ref rc
  grep -q "cpython-${v/./}" "$work/rc.out"  # the compiled speedups of this version were loaded
  extracted=$(ls -d "$PEXRC_ROOT"/wheels/*/MarkupSafe-2.1.5.dist-info | wc -l)
  tag=$(grep '^Tag:' "$PEXRC_ROOT"/wheels/*/MarkupSafe-2.1.5.dist-info/WHEEL | head -1)
  [[ $extracted == 1 && $tag == *cp${v/./}-cp${v/./}* ]]
  pass "CPython $v: $(cat "$work/rc.out"), extracted only the wheel tagged ${tag#Tag: }"
done

# An interpreter the PEX has no wheel for is rejected with the reason.
py310=$(find_python 3.10)
PEX_PYTHON=$py310 run_case none "$work/ms.pexrc" -c pass
[[ $(cat "$work/none.rc") == 68 ]]
grep -q "works with this interpreter" "$work/none.err"
pass "CPython 3.10 is refused: $(tail -1 "$work/none.err" | cut -c1-100)"
