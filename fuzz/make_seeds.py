"""Writes a few small valid inputs for one fuzz target into a folder (scripts/fuzz.sh calls it).

Usage: python3 fuzz/make_seeds.py decode|npy|safetensors|manifest|pipeline FOLDER
Audio seeds are 64-frame files in every container libsndfile reads (soundfile), plus the small
compressed fixtures; the other targets take the committed fixtures and a few hand-written texts.
"""
import io
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "Fixtures"


def decode_seeds(out):
    import numpy as np
    import soundfile as sf

    t = np.arange(64) / 8000.0
    mono = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    stereo = np.stack([mono, -mono], axis=1)
    formats = [
        ("wav", "PCM_16", mono), ("wav", "PCM_U8", mono), ("wav", "FLOAT", stereo), ("wav", "DOUBLE", mono),
        ("wav", "PCM_24", stereo), ("wav", "ULAW", mono), ("wav", "IMA_ADPCM", mono), ("aiff", "PCM_16", stereo),
        ("au", "PCM_16", mono), ("caf", "PCM_16", mono), ("w64", "FLOAT", mono), ("rf64", "PCM_16", mono),
        ("flac", "PCM_16", stereo), ("ogg", "VORBIS", mono),
    ]
    for container, subtype, signal in formats:
        buffer = io.BytesIO()
        sf.write(buffer, signal, 8000, format=container.upper(), subtype=subtype)
        (out / f"{container}_{subtype.lower()}.{container}").write_bytes(buffer.getvalue())
    for name in ["ogg_opus_mono_48000.opus", "mp3_stereo_44100.mp3", "wav_pcmu8_mono_11025.wav"]:
        shutil.copy(FIXTURES / "audio" / name, out / name)


def copy_fixtures(out, folder, pattern):
    for path in sorted((FIXTURES / folder).glob(pattern)):
        shutil.copy(path, out / path.name)


MANIFESTS = {
    "header.csv": "path,label,split\na.wav,rock,train\nb.wav,jazz,test\n",
    "plain.csv": "x.wav,blues\n/abs/y.wav,metal,val\n",
    "quoted.csv": 'path,label\n"with, comma.wav","a ""quoted"" label"\r\nc.wav,pop\n',
}

PIPELINES = {
    "minimal.yaml": "name: tiny\noutput: runs/tiny\nsteps:\n  - name: synth\n    run: data synth d --kind genres\n",
    "outputs.yaml": (
        "name: two\noutput: runs/two\nsteps:\n  - name: a\n    run: [data, synth, d]\n    outputs: [d/manifest.csv]\n"
        "  - name: b\n    run: train genre d --epochs 1\n"
        "report:\n  title: T\n  compare:\n    - {dataset: d, model: cvcnn, bundle: m}\n"
    ),
}


def main():
    target, out = sys.argv[1], pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    if target == "decode":
        decode_seeds(out)
    elif target == "npy":
        copy_fixtures(out, "numpy", "*.npy")
    elif target == "safetensors":
        copy_fixtures(out, "safetensors", "*.safetensors")
    elif target == "manifest":
        for name, text in MANIFESTS.items():
            (out / name).write_text(text)
    elif target == "pipeline":
        for name, text in PIPELINES.items():
            (out / name).write_text(text)
        shutil.copy(ROOT / "pipelines" / "demo.yaml", out / "demo.yaml")
    else:
        sys.exit(f"unknown fuzz target {target}")


if __name__ == "__main__":
    main()
