import ComplexNN
import FeatureExtraction

/// The segments of a set of standardised tracks (see ``Segmenting``) and the model input batches
/// built from them: `[batch, 1, rows, framesPerSegment]`, complex when the feature is.
public struct SegmentSet: Sendable {
    /// One segment: its track and first frame.
    public struct Segment: Sendable, Equatable {
        public let track: Int, start: Int
    }

    public let tracks: [FeatureMatrix]
    /// Class index of each track.
    public let labels: [Int]
    public let layout: SegmentLayout
    public let segments: [Segment]
    /// The rows in dB that ``Augmentation/filterDB`` equalises; `nil` when the feature has none.
    public let levels: Augmentation.LevelRows?

    /// - Parameters:
    ///   - tracks: standardised matrices with equal row counts and kinds.
    ///   - layout: where segments start (see ``SegmentLayout/segmentStarts(frameCount:)``).
    ///   - levels: the tracks' rows in dB, for the equaliser augmentation.
    public init(tracks: [FeatureMatrix], labels: [Int], layout: SegmentLayout, levels: Augmentation.LevelRows? = nil) {
        precondition(tracks.count == labels.count, "one label per track")
        self.tracks = tracks
        self.labels = labels
        self.layout = layout
        self.levels = levels
        segments = tracks.enumerated().flatMap { index, track in
            layout.segmentStarts(frameCount: track.frames).map { Segment(track: index, start: $0) }
        }
    }

    /// The set of the tracks at `indices` only (in that order), with their segments; no dB rows.
    public func keeping(tracks indices: [Int]) -> SegmentSet {
        SegmentSet(tracks: indices.map { tracks[$0] }, labels: indices.map { labels[$0] }, layout: layout)
    }

    /// Frames per segment.
    public var framesPerSegment: Int { layout.framesPerSegment }

    /// The label of each segment.
    public var segmentLabels: [Int] { segments.map { labels[$0.track] } }

    /// The input tensor of the segments at `indices`; frames past a track's end are 0.
    /// `augmentation` (training only) draws from `random`.
    public func batch(_ indices: [Int], augmentation: Augmentation? = nil, random: inout SeededGenerator) -> Tensor {
        let rows = tracks.first?.rows ?? 0, frames = framesPerSegment, size = rows * frames
        let complex = tracks.first?.isComplex ?? false
        var real = [Float](repeating: 0, count: indices.count * size)
        var imaginary: [Float]? = complex ? real : nil
        for (n, index) in indices.enumerated() {
            let segment = segments[index], track = tracks[segment.track]
            let start =
                augmentation?.shiftedStart(
                    segment.start, frameCount: track.frames, framesPerSegment: frames, using: &random) ?? segment.start
            let available = max(0, min(frames, track.frames - start))
            for r in 0..<rows {
                let source = r * track.frames + start, target = n * size + r * frames
                real.replaceSubrange(target..<target + available, with: track.real[source..<source + available])
                if complex {
                    imaginary!.replaceSubrange(
                        target..<target + available, with: track.imaginary![source..<source + available])
                }
            }
            if let augmentation, augmentation.isActive {
                var realSlice = real[n * size..<(n + 1) * size]
                var imaginarySlice = imaginary?[n * size..<(n + 1) * size]
                augmentation.perturb(real: &realSlice, imaginary: &imaginarySlice, using: &random)
                if let levels, !complex {
                    augmentation.filter(real: &realSlice, frames: frames, levels: levels, using: &random)
                }
                augmentation.mask(real: &realSlice, imaginary: &imaginarySlice, rows: rows, using: &random)
                real.replaceSubrange(n * size..<(n + 1) * size, with: realSlice)
                if let imaginarySlice { imaginary!.replaceSubrange(n * size..<(n + 1) * size, with: imaginarySlice) }
            }
        }
        return Tensor(shape: [indices.count, 1, rows, frames], real: real, imaginary: imaginary)
    }
}
