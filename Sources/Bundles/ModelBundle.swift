import ClassifierSupport
import ComplexNN
import Foundation
import NumPyIO

/// A model bundle `models/NAME/`: `model.safetensors` (every parameter and buffer by its dotted
/// name, real tensors `F32`, complex `C64`) and `model.json` (a ``BundleManifest``).
/// Loading is data only: JSON and tensors are parsed and checked, nothing is executed.
public struct ModelBundle {
    public static let weightsName = "model.safetensors"
    public static let manifestName = "model.json"

    public let directory: URL
    public let manifest: BundleManifest
    /// The model with the stored weights, in evaluation mode.
    public let model: any Module

    /// Writes `model` and `manifest` (whose checksum and format version are filled in here) into
    /// `directory`: weights first, then the manifest, each atomically. A manifest read from an
    /// older format is written as the current one.
    @discardableResult
    public static func write(model: any Module, manifest: BundleManifest, to directory: URL) throws -> BundleManifest {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bytes = SafeTensorsFile(tensors: StateTensors.entries(model.namedState())).encode()
        try AtomicFile.write(bytes, to: directory.appendingPathComponent(weightsName))
        var manifest = manifest
        manifest.weightsSHA256 = SHA256.hex(bytes)
        manifest.formatVersion = BundleManifest.currentFormatVersion
        let encoder = JSONEncoder.sortedKeys
        encoder.outputFormatting.insert(.prettyPrinted)
        try AtomicFile.write(encoder.encode(manifest), to: directory.appendingPathComponent(manifestName))
        return manifest
    }

    /// A short id of the weights: the first 8 hex digits of their SHA-256.
    public var shortID: String { String(manifest.weightsSHA256.prefix(8)) }

    /// Loads and checks a bundle: the manifest parses and has a known format version and
    /// consistent fields, the weights file matches its SHA-256, parses as safetensors, and holds
    /// exactly the model's tensors with the right dtypes and shapes.
    public init(directory: URL) throws(BundleError) {
        let manifestURL = directory.appendingPathComponent(Self.manifestName)
        let weightsURL = directory.appendingPathComponent(Self.weightsName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw BundleError(
                directory.path,
                "no model here; train one with `audiocls train genre DATASET --out \(directory.path)` (or run scripts/demo)"
            )
        }
        let manifest = try Self.readManifest(manifestURL)
        try Self.checkConsistency(manifest, path: manifestURL.path)
        guard let weights = FileManager.default.contents(atPath: weightsURL.path) else {
            throw BundleError(weightsURL.path, "missing or unreadable; not a complete model bundle")
        }
        let bytes = Array(weights)
        let digest = SHA256.hex(bytes)
        guard digest == manifest.weightsSHA256 else {
            throw BundleError(
                weightsURL.path,
                "SHA-256 \(digest) differs from \(manifest.weightsSHA256) recorded in model.json: the file is damaged, truncated or was changed"
            )
        }
        let model: any Module
        do { model = try manifest.architecture.makeModel(seed: 0) } catch {
            throw BundleError(manifestURL.path, "the architecture cannot be built: \(error)")
        }
        do {
            let file = try SafeTensorsFile.decode(bytes)
            try model.loadState(try StateTensors.tensors(file.tensors))
        } catch {
            throw BundleError(weightsURL.path, "does not fit the architecture in model.json: \(error)")
        }
        model.eval()
        (self.directory, self.manifest, self.model) = (directory, manifest, model)
    }

    /// The decoded `model.json`, of a readable format version. A newer format is named as such,
    /// not as a decoding error: when the manifest does not decode, its version field alone is read
    /// (only then, so a good manifest is parsed once).
    private static func readManifest(_ url: URL) throws(BundleError) -> BundleManifest {
        guard let json = FileManager.default.contents(atPath: url.path) else {
            throw BundleError(url.path, "missing or unreadable; not a complete model bundle")
        }
        struct Versioned: Decodable { let formatVersion: Int? }
        func checkVersion(_ version: Int?) throws(BundleError) {
            let readable = BundleManifest.readableFormatVersions
            guard let version, !readable.contains(version) else { return }
            throw BundleError(
                url.path,
                "format version \(version) is not supported (this audiocls reads versions \(readable.lowerBound)–\(readable.upperBound))"
            )
        }
        let manifest: BundleManifest
        do { manifest = try JSONDecoder().decode(BundleManifest.self, from: json) } catch {
            try checkVersion((try? JSONDecoder().decode(Versioned.self, from: json))?.formatVersion)
            throw BundleError(url.path, "not a valid model description: \(Self.describe(error))")
        }
        try checkVersion(manifest.formatVersion)
        return manifest
    }

    /// Fields that must agree with each other.
    private static func checkConsistency(_ m: BundleManifest, path: String) throws(BundleError) {
        let rows = m.feature.rows(m.extraction.spectral)
        let frames = m.segmenting.framesPerSegment(
            sampleRate: m.extraction.spectral.sampleRate, hopLength: m.extraction.spectral.hopLength)
        var problems: [String] = []
        if m.labels.count != m.architecture.classes {
            problems.append("\(m.labels.count) labels but the model has \(m.architecture.classes) outputs")
        }
        if !m.architecture.accepts(rows: rows, frames: frames) {
            problems.append("the model (\(m.architecture.summary)) cannot read the features' [1, \(rows), \(frames)]")
        }
        if frames != m.framesPerSegment {
            problems.append("framesPerSegment \(m.framesPerSegment) disagrees with the settings (\(frames))")
        }
        if m.normalization.mean.count != rows || m.normalization.standardDeviation.count != rows
            || (m.normalization.meanImaginary != nil) != m.feature.isComplex
        {
            problems.append(
                "normalisation statistics do not match \(rows) \(m.feature.isComplex ? "complex" : "real") feature rows"
            )
        }
        if !m.extraction.features.contains(m.feature.kind) {
            problems.append("feature \(m.feature.rawValue) is not among the extracted features")
        }
        guard problems.isEmpty else { throw BundleError(path, "inconsistent: " + problems.joined(separator: "; ")) }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
