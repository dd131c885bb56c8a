import ClassifierSupport
import ComplexNN
import Foundation
import Models
import NumPyIO

/// A model bundle `models/NAME/`: `model.safetensors` (every parameter and buffer by its dotted
/// name, real tensors `F32`, complex `C64`) and `model.json` (a ``BundleManifest``).
/// Loading is data only: JSON and tensors are parsed and checked, nothing is executed.
///
/// An ensemble's members share the one weights file, member k's tensors named `members.k.` + the
/// name (``namedState(of:)``), rather than a file each: one SHA-256 then identifies the whole
/// model (the id `predict` prints), one atomic write replaces it, and loading checks one file;
/// the names are those PyTorch gives the tensors of an `nn.ModuleList` attribute `members`.
public struct ModelBundle {
    public static let weightsName = "model.safetensors"
    public static let manifestName = "model.json"

    public let directory: URL
    public let manifest: BundleManifest
    /// The networks with the stored weights, in evaluation mode: one, or an ensemble's
    /// ``BundleManifest/memberCount``, whose class probabilities are averaged.
    public let members: [any Module]

    /// Writes `members` (one model, or an ensemble's networks in order) and `manifest` (whose
    /// checksum and format version are filled in here) into `directory`: weights first, then the
    /// manifest, each atomically. A manifest read from an older format is written as format 3 (4
    /// for an ensemble).
    @discardableResult
    public static func write(members: [any Module], manifest: BundleManifest, to directory: URL) throws
        -> BundleManifest
    {
        precondition(members.count == manifest.memberCount, "one model per member of the manifest")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bytes = SafeTensorsFile(tensors: StateTensors.entries(namedState(of: members))).encode()
        try AtomicFile.write(bytes, to: directory.appendingPathComponent(weightsName))
        var manifest = manifest
        manifest.weightsSHA256 = SHA256.hex(bytes)
        manifest.formatVersion = manifest.writtenFormatVersion
        let encoder = JSONEncoder.sortedKeys
        encoder.outputFormatting.insert(.prettyPrinted)
        try AtomicFile.write(encoder.encode(manifest), to: directory.appendingPathComponent(manifestName))
        return manifest
    }

    /// A short id of the weights: the first 8 hex digits of their SHA-256.
    public var shortID: String { String(manifest.weightsSHA256.prefix(8)) }

    /// The tensors of the weights file: a single model's parameters and buffers under their own
    /// names, an ensemble member's under ``memberPrefix(_:of:)``.
    public static func namedState(of members: [any Module]) -> [(name: String, tensor: Tensor)] {
        members.enumerated().flatMap { k, member in
            member.namedState().map { (memberPrefix(k, of: members.count) + $0.name, $0.tensor) }
        }
    }

    /// `members.k.` for member k of an ensemble, nothing for a single model.
    static func memberPrefix(_ index: Int, of count: Int) -> String { count == 1 ? "" : "members.\(index)." }

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
        if !FileManager.default.fileExists(atPath: manifestURL.path),
            let combination = try ModelCombination.read(in: directory)
        {
            let members = combination.members.map { directory.appendingPathComponent($0).path }
            throw BundleError(
                directory.path,
                "holds models used together (\(ModelCombination.fileName): \(members.joined(separator: ", "))); this takes one model: give one of them"
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
        let members = try Self.members(
            manifest, weights: bytes, paths: (manifest: manifestURL.path, weights: weightsURL.path))
        (self.directory, self.manifest, self.members) = (directory, manifest, members)
    }

    /// The manifest's ``BundleManifest/memberCount`` networks with the weights in `bytes`, in
    /// evaluation mode; the file must hold exactly their tensors.
    private static func members(
        _ manifest: BundleManifest, weights bytes: [UInt8], paths: (manifest: String, weights: String)
    )
        throws(BundleError) -> [any Module]
    {
        let count = manifest.memberCount
        let members: [any Module]
        do { members = try (0..<count).map { _ in try manifest.architecture.makeModel(seed: 0) } } catch {
            throw BundleError(paths.manifest, "the architecture cannot be built: \(error)")
        }
        do {
            let file = try SafeTensorsFile.decode(bytes)
            for (k, member) in members.enumerated() {
                let prefix = memberPrefix(k, of: count)
                let tensors = try StateTensors.tensors(file.tensors, prefix: prefix)
                do { try member.loadState(tensors) } catch { throw error.naming(prefix: prefix) }
            }
            let expected = Set(namedState(of: members).map(\.name))
            if let extra = file.tensors.keys.sorted().first(where: { !expected.contains($0) }) {
                throw ModuleStateError.unexpected(name: extra)
            }
        } catch {
            throw BundleError(paths.weights, "does not fit the architecture in model.json: \(error)")
        }
        for member in members { member.eval() }
        return members
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
        problems += ensembleProblems(m)
        guard problems.isEmpty else { throw BundleError(path, "inconsistent: " + problems.joined(separator: "; ")) }
    }

    /// What disagrees between `training.ensemble`, `members` and the format version.
    private static func ensembleProblems(_ m: BundleManifest) -> [String] {
        if let ensemble = m.training.ensemble, ensemble < 2 {
            return ["training.ensemble \(ensemble): an ensemble has at least 2 members"]
        }
        guard let members = m.members else {
            return m.memberCount == 1 ? [] : ["training.ensemble is \(m.memberCount) but no members are listed"]
        }
        var problems: [String] = []
        if members.count != m.memberCount {
            problems.append("\(members.count) members listed but training.ensemble is \(m.memberCount)")
        }
        if m.formatVersion < BundleManifest.ensembleFormatVersion {
            problems.append("members in format \(m.formatVersion) (ensembles are format 4)")
        }
        for (k, member) in members.enumerated() where member.seed != TrainingConfiguration.memberSeed(k, of: m.seed) {
            problems.append("member \(k + 1)'s seed \(member.seed) is not the one derived from seed \(m.seed)")
        }
        return problems
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

extension ModuleStateError {
    /// The same error naming its tensor as the weights file does (`members.1.` + the name).
    fileprivate func naming(prefix: String) -> ModuleStateError {
        switch self {
        case .missing(let name): .missing(name: prefix + name)
        case .unexpected(let name): .unexpected(name: prefix + name)
        case .shapeMismatch(let name, let expected, let found):
            .shapeMismatch(name: prefix + name, expected: expected, found: found)
        case .kindMismatch(let name, let expectedComplex):
            .kindMismatch(name: prefix + name, expectedComplex: expectedComplex)
        }
    }
}
