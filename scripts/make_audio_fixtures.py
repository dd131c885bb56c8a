#!/usr/bin/env python3
"""Writes Tests/Fixtures/audio/: short music-like files in every container/codec AudioIO reads,
written by python-soundfile, plus what librosa 0.11 decodes from them.

For each file NAME.EXT the script stores NAME.npz with
  sr22050   librosa.load(path, sr=22050)            (mono, soxr_hq resampling)
  native    librosa.load(path, sr=None)             (mono, native rate; absent when that is 22050 Hz,
            where sr22050 already holds the native samples)
and, for a few files, extra arrays (see STEREO and WINDOW below):
  stereo22050  librosa.load(path, sr=22050, mono=False)   shape (channels, n)
  window22050  librosa.load(path, sr=22050, offset=..., duration=...)
  window_native librosa.load(path, sr=None, offset=..., duration=...)
manifest.json records the library versions, each file's soundfile.info fields and the load
arguments. Run with python3 (librosa, soundfile, soxr, numpy).
"""
import json
import pathlib

import librosa
import numpy as np
import soundfile as sf
import soxr

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "audio"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(20261129)


def music(seconds, rate, channels):
    """A chord (root, third, fifth) with five harmonics, light noise and two clicks, per channel."""
    t = np.arange(int(seconds * rate)) / rate
    chans = []
    for c in range(channels):
        root = 220.0 * (1 + 0.25 * c)
        y = np.zeros_like(t)
        for ratio in (1.0, 1.25, 1.5):
            for h in range(1, 6):
                f = root * ratio * h
                if f < rate / 2:
                    y += np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi)) / (h * 3.0)
        y *= np.exp(-1.5 * t)  # decaying note
        y += 0.02 * rng.standard_normal(t.size)
        for at in (0.1, 0.6):  # transients
            i = int(at * seconds * rate)
            n = min(64, t.size - i)
            y[i:i + n] += 0.5 * np.exp(-np.arange(n) / 8.0) * rng.choice([-1, 1], n)
        chans.append(y)
    y = np.stack(chans, axis=1)
    return (0.7 * y / np.max(np.abs(y))).astype(np.float64)


# name, extension, soundfile format, subtype, rate, channels, seconds
FILES = [
    ("wav_pcm16_mono_22050", "wav", "WAV", "PCM_16", 22050, 1, 0.3),
    ("wav_pcm24_stereo_44100", "wav", "WAV", "PCM_24", 44100, 2, 0.3),
    ("wav_float_stereo_48000", "wav", "WAV", "FLOAT", 48000, 2, 0.3),
    ("wav_double_mono_16000", "wav", "WAV", "DOUBLE", 16000, 1, 0.3),
    ("wav_pcmu8_mono_11025", "wav", "WAV", "PCM_U8", 11025, 1, 0.3),
    ("wavex_pcm16_stereo_44100", "wav", "WAVEX", "PCM_16", 44100, 2, 0.3),
    ("flac_pcm16_stereo_44100", "flac", "FLAC", "PCM_16", 44100, 2, 0.3),
    ("ogg_vorbis_stereo_44100", "ogg", "OGG", "VORBIS", 44100, 2, 0.3),
    ("ogg_opus_mono_48000", "opus", "OGG", "OPUS", 48000, 1, 0.3),
    ("mp3_stereo_44100", "mp3", "MP3", "MPEG_LAYER_III", 44100, 2, 0.3),
    ("au_pcm16_mono_22050", "au", "AU", "PCM_16", 22050, 1, 0.3),
    ("aiff_pcm16_stereo_44100", "aiff", "AIFF", "PCM_16", 44100, 2, 0.3),
    ("caf_pcm16_mono_32000", "caf", "CAF", "PCM_16", 32000, 1, 0.3),
    ("rf64_pcm16_mono_44100", "rf64", "RF64", "PCM_16", 44100, 1, 0.3),
    ("w64_float_mono_22050", "w64", "W64", "FLOAT", 22050, 1, 0.3),
]
# Extra librosa.load variants: mono=False on a stereo file, an offset/duration window on two.
STEREO = {"wav_pcm24_stereo_44100"}
WINDOW = {"flac_pcm16_stereo_44100": (0.1, 0.15)}

manifest = {
    "generator": "scripts/make_audio_fixtures.py",
    "versions": {
        "librosa": librosa.__version__,
        "soundfile": sf.__version__,
        "libsndfile": sf.__libsndfile_version__,
        "soxr": soxr.__version__,
        "libsoxr": soxr.__libsoxr_version__,
        "numpy": np.__version__,
    },
    "files": [],
}
for name, ext, fmt, subtype, rate, channels, seconds in FILES:
    path = out / f"{name}.{ext}"
    sf.write(path, music(seconds, rate, channels), rate, format=fmt, subtype=subtype)
    info = sf.info(path)
    arrays = {"sr22050": librosa.load(path, sr=22050)[0]}
    if rate != 22050:  # at 22050 Hz librosa returns the native samples unchanged: sr22050 is native
        arrays["native"] = librosa.load(path, sr=None)[0]
    entry = {
        "file": path.name,
        "npz": f"{name}.npz",
        "format": info.format,
        "subtype": info.subtype,
        "sampleRate": info.samplerate,
        "channels": info.channels,
        "frames": info.frames,
        "duration": info.duration,
    }
    if name in STEREO:
        arrays["stereo22050"] = librosa.load(path, sr=22050, mono=False)[0]
    if name in WINDOW:
        offset, duration = WINDOW[name]
        arrays["window22050"] = librosa.load(path, sr=22050, offset=offset, duration=duration)[0]
        arrays["window_native"] = librosa.load(path, sr=None, offset=offset, duration=duration)[0]
        entry["offset"], entry["windowDuration"] = offset, duration
    np.savez(out / entry["npz"], **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()})
    manifest["files"].append(entry)

with open(out / "manifest.json", "w") as f:
    json.dump(manifest, f, indent=1)
total = sum(p.stat().st_size for p in out.iterdir())
print(f"wrote {len(FILES)} files to {out}, {total / 1e6:.2f} MB")
