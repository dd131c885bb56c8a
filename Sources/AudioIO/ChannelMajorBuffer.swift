/// The decoder's one output: `channels × frames` Float32, channel-major, in storage the caller
/// allocated uninitialised. Interleaved chunks are appended frame by frame until `limit`
/// frames are written; anything past `limit` is dropped and ``padWithZeros()`` fills the rest
/// (librosa's `fix_length`: trim, or zero-pad).
struct ChannelMajorBuffer {
    private let storage: UnsafeMutableBufferPointer<Float>
    let channels: Int
    let frames: Int
    private let limit: Int
    private(set) var written = 0

    init(storage: UnsafeMutableBufferPointer<Float>, channels: Int, frames: Int, limit: Int) {
        precondition(storage.count >= channels * frames, "storage of \(storage.count) for \(channels) × \(frames)")
        self.storage = storage
        self.channels = channels
        self.frames = frames
        self.limit = min(limit, frames)
    }

    /// Appends `count` interleaved frames (or the part of them that fits under `limit`).
    mutating func append(_ interleaved: UnsafePointer<Float>, count: Int) {
        let taken = min(count, limit - written)
        guard taken > 0 else { return }
        for channel in 0..<channels {
            let row = storage.baseAddress! + channel * frames + written
            if channels == 1 {
                row.initialize(from: interleaved, count: taken)
            } else {
                for frame in 0..<taken { (row + frame).initialize(to: interleaved[frame * channels + channel]) }
            }
        }
        written += taken
    }

    /// Lets `read` fill the next frames of a one-channel buffer in place (`read(start, room)`,
    /// `room` at most `count`, cut at `limit`) and counts the frames it says it filled as
    /// written: a mono track is decoded straight into its output, without a block in between.
    mutating func appendInPlace<Failure: Error>(
        count: Int, _ read: (UnsafeMutablePointer<Float>, Int) throws(Failure) -> Int
    ) throws(Failure) {
        precondition(channels == 1, "in-place appends need one channel, not \(channels)")
        let room = min(count, limit - written)
        guard room > 0 else { return }
        written += min(room, try read(storage.baseAddress! + written, room))
    }

    /// Zero-fills every channel after the frames written so far.
    func padWithZeros() {
        guard written < frames else { return }
        for channel in 0..<channels {
            (storage.baseAddress! + channel * frames + written).initialize(repeating: 0, count: frames - written)
        }
    }
}
