import ArgumentParser
import Foundation

/// A set of command-line options that a `--config FILE.yaml` can also give, each by its key (the
/// flag in snake case: `--n-fft` is `n_fft`). The option itself (name, type, help) is its
/// `@Option` or `@Flag`; ``fields`` lists how each is read from the file, merged and reported.
public protocol OverrideSet: ParsableArguments {
    /// One entry per option, in declaration order.
    static var fields: [OptionField<Self>] { get }
}

extension OverrideSet {
    /// Nothing set: every option at its default (what parsing no arguments gives).
    public static var unset: Self {
        do { return try parse([]) } catch {
            preconditionFailure("options without required values failed to parse: \(error)")
        }
    }

    /// The keys of the options set here (a `Bool` flag counts when on).
    public var setKeys: Set<String> { Set(Self.fields.filter { $0.isSet(self) }.map(\.key)) }

    /// These options with every option set in `other` taking its value from there (field by
    /// field: `other.x ?? self.x`).
    public func overridden(by other: Self) -> Self {
        var result = self
        for field in Self.fields { field.merge(&result, other) }
        return result
    }
}

/// How one option of `Root` is read from a configuration file and merged: its key and its place.
public struct OptionField<Root> {
    /// The option's key in a configuration file, e.g. `batch_size` for `--batch-size`.
    public let key: String
    package let decode: (inout Root, KeyedDecodingContainer<OptionKey>) throws -> Void
    package let merge: (inout Root, Root) -> Void
    package let isSet: (Root) -> Bool
    /// The value set, or `nil`.
    package let value: (Root) -> Any?

    /// An option whose value `nil` means "not given".
    public init<Value: Decodable>(_ key: String, _ path: WritableKeyPath<Root, Value?>) {
        self.key = key
        decode = { root, container in
            do {
                if let value = try container.decodeIfPresent(Value.self, forKey: OptionKey(key)) {
                    root[keyPath: path] = value
                }
            } catch DecodingError.dataCorrupted(let context) {
                guard let names = caseNames(of: Value.self) else { throw DecodingError.dataCorrupted(context) }
                let name = (try? container.decode(String.self, forKey: OptionKey(key))) ?? ""
                throw ConfigurationError(
                    key: key, value: name, reason: "is not one of \(names.joined(separator: ", "))")
            }
        }
        merge = { root, other in root[keyPath: path] = other[keyPath: path] ?? root[keyPath: path] }
        isSet = { $0[keyPath: path] != nil }
        value = { $0[keyPath: path] }
    }

    /// An on/off flag that is off unless given (`--match-params`).
    public init(flag key: String, _ path: WritableKeyPath<Root, Bool>) {
        self.key = key
        decode = { root, container in
            if let value = try container.decodeIfPresent(Bool.self, forKey: OptionKey(key)) {
                root[keyPath: path] = value
            }
        }
        merge = { root, other in root[keyPath: path] = other[keyPath: path] || root[keyPath: path] }
        isSet = { $0[keyPath: path] }
        value = { $0[keyPath: path] ? true : nil }
    }

    private init(
        key: String, decode: @escaping (inout Root, KeyedDecodingContainer<OptionKey>) throws -> Void,
        merge: @escaping (inout Root, Root) -> Void, isSet: @escaping (Root) -> Bool,
        value: @escaping (Root) -> Any?
    ) {
        (self.key, self.decode, self.merge, self.isSet, self.value) = (key, decode, merge, isSet, value)
    }

    /// This option as part of an `Outer` set that holds `Root` at `path` (an `@OptionGroup`).
    public func lifted<Outer>(_ path: WritableKeyPath<Outer, Root>) -> OptionField<Outer> {
        let (decode, merge, isSet, value) = (self.decode, self.merge, self.isSet, self.value)
        return OptionField<Outer>(
            key: key,
            decode: { outer, container in try decode(&outer[keyPath: path], container) },
            merge: { outer, other in merge(&outer[keyPath: path], other[keyPath: path]) },
            isSet: { isSet($0[keyPath: path]) }, value: { value($0[keyPath: path]) })
    }
}

/// A configuration-file key.
public struct OptionKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }
    public init(_ key: String) { stringValue = key }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// Decodes a configuration file's mapping field by field into an ``OverrideSet``.
struct OverrideFile<Root: OverrideSet>: Decodable {
    var value = Root.unset

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: OptionKey.self)
        for field in Root.fields { try field.decode(&value, container) }
    }
}

/// The raw values of `type`'s cases when it is a `CaseIterable` enum of strings.
private func caseNames(of type: Any.Type) -> [String]? {
    guard let iterable = type as? any CaseIterable.Type else { return nil }
    let names = iterable.caseNames
    return names.isEmpty ? nil : names
}

extension CaseIterable {
    fileprivate static var caseNames: [String] {
        allCases.compactMap { ($0 as? any RawRepresentable<String>)?.rawValue }
    }
}
