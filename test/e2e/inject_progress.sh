# Pexrc-inject shows its progress on stderr — a bar redrawn in place
# on a terminal, plain lines on a long run into a pipe, nothing with --quiet —
# and the progress never changes the bytes of the .pexrc.
source "$(dirname "$0")/common.sh"
py=$(find_python 3.11)

summary_re='^pexrc-inject: wrote .+ \([0-9.]+ [KMG]?i?B, [0-9]+ entries; input .+; [a-z0-9_]+-linux launcher .+\) in [0-9.]+ s$'
bytecode_re='^pexrc-inject: (shipped bytecode for .+ uncompressed; compiled by .+|no bytecode shipped \(.+\))$'
line_re='^pexrc-inject: [0-9.]+ [KMG]?i?B of [0-9.]+ [KMG]?i?B, [0-9]+ of [0-9]+ entries, (--|[0-9.]+) MiB/s, ETA (--|[0-9].*)$'

# A PEX whose user code holds one 14 MiB text file: several 4 MiB chunks of
# data zstd has to work on (random words from a small vocabulary).
mkdir -p "$work/src/corpus"
"$py" - "$work/src/corpus/words.txt" <<'EOF'
import random, sys
rng = random.Random(7)
vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
              for _ in range(3000)]
with open(sys.argv[1], "w") as out:
    written = 0
    while written < 14 << 20:
        line = " ".join(rng.choices(vocabulary, k=12)) + "\n"
        out.write(line)
        written += len(line)
EOF
"$PEX_TOOL" -D "$work/src" -o "$work/big.pex" >/dev/null 2>"$work/build.err" ||
  { cat "$work/build.err" >&2; exit 1; }

no_carriage_returns() {
  if grep -q $'\r' "$1"; then
    echo "carriage return in $1:" >&2
    cat -A "$1" >&2
    return 1
  fi
}

# A small PEX into a pipe: the summary lines only (what was written, and the
# bytecode shipped).
"$PEXRC_INJECT" "$FIXTURES/cowsay.pex" -o "$work/pipe.pexrc" 2>&1 | cat >"$work/pipe.err"
no_carriage_returns "$work/pipe.err"
[[ $(wc -l <"$work/pipe.err") == 2 ]] || { cat "$work/pipe.err" >&2; exit 1; }
grep -Eq "$summary_re" <(head -n 1 "$work/pipe.err") || { cat "$work/pipe.err" >&2; exit 1; }
grep -Eq "$bytecode_re" <(tail -n 1 "$work/pipe.err") || { cat "$work/pipe.err" >&2; exit 1; }
pass "small PEX into a pipe: only the summary lines"

# --quiet: nothing at all, and the same bytes.
"$PEXRC_INJECT" --quiet "$FIXTURES/cowsay.pex" -o "$work/quiet.pexrc" 2>"$work/quiet.err"
[[ ! -s $work/quiet.err ]] || { cat "$work/quiet.err" >&2; exit 1; }
"$PEXRC_INJECT" -q --progress-interval 0 "$work/big.pex" -o "$work/big-quiet.pexrc" 2>"$work/quiet.err"
[[ ! -s $work/quiet.err ]] || { cat "$work/quiet.err" >&2; exit 1; }
cmp "$work/pipe.pexrc" "$work/quiet.pexrc"
pass "--quiet prints nothing on stderr"

# A terminal (script(1) gives the injector a pty, 100 columns wide): the bar
# is drawn in place with \r, shows rate and ETA, and is cleared before the
# summary line.
script -qec "stty cols 100; exec '$PEXRC_INJECT' '$work/big.pex' -o '$work/tty.pexrc'" \
  /dev/null </dev/null >"$work/tty.out"
frame_re=$'\r\\[[#.]{20}\\] +[0-9]+%  [0-9.]+ [KMG]?i?B/[0-9.]+ [KMG]?i?B  [0-9]+/[0-9]+ entries  (--|[0-9.]+) MiB/s  ETA (--|[0-9])'
grep -Eq "$frame_re" "$work/tty.out" || { cat -A "$work/tty.out" >&2; exit 1; }
grep -Eq $'\r +\rpexrc-inject: wrote ' "$work/tty.out" || { cat -A "$work/tty.out" >&2; exit 1; }
[[ $(grep -c 'pexrc-inject: wrote' "$work/tty.out") == 1 ]]
script -qec "exec '$PEXRC_INJECT' -q '$work/big.pex' -o '$work/tty-quiet.pexrc'" \
  /dev/null </dev/null >"$work/tty-quiet.out"
[[ ! -s $work/tty-quiet.out ]] || { cat -A "$work/tty-quiet.out" >&2; exit 1; }
pass "terminal: a bar with rate and ETA redrawn with \\r, cleared before the summary; -q: nothing"

# Into a pipe with a line per chunk or entry written (--progress-interval 0
# stands for a run long enough to reach the interval): full lines only, bytes
# and entries growing to the totals, then the summary.
"$PEXRC_INJECT" --progress-interval 0 "$work/big.pex" -o "$work/lines.pexrc" 2>&1 |
  cat >"$work/lines.err"
no_carriage_returns "$work/lines.err"
grep -Eq "$summary_re" <(tail -n 2 "$work/lines.err" | head -n 1)
grep -Eq "$bytecode_re" <(tail -n 1 "$work/lines.err")
# (Compiling the PEX's own sources has lines of its own, before the writing.)
head -n -2 "$work/lines.err" | grep -v '^pexrc-inject: compiling bytecode: ' >"$work/progress.lines" || true
# words.txt is 4 chunks; PEX-INFO, PEXRC-INFO, __main__.py, corpus/ one line each.
(($(wc -l <"$work/progress.lines") >= 8)) || { cat "$work/lines.err" >&2; exit 1; }
if grep -Evq "$line_re" "$work/progress.lines"; then
  grep -Ev "$line_re" "$work/progress.lines" >&2
  exit 1
fi
# Fields: pexrc-inject: 1.2 GiB of 5.5 GiB, 4100 of 18800 entries, ...
awk '
  function bytes(n, unit) { return n * (unit == "KiB" ? 1024 : unit == "MiB" ? 1048576 : unit == "GiB" ? 1073741824 : 1) }
  { done = bytes($2, $3); entries = $7 + 0
    if (done < last_done || entries < last_entries) { print "went backwards: " $0; bad = 1 }
    last_done = done; last_entries = entries }
  END { sub(",", "", $6)
        if ($2 " " $3 != $5 " " $6 || $7 != $9) { print "not at the totals: " $0; bad = 1 }
        exit bad }' "$work/progress.lines" >&2
pass "pipe with --progress-interval 0: $(wc -l <"$work/progress.lines") plain progress lines up to the totals"

# The progress never touches the output.
"$PEXRC_INJECT" "$work/big.pex" -o "$work/plain.pexrc" 2>/dev/null
cmp "$work/plain.pexrc" "$work/lines.pexrc"
cmp "$work/plain.pexrc" "$work/tty.pexrc"
cmp "$work/plain.pexrc" "$work/big-quiet.pexrc"
pass "same .pexrc bytes with a bar, lines, --quiet and a plain run"

rc=0
"$PEXRC_INJECT" --progress-interval soon "$work/big.pex" -o "$work/x.pexrc" 2>"$work/bad.err" || rc=$?
[[ $rc == 64 ]]
grep -q -- '--progress-interval needs seconds' "$work/bad.err"
[[ ! -e $work/x.pexrc ]]
pass "--progress-interval with a bad value: usage error 64"
