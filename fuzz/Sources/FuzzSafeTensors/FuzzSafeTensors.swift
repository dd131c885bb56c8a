import ComplexNN
import FuzzSupport

/// Decodes the bytes as a safetensors file; whatever decodes must give its values and survive an
/// encode → decode round trip unchanged, else the harness traps.
func fuzzSafeTensors(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let file = try? SafeTensorsFile.decode(Array(bytes)) else { return }
    for entry in file.tensors.values {
        _ = try? entry.float32Values()
    }
    requireRoundTrip(file, encode: { $0.encode() }, decode: SafeTensorsFile.decode)
}

@_cdecl("FuzzSafeTensors_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzSafeTensors)
}
