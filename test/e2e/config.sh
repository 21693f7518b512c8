# Pexrc-inject reads defaults from ./pexrc.toml, else [tool.pexrc]
# in ./pyproject.toml, or --config FILE; flags override the file; bad files
# are one-line errors naming file, line and key (status 78).
source "$(dirname "$0")/common.sh"
cp "$FIXTURES/cowsay.pex" "$work/app.pex"
cd "$work"
mkdir plain
inject --no-config app.pex -o plain/level3.pexrc
inject --no-config --compression-level 19 app.pex -o plain/level19.pexrc
expect_fails cmp -s plain/level3.pexrc plain/level19.pexrc

# The file's values apply...
printf 'compression-level = 19\njobs = 1\noutput = "from-config.pexrc"\n' >pexrc.toml
"$PEXRC_INJECT" --help | grep -qx "Here: ./pexrc.toml."
inject app.pex
cmp from-config.pexrc plain/level19.pexrc
pass "pexrc.toml sets compression-level, jobs and output"
# ... and flags win over them.
inject app.pex --compression-level 3 -o flag.pexrc
cmp flag.pexrc plain/level3.pexrc
[[ ! -e app.pexrc ]]
pass "flags override pexrc.toml"
inject --no-config app.pex
cmp app.pexrc plain/level3.pexrc
rm app.pexrc
pass "--no-config reads nothing"

# targets and quiet; pexrc.toml wins over pyproject.toml.
# (The sanitizer build embeds the host's launcher only.)
if [[ " $LAUNCHER_TARGETS " == *" aarch64-linux "* ]]; then
  printf 'targets = ["aarch64-linux-gnu", "x86_64-linux"]\nquiet = true\n' >pexrc.toml
  wanted="x86_64-linux aarch64-linux"
else
  printf 'targets = ["x86_64-linux-gnu"]\nquiet = true\n' >pexrc.toml
  wanted=x86_64-linux
fi
printf '[tool.pexrc]\ncompression-level = 19\n' >pyproject.toml
run_case targets "$PEXRC_INJECT" app.pex -o 'multi-{target}.pexrc'
[[ $(cat targets.rc) == 0 && ! -s targets.err ]]
for t in $wanted; do [[ -f multi-$t.pexrc ]]; done
[[ $(ls multi-*.pexrc | wc -l) == $(wc -w <<<"$wanted") ]]
cmp multi-x86_64-linux.pexrc plain/level3.pexrc  # and not pyproject.toml's level 19
pass "targets (pex's aliases too) and quiet from pexrc.toml"

# [tool.pexrc] in pyproject.toml when there is no pexrc.toml; --config names a file.
rm pexrc.toml
"$PEXRC_INJECT" --help | grep -qx "Here: ./pyproject.toml \[tool.pexrc\]."
inject app.pex -o py.pexrc
cmp py.pexrc plain/level19.pexrc
mkdir conf
printf 'compression-level = 3\n' >conf/other.toml
inject --config conf/other.toml app.pex -o named.pexrc
cmp named.pexrc plain/level3.pexrc
pass "[tool.pexrc] of pyproject.toml, and --config FILE"
printf '[project]\nname = "x"\n' >pyproject.toml
inject app.pex -o no-table.pexrc
cmp no-table.pexrc plain/level3.pexrc
pass "a pyproject.toml without [tool.pexrc] sets nothing"

# Bad files: file, line, key, and status 78; nothing written.
bad_config() {  # NAME FILE-TEXT PATTERN
  printf '%b' "$2" >pexrc.toml
  refused "$1" 78 "$3" "$PEXRC_INJECT" app.pex -o bad.pexrc
  [[ ! -e bad.pexrc ]]
}
bad_config unknown-key 'jobs = 1\nlevel = 3\n' "^pexrc-inject: \./pexrc\.toml:2: key 'level': unknown \(known: targets, compression-level, jobs, output, quiet, compile, compile-for\)$"
bad_config wrong-type 'compression-level = "high"\n' "^pexrc-inject: \./pexrc\.toml:1: key 'compression-level': must be an integer, not a string$"
bad_config out-of-range '\n\njobs = 0\n' "^pexrc-inject: \./pexrc\.toml:3: key 'jobs': must be between 1 and 1024, not 0$"
bad_config bad-target 'targets = ["x86_64-linux",\n  "sparc64"]\n' "^pexrc-inject: \./pexrc\.toml:2: key 'targets': unknown --target 'sparc64'"
bad_config not-a-list 'targets = "x86_64-linux"\n' "^pexrc-inject: \./pexrc\.toml:1: key 'targets': must be an array of target names, not a string$"
bad_config bad-bool 'quiet = "yes"\n' "^pexrc-inject: \./pexrc\.toml:1: key 'quiet': must be true or false, not a string$"
bad_config not-toml 'jobs = = 2\n' "^pexrc-inject: \./pexrc\.toml:1: not valid TOML: "
bad_config bad-compile 'compile = 0\n' "^pexrc-inject: \./pexrc\.toml:1: key 'compile': must be true or false, not an integer$"
bad_config bad-compile-for 'compile-for = ["python3.11", 3]\n' "^pexrc-inject: \./pexrc\.toml:1: key 'compile-for': must hold non-empty strings, not an integer$"
printf 'compile-for = ["python2.9"]\n' >pexrc.toml
refused missing-python 64 "^pexrc-inject: interpreter to compile for 'python2\.9': not found on PATH$" \
  "$PEXRC_INJECT" app.pex -o bad.pexrc
[[ ! -e bad.pexrc ]]

# Bytecode: compile = false ships none, compile-for names the interpreters,
# and the flags win (--compile-for over the file's list, --no-compile over both).
py311=$(find_python 3.11)
printf 'compile = false\n' >pexrc.toml
inject app.pex -o no-bytecode.pexrc
grep -q "no bytecode shipped" inject.err
no_bytecode_names=$(unzip -Z1 no-bytecode.pexrc)
expect_fails grep -q PEXRC-BYTECODE <<<"$no_bytecode_names"
printf 'compile-for = ["%s"]\n' "$py311" >pexrc.toml
inject app.pex -o for-311.pexrc
grep -q "shipped bytecode for cpython-311 " inject.err
inject --no-compile app.pex -o flag-none.pexrc
flag_none_names=$(unzip -Z1 flag-none.pexrc)
expect_fails grep -q PEXRC-BYTECODE <<<"$flag_none_names"
refused both-compile-flags 64 "^pexrc-inject: --compile-for and --no-compile exclude each other$" \
  "$PEXRC_INJECT" --compile-for python3.11 --no-compile app.pex
pass "compile and compile-for in pexrc.toml; --no-compile wins over the file"
rm pexrc.toml
printf '[tool.pexrc]\noutput = 3\n' >pyproject.toml
refused pyproject-bad 78 "^pexrc-inject: \./pyproject\.toml:2: key 'tool\.pexrc\.output': must be a non-empty string, not an integer$" \
  "$PEXRC_INJECT" app.pex
refused missing-config 78 "^pexrc-inject: nope\.toml: no such configuration file \(--config\)$" \
  "$PEXRC_INJECT" --config nope.toml app.pex
refused both-flags 64 "^pexrc-inject: --config and --no-config exclude each other$" \
  "$PEXRC_INJECT" --config conf/other.toml --no-config app.pex
