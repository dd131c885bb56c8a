import Bundles
import ComplexNN
import Foundation
import Models

/// The start of a network from a bundle's weights (``TrainingConfiguration/initFrom``): every
/// tensor of the bundle's network (parameters and BatchNorm statistics) except the output
/// layer's, which keeps its random initialisation unless the bundle was trained on this run's
/// labels in the same order. Made in two checked steps, so a run fails before any training: the
/// bundle is read and its input compared before the features are extracted (``init(bundle:
/// configuration:)``), its network compared once the data has given the classes (``fitted(to:
/// labels:)``).
struct WeightTransfer {
    /// The bundle read, and its folder as the user gave it.
    let bundle: ModelBundle, path: String
    /// The values loaded, by tensor name (none before ``fitted(to:labels:)``).
    private(set) var tensors: [String: Tensor] = [:]
    /// The tensors that keep their random start (the output layer's), in the network's order.
    private(set) var fresh: [String] = []

    /// Reads the bundle at `path` and checks that its network reads `configuration`'s input.
    init(bundle path: String, configuration c: TrainingConfiguration) throws(TrainingError) {
        self.path = path
        do { bundle = try ModelBundle(directory: URL(fileURLWithPath: path)) } catch {
            let place = error.path == URL(fileURLWithPath: path).path ? "" : "\(error.path): "
            throw .unusableInitialWeights(bundle: path, reason: place + error.reason)
        }
        let m = bundle.manifest
        guard m.memberCount == 1 else {
            throw unusable("holds an ensemble of \(m.memberCount) networks; give a bundle of one network")
        }
        guard m.feature == c.feature else {
            throw unusable(
                "was trained on the feature \(m.feature.rawValue) and this run reads \(c.feature.rawValue) (give {features} \(m.feature.rawValue))"
            )
        }
        guard m.extraction == c.extraction else {
            throw unusable(
                "was trained on \(m.feature.rawValue) with other spectral settings than this run's; give the feature options of its training (\(m.commandLine.joined(separator: " ")))"
            )
        }
    }

    /// This start for `architecture` trained on `labels`: throws unless the bundle's network is
    /// that architecture (its classes aside).
    func fitted(to architecture: ModelArchitecture, labels: [String]) throws(TrainingError) -> WeightTransfer {
        let m = bundle.manifest
        guard m.architecture.withClasses(labels.count) == architecture else {
            throw unusable(
                "its network (\(m.architecture.summary)) is not this run's (\(architecture.summary)); give the same {model}, {architecture} and network options"
            )
        }
        let state: [String: [Int]], wider: [String: [Int]]
        do {
            (state, wider) = (
                try Self.shapes(architecture), try Self.shapes(architecture.withClasses(labels.count + 1))
            )
        } catch { throw unusable("this run's network cannot be built: \(error)") }
        let output = Set(state.keys.filter { state[$0] != wider[$0] })
        let keepsOutput = m.labels == labels
        let named = bundle.members[0].namedState()
        var result = self
        result.tensors = Dictionary(
            uniqueKeysWithValues: named.filter { keepsOutput || !output.contains($0.name) }.map { ($0.name, $0.tensor) }
        )
        result.fresh = keepsOutput ? [] : named.map(\.name).filter(output.contains)
        return result
    }

    private func unusable(_ reason: String) -> TrainingError { .unusableInitialWeights(bundle: path, reason: reason) }

    /// Loads ``tensors`` into `model` (a fresh network of the run's architecture), leaving ``fresh`` as they are.
    func apply(to model: any Module) throws {
        var values = tensors
        for (name, tensor) in model.namedState() where values[name] == nil { values[name] = tensor }
        try model.loadState(values)
    }

    /// One line for the log: what the run starts from.
    var summary: String {
        let m = bundle.manifest
        let head =
            fresh.isEmpty
            ? "every layer, the output layer's too (the same classes)"
            : "every layer but the output layer (\(fresh.joined(separator: ", "))), which starts afresh for this run's classes"
        return
            "starting from \(path) (\(m.architecture.summary), trained on \(m.labels.count) classes, weights \(bundle.shortID)): \(head)"
    }

    /// Each tensor's shape in a fresh network of `architecture`.
    private static func shapes(_ architecture: ModelArchitecture) throws -> [String: [Int]] {
        Dictionary(
            uniqueKeysWithValues: try architecture.makeModel(seed: 0).namedState().map { ($0.name, $0.tensor.shape) })
    }
}
