#!/usr/bin/env bash
# Instruction counts of one audiocls command under callgrind (issue #17): perf has no hardware
# counters on these VMs, and instruction counts do not move with the load of other work.
# Usage: bench/callgrind.sh BINARY OUT.callgrind ARGS...     e.g.
#   bench/callgrind.sh .build/release/audiocls /tmp/x.cg extract features $(cat clips.txt) --out /tmp/o --jobs 1 --quiet
#   callgrind_annotate --inclusive=yes /tmp/x.cg.* | less
# valgrind 3.19 cannot read the Swift binary's DWARF, so a stripped copy runs (symbols stay), with
# bench/callgrind_dispatch_shim.c preloaded (see there). Child threads are included.
set -euo pipefail
binary=$1 out=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -shared -fPIC "$(dirname "$0")/callgrind_dispatch_shim.c" -o "$work/shim.so" \
    -L/opt/swift/usr/lib/swift/linux -ldispatch
objcopy --strip-debug "$binary" "$work/audiocls"
valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out.%p" \
    env LD_LIBRARY_PATH=/opt/swift/usr/lib/swift/linux LD_PRELOAD="$work/shim.so" "$work/audiocls" "$@"
