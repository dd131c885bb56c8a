/// librosa's `to_mono` on one block: the Float32 mean of the channels of each frame — the sum
/// in channel order, then one division by the channel count, as NumPy's `mean` computes it.
enum Downmix {
    /// Writes the mean of `channels` interleaved channels of `frames` frames into `output`.
    static func mono(
        _ interleaved: UnsafePointer<Float>, frames: Int, channels: Int, into output: UnsafeMutablePointer<Float>
    ) {
        if channels == 1 {
            output.update(from: interleaved, count: frames)
            return
        }
        let count = Float(channels)
        for frame in 0..<frames {
            let base = interleaved + frame * channels
            var sum = base[0]
            for channel in 1..<channels { sum += base[channel] }
            output[frame] = sum / count
        }
    }
}
