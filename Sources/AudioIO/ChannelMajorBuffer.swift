/// The decoder's one preallocated output: `channels × frames` Float32, channel-major, zero
/// filled. Interleaved chunks are appended frame by frame until `limit` frames are written;
/// anything past `limit` is dropped (librosa's `fix_length` trims, its zero padding is the fill).
struct ChannelMajorBuffer {
    private(set) var samples: [Float]
    let channels: Int
    let frames: Int
    private let limit: Int
    private(set) var written = 0

    init(channels: Int, frames: Int, limit: Int) {
        samples = [Float](repeating: 0, count: channels * frames)
        self.channels = channels
        self.frames = frames
        self.limit = min(limit, frames)
    }

    /// Appends `count` interleaved frames (or the part of them that fits under `limit`).
    mutating func append(_ interleaved: UnsafePointer<Float>, count: Int) {
        let taken = min(count, limit - written)
        guard taken > 0 else { return }
        let start = written, frames = self.frames, channels = self.channels
        samples.withUnsafeMutableBufferPointer { output in
            if channels == 1 {
                (output.baseAddress! + start).update(from: interleaved, count: taken)
                return
            }
            for channel in 0 ..< channels {
                let row = output.baseAddress! + channel * frames + start
                for frame in 0 ..< taken { row[frame] = interleaved[frame * channels + channel] }
            }
        }
        written += taken
    }
}
