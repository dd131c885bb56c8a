import ClassifierSupport
import Models

/// `--model`: one model family, or several joined by `+` (`cvcnn+gnn`). Several are trained on the
/// same split one after the other, each with its own defaults and the options given, and used
/// together: their class probabilities averaged (see `ModelCombination`).
public struct ModelChoice: Equatable, Sendable, CustomStringConvertible {
    /// The families in the order given: at least one, none twice.
    public let kinds: [ModelKind]

    /// - Throws: ``ConfigurationError`` (key `model`) for an empty list or a family given twice.
    public init(_ kinds: [ModelKind]) throws(ConfigurationError) {
        let text = kinds.map(\.rawValue).joined(separator: "+")
        guard !kinds.isEmpty else { throw ConfigurationError(key: "model", value: text, reason: "names no model") }
        if let repeated = kinds.enumerated().first(where: { kinds[..<$0.offset].contains($0.element) }) {
            throw ConfigurationError(
                key: "model", value: text, reason: "names \(repeated.element.rawValue) twice (see {ensemble})")
        }
        self.kinds = kinds
    }

    /// `cvcnn`, `cvcnn+gnn`: families joined by `+`.
    /// - Throws: ``ConfigurationError`` naming the part that is not a family.
    public init(parsing text: String) throws(ConfigurationError) {
        var kinds: [ModelKind] = []
        for part in text.split(separator: "+", omittingEmptySubsequences: false) {
            guard let kind = ModelKind(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                let names = ModelKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(
                    key: "model", value: text,
                    reason: "'\(part)' is not one of \(names) (several are joined by +, e.g. cvcnn+gnn)")
            }
            kinds.append(kind)
        }
        try self.init(kinds)
    }

    /// One family's choice.
    public init(_ kind: ModelKind) { kinds = [kind] }

    /// `cvcnn+gnn`.
    public var description: String { kinds.map(\.rawValue).joined(separator: "+") }
}

extension ModelChoice: Decodable {
    /// From a configuration file: `model: cvcnn+gnn` or `model: [cvcnn, gnn]`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let names = try? container.decode([String].self) {
            try self.init(parsing: names.joined(separator: "+"))
        } else {
            try self.init(parsing: container.decode(String.self))
        }
    }
}
