# Every .pexrc carries a CycloneDX SBOM that matches PEX-INFO's
# distributions one for one, passes the reference validators (CycloneDX 1.6
# and, for `sbom --format spdx`, SPDX 2.3), is byte-reproducible, equals what
# `pexrc-inject sbom` gives for the plain PEX and what the app prints with
# PEXRC_TOOLS=1; an altered SBOM entry is refused.
source "$(dirname "$0")/common.sh"
use_pythons 3.11
# validate_sbom.py runs in the tools venv, where scripts/setup installs the validators.
validate() { "$TOOLS_PYTHON" "$(dirname "$0")/validate_sbom.py" "$@" >/dev/null; }

# components_match SBOM PEX: one component per PEX-INFO distribution, with
# the content hash PEXRC-INFO records when PEXRC is given.
components_match() {
  python3 - "$@" <<'PY'
import json, sys, zipfile
bom = json.load(open(sys.argv[1]))
pex_info = json.loads(zipfile.ZipFile(sys.argv[2]).read("PEX-INFO"))
refs = sorted(c["bom-ref"] for c in bom["components"])
assert refs == sorted(pex_info["distributions"]), (refs, sorted(pex_info["distributions"]))
deps = {d["ref"] for d in bom["dependencies"]}
assert deps == set(refs) | {"app"}, deps
if len(sys.argv) > 3:
    hashes = json.loads(zipfile.ZipFile(sys.argv[3]).read("PEXRC-INFO"))["wheel_hashes"]
    for c in bom["components"]:
        assert c["hashes"] == [{"alg": "SHA-256", "content": hashes[c["bom-ref"]]}], c
        assert c["purl"].startswith("pkg:pypi/"), c["purl"]
PY
}

# The medium app (scripts/bench's) and a PEX for two platforms.
"$PEX_TOOL" numpy==2.2.6 pandas==2.2.3 scipy==1.15.3 --python python3.11 -o "$work/medium.pex" >/dev/null
"$PEX_TOOL" pyyaml==6.0.2 --platform manylinux2014_x86_64-cp-311-cp311 \
  --platform manylinux2014_aarch64-cp-311-cp311 -o "$work/yaml.pex" >/dev/null
cp "$FIXTURES/cowsay.pex" "$work/cowsay.pex"

for app in cowsay medium yaml; do
  inject --target x86_64-linux "$work/$app.pex" -o "$work/$app.pexrc"
  "$PEXRC_INJECT" sbom "$work/$app.pexrc" -o "$work/$app.cdx.json"
  validate "$work/$app.cdx.json" --format cyclonedx
  components_match "$work/$app.cdx.json" "$work/$app.pex" "$work/$app.pexrc"
  "$PEXRC_INJECT" sbom "$work/$app.pex" | cmp - "$work/$app.cdx.json"
  "$PEXRC_INJECT" sbom "$work/$app.pexrc" --format spdx -o "$work/$app.spdx.json"
  validate "$work/$app.spdx.json" --format spdx
  "$PEXRC_INJECT" sbom "$work/$app.pex" --format spdx | cmp - "$work/$app.spdx.json"
  inject --target x86_64-linux "$work/$app.pex" -o "$work/$app-again.pexrc"
  cmp "$work/$app.pexrc" "$work/$app-again.pexrc"
  pass "$app: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["components"]))' "$work/$app.cdx.json") components, valid CycloneDX 1.6 and SPDX 2.3, the same from the .pexrc and the PEX, byte-reproducible"
done

# The app prints its own; info names it.
[[ $(PEXRC_TOOLS=1 "$work/cowsay.pexrc" sbom | sha256sum) == $(sha256sum <"$work/cowsay.cdx.json") ]]
"$PEXRC_INJECT" info --json "$work/cowsay.pexrc" | python3 -c '
import json, sys
sbom = json.load(sys.stdin)["sbom"]
assert sbom["entry"] == "PEXRC-SBOM.cdx.json" and sbom["format"] == "CycloneDX 1.6", sbom'
grep -q '"licenses"' "$work/cowsay.cdx.json"
python3 - "$work/yaml.cdx.json" <<'PY'
import json, sys
bom = json.load(open(sys.argv[1]))
tags = sorted(p["value"] for c in bom["components"] for p in c.get("properties", [])
              if p["name"] == "pexrc:wheel_tag")
assert any("aarch64" in t for t in tags) and any("x86_64" in t for t in tags), tags
PY
pass "PEXRC_TOOLS=1 ./app sbom prints the stored SBOM; info --json names it; both platforms' wheels listed"

# SOURCE_DATE_EPOCH gives the document a time; without it there is none.
SOURCE_DATE_EPOCH=1700000000 "$PEXRC_INJECT" sbom "$work/cowsay.pex" >"$work/dated.json"
grep -q '"timestamp": "2023-11-14T22:13:20Z"' "$work/dated.json"
expect_fails grep -q '"timestamp"' "$work/cowsay.cdx.json"
refused bad-epoch 64 "SOURCE_DATE_EPOCH must be a number of seconds, not 'soon'" \
  env SOURCE_DATE_EPOCH=soon "$PEXRC_INJECT" sbom "$work/cowsay.pex"
pass "SOURCE_DATE_EPOCH: a timestamp only when set"

# Altered: same length, CRCs fixed, so only the SHA-256 PEXRC-INFO records can tell.
sed 's/"name": "cowsay"/"name": "cowsaX"/' "$work/cowsay.cdx.json" >"$work/forged.json"
cp "$work/cowsay.pexrc" "$work/forged.pexrc"
surgery replace-stored "$work/forged.pexrc" PEXRC-SBOM.cdx.json "$work/forged.json"
refused verify-forged 76 "PEXRC-SBOM.cdx.json was altered" "$PEXRC_INJECT" verify "$work/forged.pexrc"
refused sbom-forged 76 "PEXRC-SBOM.cdx.json was altered" "$PEXRC_INJECT" sbom "$work/forged.pexrc"
refused tool-forged 76 "PEXRC-SBOM.cdx.json was altered" env PEXRC_TOOLS=1 "$work/forged.pexrc" sbom
pass "an altered SBOM entry: verify, sbom and the app refuse it (exit 76)"
