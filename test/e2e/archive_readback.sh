# Acceptance 3: an independent reader (libarchive) reads every entry of the
# .pexrc back with the input's content; unzip reads PEX-INFO.
source "$(dirname "$0")/common.sh"
py=$(find_python 3.11)

for app in cowsay greet; do
  in=$FIXTURES/$app.pex out=$work/$app.pexrc
  inject "$in" -o "$out"
  "$ARCHIVE_DIGEST" "$in" | grep -Ev ' (\.bootstrap/|__pex__/|__main__\.py$)' >"$work/in.txt"
  "$ARCHIVE_DIGEST" "$out" | grep -Ev ' (PEXRC-INFO|PEXRC-SBOM\.cdx\.json|__main__\.py)$' >"$work/all-out.txt"
  # The input's entries, and the bytecode pexrc-inject compiled (read back too).
  grep -v ' PEXRC-BYTECODE/' "$work/all-out.txt" >"$work/out.txt"
  (($(grep -c ' PEXRC-BYTECODE/.*\.pyc$' "$work/all-out.txt") > 0))
  [[ $(wc -l <"$work/in.txt") -gt 5 ]]
  diff "$work/in.txt" "$work/out.txt"
  unzip -p "$in" PEX-INFO >"$work/in.pex-info"
  unzip -p "$out" PEX-INFO >"$work/out.pex-info"
  cmp "$work/in.pex-info" "$work/out.pex-info"

  # Every recompressed entry is zstd (93) or stored (0); nothing is left deflated,
  # and the entries Python itself must read stay stored.
  "$py" - "$out" <<'PY'
import sys, zipfile
infos = zipfile.ZipFile(sys.argv[1]).infolist()
assert [i.filename for i in infos[:3]] == ["PEX-INFO", "PEXRC-INFO", "__main__.py"], infos[:3]
assert all(i.compress_type == 0 for i in infos[:3])
methods = {i.compress_type for i in infos}
assert methods <= {0, 93}, methods
assert 93 in methods, methods
assert not any(i.filename.startswith((".bootstrap/", "__pex__/")) for i in infos)
PY
  pass "$app: $(wc -l <"$work/out.txt") entries read back by libarchive match the input"
done
