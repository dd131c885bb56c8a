import Foundation

/// FFT-aligned scratch buffers kept for the next caller that needs one of the same size: the
/// STFT's frame and block buffers and the fused mel's power rows, which every track would
/// otherwise allocate (64-byte aligned) and zero anew — about 400 kB per track at nFFT 2048.
/// A buffer is handed to one caller at a time and holds whatever its last caller left in it;
/// at most as many of a size are kept as were ever in use at once.
enum ScratchBuffers {
    /// Idle buffers by float count, read and written only under `lock`.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var idle: [Int: [FFTBuffer]] = [:]

    /// Runs `body` with a buffer of `count` floats, then keeps the buffer for the next caller.
    static func with<Result>(count: Int, _ body: (FFTBuffer) throws -> Result) rethrows -> Result {
        let buffer = lock.withLock { idle[count]?.popLast() } ?? FFTBuffer(count: count)
        defer { lock.withLock { idle[count, default: []].append(buffer) } }
        return try body(buffer)
    }
}
