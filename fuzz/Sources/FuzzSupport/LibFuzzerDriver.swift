import CLibFuzzer

/// Runs libFuzzer on `body` with the process's command-line flags (`-max_total_time=…`, corpus
/// folders, a reproducer to replay, …) and returns its exit status.
///
/// SwiftPM links every executable with `main` renamed to `<Module>_main`, which hides libFuzzer's
/// own `main`; each harness therefore exports `<Module>_main` and calls this.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, body)
}
