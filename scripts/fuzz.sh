#!/usr/bin/env bash
# Builds one libFuzzer harness from fuzz/ (its own package) with -sanitize=fuzzer,address and runs it.
# Usage: scripts/fuzz.sh decode|npy|safetensors|manifest|pipeline SECONDS [extra libFuzzer flags]
#
# Work folders (gitignored): .build-fuzz (build), fuzz/corpus/TARGET (the growing corpus, kept
# between runs), fuzz/seeds/TARGET (valid inputs written here on every run), fuzz/artifacts/TARGET
# (crashing inputs), fuzz/logs/TARGET-*.log. On a crash it prints the reproducer and how to replay
# it (`BINARY INPUT`). Leak detection is off: the Swift runtime's once-allocated metadata and
# Foundation's caches are reported as leaks at exit, which are not bugs of the code under test.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh decode|npy|safetensors|manifest|pipeline SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
case "$target" in
decode) product=FuzzDecode ;;
npy) product=FuzzNPY ;;
safetensors) product=FuzzSafeTensors ;;
manifest) product=FuzzManifest ;;
pipeline) product=FuzzPipeline ;;
*) echo "unknown fuzz target '$target' (decode, npy, safetensors, manifest, pipeline)" >&2; exit 2 ;;
esac

scratch=.build-fuzz
# Linked with lld: gold stops with an internal error (dwarf_reader.cc) on the sanitized objects.
swift build --package-path fuzz --scratch-path "$scratch" -c release --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
binary="$scratch/release/$product"

corpus=fuzz/corpus/$target
seeds=fuzz/seeds/$target
artifacts=fuzz/artifacts/$target
mkdir -p "$corpus" "$seeds" "$artifacts" fuzz/logs
python3 fuzz/make_seeds.py "$target" "$seeds"

log=fuzz/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
before=$(ls "$artifacts" | wc -l)
echo "fuzzing $target for $seconds s (log: $log)"
set +e
# SWIFT_BACKTRACE: Swift's own crash handler reads memory ASan flags, hiding the real report.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$seconds" -detect_leaks=0 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$@" "$corpus" "$seeds" >"$log" 2>&1
status=$?
set -e
grep -E 'INITED|DONE|ERROR|SUMMARY|Test unit|stat::' "$log" || true
after=$(ls "$artifacts" | wc -l)
echo "log: $log"
if [ "$after" -gt "$before" ] || [ "$status" -ne 0 ]; then
    echo "CRASH ($target, libFuzzer exit $status); reproducers:" >&2
    ls -t "$artifacts" | head -n $((after - before)) | sed "s|^|  $artifacts/|" >&2
    echo "replay one with: $binary INPUT" >&2
    exit 1
fi
