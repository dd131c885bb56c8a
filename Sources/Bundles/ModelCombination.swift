import ClassifierSupport
import Foundation
import Models
import NumPyIO

/// Models trained together (`audiocls train genre … --model cvcnn+gnn --out OUT`): OUT holds one
/// bundle per family (OUT/cvcnn, OUT/gnn, trained on the same split) and `combination.json`, which
/// lists them and records the average's figures. `evaluate` and `predict` given OUT use the
/// members together, as `--model OUT/cvcnn --model OUT/gnn` would: each track's class
/// probabilities are the mean of the members'.
public struct ModelCombination: Codable, Sendable, Equatable {
    public static let fileName = "combination.json"
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// The members' folders, relative to the combination's, in order.
    public var members: [String]
    /// The classes, in the first member's order.
    public var labels: [String]
    /// The average on the members' validation and test tracks (track accuracy by mean
    /// probability); `nil` without such tracks.
    public var validation: MetricsSummary?, test: MetricsSummary?

    public init(members: [String], labels: [String], validation: MetricsSummary?, test: MetricsSummary?) {
        formatVersion = Self.currentFormatVersion
        (self.members, self.labels, self.validation, self.test) = (members, labels, validation, test)
    }

    /// The combination in `directory`, or `nil` when it has no `combination.json`.
    /// - Throws: ``BundleError`` naming the file when it cannot be read or has another format.
    public static func read(in directory: URL) throws(BundleError) -> ModelCombination? {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let combination: ModelCombination
        do { combination = try JSONDecoder().decode(Self.self, from: Data(contentsOf: url)) } catch {
            throw BundleError(url.path, "not a valid list of models used together: \(error)")
        }
        guard combination.formatVersion == currentFormatVersion else {
            throw BundleError(
                url.path,
                "format version \(combination.formatVersion) is not supported (this audiocls reads version \(currentFormatVersion))"
            )
        }
        guard combination.members.count > 1,
            combination.members.allSatisfy({ !$0.isEmpty && !$0.contains("/") && $0 != "." && $0 != ".." })
        else {
            throw BundleError(url.path, "members must be at least two folder names inside \(directory.path)")
        }
        return combination
    }

    /// Writes `combination.json` into `directory` atomically (after the members' bundles).
    public func write(to directory: URL) throws {
        let encoder = JSONEncoder.sortedKeys
        encoder.outputFormatting.insert(.prettyPrinted)
        try AtomicFile.write(encoder.encode(self), to: directory.appendingPathComponent(Self.fileName))
    }

    /// What `--model PATH` loads: a combination's members, each named `PATH/member`, or the one
    /// bundle in PATH, named PATH. Members must know the same classes.
    public static func bundles(at path: String) throws -> [(name: String, bundle: ModelBundle)] {
        let directory = URL(fileURLWithPath: path)
        guard let combination = try read(in: directory) else { return [(path, try ModelBundle(directory: directory))] }
        let loaded = try combination.members.map { member in
            let name = (path.hasSuffix("/") ? path : path + "/") + member
            return (name: name, bundle: try ModelBundle(directory: directory.appendingPathComponent(member)))
        }
        _ = try ModelBundle.commonLabels(loaded.map(\.bundle))
        return loaded
    }
}
