import AudioIO
import Foundation
import FuzzSupport

/// Decodes the bytes as an audio file through libsndfile's virtual I/O with librosa's defaults
/// (mono, resampled to 22050 Hz). Any input must either throw `AudioIOError` or give finite mono
/// samples at 22050 Hz; anything else traps.
func fuzzDecode(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let decoded = try? AudioFile.load(data: Data(buffer: bytes), name: "fuzz-input") else { return }
    precondition(decoded.channels == 1 && decoded.sampleRate == 22050, "wrong layout \(decoded.channels)ch")
    precondition(decoded.samples.allSatisfy(\.isFinite), "non-finite sample after decoding")
}

@_cdecl("FuzzDecode_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzDecode)
}
