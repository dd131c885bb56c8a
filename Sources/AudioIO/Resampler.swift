import CSoxr

/// A streaming libsoxr resampler for interleaved Float32, configured exactly as librosa 0.11's
/// default `res_type="soxr_hq"` reaches libsoxr through python-soxr: `soxr_quality_spec(SOXR_HQ, 0)`,
/// Float32 interleaved in and out, default runtime. Feed blocks with ``process(_:frames:emit:)``,
/// then call ``finish(emit:)`` once to flush the filter's tail.
final class Resampler {
    private let soxr: OpaquePointer
    private let path: String
    let channels: Int
    /// Output scratch, reused for every call.
    private var scratch: [Float]
    /// Frames the scratch holds: the most one `soxr_process` call may produce.
    var scratchFrames: Int { scratch.count / channels }

    /// Most samples the output scratch holds (4 MiB): a large upsampling ratio (a header's 2 Hz to
    /// 22050 Hz) then drains libsoxr in several calls instead of allocating gigabytes up front.
    static let maxScratchSamples = 1 << 20

    /// - Parameters:
    ///   - maxBlockFrames: the largest block that will be passed to `process`; sizes the scratch
    ///     (the output of one block, up to `maxScratchSamples`, and at least 1024 frames).
    init(
        inputRate: Int, outputRate: Int, channels: Int, maxBlockFrames: Int, path: String,
        maxScratchSamples: Int = Resampler.maxScratchSamples
    ) throws(AudioIOError) {
        var error: soxr_error_t? = nil
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        let created = soxr_create(Double(inputRate), Double(outputRate), UInt32(channels), &error, &io, &quality, nil)
        guard let created, error == nil else {
            throw .resamplerFailure(
                path: path, reason: error.map { String(cString: $0) } ?? "soxr_create returned nothing")
        }
        soxr = created
        self.path = path
        self.channels = channels
        let blockOutput = Double(maxBlockFrames) * Double(outputRate) / Double(inputRate) + 1024
        let frames = max(1024, min(Int(min(blockOutput, 1e12)), maxScratchSamples / channels))
        scratch = [Float](repeating: 0, count: frames * channels)
    }

    deinit { soxr_delete(soxr) }

    /// Resamples `frames` interleaved frames; `emit` receives each produced chunk (interleaved,
    /// with its frame count) while it is valid.
    func process(_ input: UnsafePointer<Float>, frames: Int, emit: (UnsafePointer<Float>, Int) -> Void)
        throws(AudioIOError)
    {
        var consumed = 0
        while consumed < frames {
            let (taken, produced) = try step(input + consumed * channels, frames: frames - consumed, emit: emit)
            guard taken > 0 || produced > 0 else {
                throw .resamplerFailure(path: path, reason: "libsoxr accepted no input and produced no output")
            }
            consumed += taken
        }
    }

    /// Signals the end of input and emits the remaining output.
    func finish(emit: (UnsafePointer<Float>, Int) -> Void) throws(AudioIOError) {
        while try step(nil, frames: 0, emit: emit).produced > 0 {}
    }

    /// One `soxr_process` call; `input == nil` flushes.
    private func step(_ input: UnsafePointer<Float>?, frames: Int, emit: (UnsafePointer<Float>, Int) -> Void)
        throws(AudioIOError) -> (taken: Int, produced: Int)
    {
        var taken = 0
        var produced = 0
        let capacity = scratchFrames
        let error = scratch.withUnsafeMutableBufferPointer { out -> soxr_error_t? in
            let error = soxr_process(soxr, input, frames, &taken, out.baseAddress, capacity, &produced)
            if error == nil && produced > 0 { emit(out.baseAddress!, produced) }
            return error
        }
        if let error { throw .resamplerFailure(path: path, reason: String(cString: error)) }
        return (taken, produced)
    }
}
