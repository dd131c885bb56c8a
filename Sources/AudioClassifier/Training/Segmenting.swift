/// How a track's feature frames are cut into fixed-length segments (the paper: ten 3 s segments
/// per 30 s GTZAN track).
///
/// A segment is `framesPerSegment = ⌊segmentSeconds · sampleRate / hopLength⌋` consecutive frames
/// (3 s at 22050 Hz, hop 512: ⌊129.2⌋ = 129). A track of `T` frames (centred STFT:
/// `T = 1 + ⌊samples / hop⌋`) gives `⌊T / framesPerSegment⌋` non-overlapping segments starting
/// at frames 0, F, 2F, …; the remaining `T mod F` frames at the end are dropped (a 30 s track has
/// 1292 frames: 10 segments, 2 frames dropped). A track shorter than one segment gives one
/// segment whose missing frames are zeros *after* standardisation, i.e. the training mean.
public struct Segmenting: Codable, Sendable, Equatable {
    /// Segment length in seconds (default 3).
    public var segmentSeconds: Double

    public init(segmentSeconds: Double = 3) throws(DatasetError) {
        guard segmentSeconds > 0, segmentSeconds.isFinite else {
            throw DatasetError("--segment-seconds \(segmentSeconds) must be positive")
        }
        self.segmentSeconds = segmentSeconds
    }

    /// Frames per segment at `sampleRate` Hz and `hopLength` samples (at least 1).
    public func framesPerSegment(sampleRate: Int, hopLength: Int) -> Int {
        max(1, Int((segmentSeconds * Double(sampleRate) / Double(hopLength)).rounded(.down)))
    }

    /// The first frame of each segment of a track of `frameCount` frames.
    public static func segmentStarts(frameCount: Int, framesPerSegment: Int) -> [Int] {
        (0..<max(1, frameCount / framesPerSegment)).map { $0 * framesPerSegment }
    }
}
