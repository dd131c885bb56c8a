import ClassifierSupport

/// How a track's feature frames are cut into fixed-length segments.
///
/// A segment is `framesPerSegment = F = ⌊segmentSeconds · sampleRate / hopLength⌋` consecutive
/// frames (3 s at 22050 Hz, hop 512: ⌊129.2⌋ = 129); consecutive segments start
/// `hopFrames = H = max(1, ⌊hopSeconds · sampleRate / hopLength⌋)` frames apart (default: half a
/// segment, 64 frames). A track of `T` frames (centred STFT: `T = 1 + ⌊samples / hop⌋`) gives
/// segments at 0, H, 2H, … up to `T − F`, and — when frames remain after the last of them — one
/// more segment ending at the track's last frame (`T − F`), so every frame is in some segment and
/// nothing is dropped. A track shorter than one segment gives one segment whose missing frames
/// are zeros *after* standardisation, i.e. the training mean.
///
/// Bundles written before the hop existed (no `hopSeconds` in `model.json`) keep the old rule:
/// non-overlapping segments from frame 0 with the remainder dropped (``coversRemainder`` false).
public struct Segmenting: Codable, Sendable, Equatable {
    /// Segment length in seconds (default 3).
    public var segmentSeconds: Double
    /// Seconds between segment starts (default: `segmentSeconds / 2`); `nil` in old bundles,
    /// meaning `segmentSeconds`.
    public var hopSeconds: Double?
    /// Whether a final segment ends at the track's last frame when frames remain after the
    /// regular ones (true for every new configuration, false for old bundles).
    public var coversRemainder: Bool

    /// The defaults: 3 s segments every 1.5 s, the last one ending at the track's end.
    public static let standard = Segmenting(checkedSegmentSeconds: 3, hopSeconds: nil)

    /// - Parameters:
    ///   - segmentSeconds: segment length, > 0.
    ///   - hopSeconds: seconds between segment starts, > 0 (default: half a segment).
    public init(segmentSeconds: Double = standard.segmentSeconds, hopSeconds: Double? = nil)
        throws(ConfigurationError)
    {
        guard segmentSeconds > 0, segmentSeconds.isFinite else {
            throw ConfigurationError(key: "segment_seconds", value: "\(segmentSeconds)", reason: "must be positive")
        }
        if let hopSeconds, !(hopSeconds > 0 && hopSeconds.isFinite) {
            throw ConfigurationError(key: "segment_hop", value: "\(hopSeconds)", reason: "must be positive")
        }
        self.init(checkedSegmentSeconds: segmentSeconds, hopSeconds: hopSeconds)
    }

    /// Lengths already known to be positive and finite; the hop defaults to half a segment.
    private init(checkedSegmentSeconds segmentSeconds: Double, hopSeconds: Double?) {
        self.segmentSeconds = segmentSeconds
        self.hopSeconds = hopSeconds ?? segmentSeconds / 2
        coversRemainder = true
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        segmentSeconds = try container.decode(Double.self, forKey: .segmentSeconds)
        hopSeconds = try container.decodeIfPresent(Double.self, forKey: .hopSeconds)
        coversRemainder = try container.decodeIfPresent(Bool.self, forKey: .coversRemainder) ?? false
    }

    /// Frames per segment at `sampleRate` Hz and `hopLength` samples (at least 1).
    public func framesPerSegment(sampleRate: Int, hopLength: Int) -> Int {
        Self.frames(segmentSeconds, sampleRate: sampleRate, hopLength: hopLength)
    }

    /// Frames between segment starts at `sampleRate` Hz and `hopLength` samples (at least 1).
    public func hopFrames(sampleRate: Int, hopLength: Int) -> Int {
        Self.frames(hopSeconds ?? segmentSeconds, sampleRate: sampleRate, hopLength: hopLength)
    }

    /// The segment grid at `sampleRate` Hz and `hopLength` samples.
    public func layout(sampleRate: Int, hopLength: Int) -> SegmentLayout {
        SegmentLayout(
            framesPerSegment: framesPerSegment(sampleRate: sampleRate, hopLength: hopLength),
            hopFrames: hopFrames(sampleRate: sampleRate, hopLength: hopLength), coversRemainder: coversRemainder)
    }

    private static func frames(_ seconds: Double, sampleRate: Int, hopLength: Int) -> Int {
        max(1, Int((seconds * Double(sampleRate) / Double(hopLength)).rounded(.down)))
    }
}

/// Segments of `framesPerSegment` frames every `hopFrames` frames (see ``Segmenting``).
public struct SegmentLayout: Sendable, Equatable {
    public var framesPerSegment: Int, hopFrames: Int
    /// Whether a final segment ends at the last frame when frames remain after the regular ones.
    public var coversRemainder: Bool

    /// - Parameters: framesPerSegment, hopFrames: ≥ 1; the defaults give non-overlapping segments
    ///   with the remainder dropped (the rule of bundles written before the hop existed).
    public init(framesPerSegment: Int, hopFrames: Int? = nil, coversRemainder: Bool = false) {
        precondition(framesPerSegment > 0 && (hopFrames ?? 1) > 0, "segment and hop lengths must be positive")
        (self.framesPerSegment, self.hopFrames) = (framesPerSegment, hopFrames ?? framesPerSegment)
        self.coversRemainder = coversRemainder
    }

    /// The first frame of each segment of a track of `frameCount` frames: 0, H, 2H, … while a
    /// whole segment fits, plus `frameCount − F` when frames remain and ``coversRemainder``;
    /// `[0]` for a track no longer than one segment.
    public func segmentStarts(frameCount: Int) -> [Int] {
        guard frameCount > framesPerSegment else { return [0] }
        var starts = Array(stride(from: 0, through: frameCount - framesPerSegment, by: hopFrames))
        if coversRemainder, let last = starts.last, last + framesPerSegment < frameCount {
            starts.append(frameCount - framesPerSegment)
        }
        return starts
    }
}
