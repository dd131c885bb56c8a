import AudioIO
import ComplexNN
import Foundation
import NumPyIO
import Spectral

/// Classifies audio files with a bundle: decode (mono, the bundle's sample rate), compute the
/// bundle's feature, standardise with its statistics, cut into segments (see ``Segmenting``;
/// a file shorter than one segment is one zero-padded segment) and average the segments'
/// class probabilities.
public struct Predictor {
    public let bundle: ModelBundle
    private let extractor: FeatureExtractor

    public init(bundle: ModelBundle) throws {
        self.bundle = bundle
        extractor = try FeatureExtractor(bundle.manifest.extraction.spectral)
    }

    /// One file's result.
    public struct Prediction: Codable, Sendable {
        public let path: String
        /// The label of the highest mean probability.
        public let label: String
        /// The bundle's labels, in output order.
        public let labels: [String]
        /// Mean probability over segments, in label order.
        public let probabilities: [Float]
        public let segments: Int
        /// Wall-clock seconds for decoding, features and the model.
        public let seconds: Double
    }

    /// Predicts one file; throws an error naming the file when it cannot be decoded or analysed.
    public func predict(_ url: URL) throws -> Prediction {
        let started = Date()
        let m = bundle.manifest
        let audio = try AudioFile.load(url, options: LoadOptions(sampleRate: m.extraction.spectral.sampleRate))
        let arrays: [(name: String, array: NPYArray)]
        do { arrays = try TrackFeatures.compute(audio.samples, kinds: [m.feature.kind], extractor: extractor) } catch {
            throw DatasetError("\(url.path): \(error)")
        }
        let matrix = try m.normalization.apply(to: try FeatureMatrix(arrays[0].array, name: url.path))
        let set = SegmentSet(tracks: [matrix], labels: [0], layout: m.segmentLayout)
        let probabilities = SegmentClassifier.probabilities(bundle.model, set)
        let mean = (0..<m.labels.count).map { c in probabilities.reduce(0) { $0 + $1[c] } / Float(probabilities.count) }
        return Prediction(
            path: url.path, label: m.labels[SegmentClassifier.argmax(mean)], labels: m.labels, probabilities: mean,
            segments: probabilities.count, seconds: Date().timeIntervalSince(started))
    }
}
