/// How many frames a resampled signal has, following librosa 0.11 + python-soxr exactly:
/// python-soxr keeps at most `size_t(n × out / in + 1)` output frames, then `librosa.resample`
/// pads with zeros or trims to `ceil(n × (out / in))` (`fix_length`).
struct OutputLength {
    /// The final length, librosa's `n_samples`.
    let frames: Int
    /// At most this many frames come from the resampler; the rest of `frames` is zero padding.
    let limit: Int

    init(inputFrames: Int, inputRate: Int, outputRate: Int) {
        guard inputRate != outputRate else {
            frames = inputFrames
            limit = inputFrames
            return
        }
        let ratio = Double(outputRate) / Double(inputRate)
        frames = Int((Double(inputFrames) * ratio).rounded(.up))
        limit = Int(Double(inputFrames) * Double(outputRate) / Double(inputRate) + 1)
    }
}
