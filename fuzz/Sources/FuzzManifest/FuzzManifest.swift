import Datasets
import FuzzSupport

/// Parses the bytes (as UTF-8, invalid sequences repaired) as a CSV manifest. Any input must either
/// give items or throw `DatasetError`.
func fuzzManifest(_ bytes: UnsafeBufferPointer<UInt8>) {
    _ = try? Manifest.parse(String(decoding: bytes, as: UTF8.self), manifestPath: "/fuzz/manifest.csv")
}

@_cdecl("FuzzManifest_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzManifest)
}
