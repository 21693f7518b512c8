# Acceptance 4: injection is byte-reproducible, whatever the number of jobs.
source "$(dirname "$0")/common.sh"

for app in cowsay greet; do
  inject "$FIXTURES/$app.pex" -o "$work/a.pexrc"
  inject "$FIXTURES/$app.pex" -o "$work/b.pexrc"
  inject --jobs 1 "$FIXTURES/$app.pex" -o "$work/j1.pexrc"
  inject --jobs 2 "$FIXTURES/$app.pex" -o "$work/j2.pexrc"
  cmp "$work/a.pexrc" "$work/b.pexrc"
  cmp "$work/j1.pexrc" "$work/j2.pexrc"
  cmp "$work/a.pexrc" "$work/j1.pexrc"
  [[ -x $work/a.pexrc ]]
  pass "$app: identical bytes twice and with --jobs 1 / --jobs 2"
done

# The default output name, and no temporary files left next to it.
cp "$FIXTURES/cowsay.pex" "$work/app.pex"
inject "$work/app.pex"
[[ -x $work/app.pexrc ]]
if cmp -s "$work/app.pexrc" "$work/a.pexrc"; then  # a.pexrc holds greet by now
  echo "different inputs gave the same output" >&2
  exit 1
fi
inject "$FIXTURES/cowsay.pex" -o "$work/c.pexrc"
cmp "$work/app.pexrc" "$work/c.pexrc"
[[ -z $(find "$work" -maxdepth 1 -name '.*tmp*') ]]
pass "default output name app.pex -> app.pexrc, no temporary files left"
