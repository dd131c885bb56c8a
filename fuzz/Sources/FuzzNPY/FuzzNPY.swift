import FuzzSupport
import NumPyIO

/// Decodes the bytes as a `.npy` file; whatever decodes must survive an encode → decode round trip
/// unchanged (same dtype, shape and bytes), else the harness traps.
func fuzzNPY(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let array = try? NPYFormat.decode(bytes) else { return }
    precondition(array.bytes.count == array.count * array.dtype.size, "payload size disagrees with the shape")
    let again: NPYArray
    do { again = try NPYFormat.decode(NPYFormat.encode(array)) } catch {
        preconditionFailure("re-encoded array does not decode: \(error)")
    }
    precondition(again == array, "round trip changed \(array.dtype) \(array.shape)")
}

@_cdecl("FuzzNPY_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { start, count in
        fuzzNPY(UnsafeBufferPointer(start: start, count: count))
        return 0
    }
}
