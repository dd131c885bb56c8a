#!/usr/bin/env bash
# Scale runs (issue #8): `audiocls extract features` over many tiny files and over one long file,
# each under /usr/bin/time -v (wall time and peak RSS). Release build; work files in bench/out/scale.
# Usage: bench/scale.sh tiny N JOBS [extract flags]   N generated 0.5 s clips (genres, 5 classes)
#        bench/scale.sh hour [extract flags]          one 1-hour 44.1 kHz stereo 16-bit WAV
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(scripts/build-release 2>/dev/null)
out=bench/out/scale
mkdir -p "$out"

# Runs `extract features INPUT ...` into a fresh folder and prints wall time and peak RSS.
measure() {
    local label=$1 input=$2
    shift 2
    rm -rf "$out/features-$label"
    /usr/bin/time -v "$bin" extract features "$input" --out "$out/features-$label" --quiet "$@" 2>"$out/time-$label.txt"
    echo "$label: $(grep -E 'Elapsed|Maximum resident' "$out/time-$label.txt" | sed 's/^\s*//' | paste -sd ';')"
}

case "${1:?usage: bench/scale.sh tiny N JOBS [flags] | hour [flags]}" in
tiny)
    files=${2:?N}
    jobs=${3:?JOBS}
    shift 3
    data=$out/tiny-$files
    [ -f "$data/manifest.csv" ] ||
        "$bin" data synth "$data" --kind genres --tracks-per-class $((files / 5)) --seconds 0.5 --seed 1 --quiet
    measure "tiny-$files-jobs$jobs${1:+-custom}" "$data" --jobs "$jobs" "$@"
    ;;
hour)
    shift
    wav=$out/hour.wav
    [ -f "$wav" ] || python3 - "$wav" <<'PY'
import sys
import numpy as np
import soundfile as sf

# One hour of a slow sweep plus noise, written a minute at a time (44.1 kHz, stereo, 16-bit).
rate, rng = 44100, np.random.default_rng(1)
with sf.SoundFile(sys.argv[1], "w", samplerate=rate, channels=2, subtype="PCM_16") as f:
    for minute in range(60):
        t = (minute * 60 * rate + np.arange(60 * rate)) / rate
        tone = 0.3 * np.sin(2 * np.pi * (220 + 0.05 * t) * t)
        noise = 0.05 * rng.standard_normal((t.size, 2))
        f.write((tone[:, None] + noise).astype(np.float32))
PY
    measure "hour${1:+-$(echo "$*" | tr -c 'a-z0-9\n' '-')}" "$wav" --jobs 1 "$@"
    ;;
*) echo "unknown run '$1' (tiny, hour)" >&2; exit 2 ;;
esac
