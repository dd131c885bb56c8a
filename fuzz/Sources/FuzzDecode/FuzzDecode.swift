import AudioIO
import Foundation
import FuzzSupport

/// Decodes the bytes as an audio file through libsndfile's virtual I/O with librosa's defaults
/// (mono, resampled to 22050 Hz), the first 5 s only: longer than any seed, and it keeps a header
/// announcing a 1–10 Hz rate from making every execution resample millions of samples. Any input
/// must either throw `AudioIOError` or give finite mono samples at 22050 Hz; anything else traps.
func fuzzDecode(_ bytes: UnsafeBufferPointer<UInt8>) {
    let options = LoadOptions(duration: 5)
    guard let decoded = try? AudioFile.load(data: Data(buffer: bytes), name: "fuzz-input", options: options)
    else { return }
    precondition(decoded.channels == 1 && decoded.sampleRate == 22050, "wrong layout \(decoded.channels)ch")
    precondition(decoded.samples.allSatisfy(\.isFinite), "non-finite sample after decoding")
}

@_cdecl("FuzzDecode_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzDecode)
}
