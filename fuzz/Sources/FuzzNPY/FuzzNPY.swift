import FuzzSupport
import NumPyIO

/// Decodes the bytes as a `.npy` file; whatever decodes must survive an encode → decode round trip
/// unchanged (same dtype, shape and bytes), else the harness traps.
func fuzzNPY(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let array = try? NPYFormat.decode(bytes) else { return }
    precondition(array.bytes.count == array.count * array.dtype.size, "payload size disagrees with the shape")
    requireRoundTrip(array, encode: NPYFormat.encode, decode: { try NPYFormat.decode($0) })
}

@_cdecl("FuzzNPY_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzNPY)
}
