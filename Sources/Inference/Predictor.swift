import AudioIO
import Bundles
import ClassifierSupport
import ComplexNN
import FeatureExtraction
import Foundation
import Models
import Spectral

/// Classifies audio with a bundle: decode (mono, the bundle's sample rate), compute the bundle's
/// feature, standardise with its statistics, score overlapping windows of one segment each
/// (every `hopSeconds`; the last window ends at the audio's last frame, so no audio is dropped; a
/// file shorter than one window is one window padded with the training mean), and average the windows' class probabilities. The input's
/// feature statistics are compared with the training tracks' (``OutOfDistributionModel``). An
/// ensemble's members score the same windows of the one feature; a window's probabilities are
/// the mean of theirs.
public struct Predictor {
    public let bundle: ModelBundle
    /// Seconds between window starts (default: half a segment).
    public var hopSeconds: Double
    /// How many of the most probable labels to report (at least 1).
    public var topK = 1
    /// Below this mean probability the label is ``Prediction/unknownLabel``.
    public var minimumConfidence: Float = 0
    /// Report every window.
    public var timeline = false
    private let extractor: FeatureExtractor
    /// Windows scored per batch (each window's probabilities do not depend on it).
    static let windowsPerBatch = 4

    public init(bundle: ModelBundle) throws {
        self.bundle = bundle
        hopSeconds = bundle.manifest.segmenting.hopSeconds ?? bundle.manifest.segmenting.segmentSeconds / 2
        extractor = try FeatureExtractor(bundle.manifest.extraction.spectral)
    }

    /// Predicts one file; throws an error naming the file when it cannot be decoded or analysed.
    public func predict(_ url: URL) throws -> Prediction {
        let started = Date()
        let options = LoadOptions(sampleRate: bundle.manifest.extraction.spectral.sampleRate)
        return try predict(AudioFile.load(url, options: options), path: url.path, started: started)
    }

    /// Predicts audio held in memory (e.g. read from standard input); `name` names it in messages.
    public func predict(data: Data, name: String) throws -> Prediction {
        let started = Date()
        let options = LoadOptions(sampleRate: bundle.manifest.extraction.spectral.sampleRate)
        return try predict(AudioFile.load(data: data, name: name, options: options), path: name, started: started)
    }

    private func predict(_ audio: DecodedAudio, path: String, started: Date) throws -> Prediction {
        let m = bundle.manifest, spectral = m.extraction.spectral
        let feature: SpectralFeature
        do {
            feature = try TrackFeatures.compute(audio.samples, kinds: [m.feature.kind], extractor: extractor)[0].feature
        } catch {
            throw FeatureError.extraction(path: path, reason: "\(error)")
        }
        let matrix = try m.normalization.apply(to: FeatureMatrix(feature))
        var windowing = m.segmenting
        (windowing.hopSeconds, windowing.coversRemainder) = (hopSeconds, true)
        let layout = windowing.layout(sampleRate: spectral.sampleRate, hopLength: spectral.hopLength)
        let frames = layout.framesPerSegment
        let set = SegmentSet(tracks: [matrix], labels: [0], layout: layout)
        let starts = set.segments.map(\.start)
        // A few windows per batch: the activations of a whole 30 s clip at once are tens of MB of
        // freshly zeroed pages; small batches reuse the same few MB, which glibc keeps once the
        // program has called ProcessTuning.apply() (audiocls does, at start).
        let probabilities = SegmentClassifier.ensembleProbabilities(
            bundle.members, set, batchSize: Self.windowsPerBatch)
        let mean = (0..<m.labels.count).map { c in probabilities.reduce(0) { $0 + $1[c] } / Float(probabilities.count) }
        let secondsPerFrame = Double(spectral.hopLength) / Double(spectral.sampleRate)
        let windows = zip(starts, probabilities).map { start, p in
            let top = SegmentClassifier.argmax(p)
            return Prediction.Window(
                start: Double(start) * secondsPerFrame,
                end: min(Double(start + frames) * secondsPerFrame, audio.duration), label: m.labels[top],
                probability: p[top])
        }
        let familiarity = m.outOfDistribution.map { model in
            let score = model.score(matrix)
            return Prediction.Familiarity(
                score: score, threshold: model.threshold, unlike: model.isUnlike(score: score))
        }
        return Prediction(
            path: path, labels: m.labels, probabilities: mean, topK: topK, minimumConfidence: minimumConfidence,
            windows: starts.count, audioSeconds: audio.duration, elapsedMS: Date().timeIntervalSince(started) * 1000,
            outOfDistribution: familiarity, timeline: timeline ? windows : nil)
    }
}
