import CLibFuzzer

/// Runs libFuzzer on `body` with the process's command-line flags (`-max_total_time=…`, corpus
/// folders, a reproducer to replay, …) and returns its exit status.
///
/// SwiftPM links every executable with `main` renamed to `<Module>_main`, which hides libFuzzer's
/// own `main`; each harness therefore exports `<Module>_main` and calls this.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void
) -> CInt {
    fuzzTarget = body
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { start, size in
        fuzzTarget?(UnsafeBufferPointer(start: start, count: size))
        return 0
    }
}

/// The harness libFuzzer calls back (a C callback cannot capture it); set once, before fuzzing,
/// and only read from libFuzzer's single fuzzing thread.
nonisolated(unsafe) private var fuzzTarget: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Traps unless `value` encodes to bytes that decode to `value` again.
public func requireRoundTrip<Value: Equatable>(
    _ value: Value, encode: (Value) -> [UInt8], decode: ([UInt8]) throws -> Value
) {
    let again: Value
    do { again = try decode(encode(value)) } catch {
        preconditionFailure("the re-encoded value does not decode: \(error)")
    }
    precondition(again == value, "the round trip changed \(value)")
}
