/// A setting's value as help text shows it: `3` for 3.0, `0.002`, `adamw` for an enum case (its
/// raw value), `16,32,64` for a list, `on`/`off`, `none` for nil.
package enum OptionValueText {
    package static func describe(_ value: Any) -> String {
        switch value {
        case let optional as any OptionalProtocol: optional.wrappedDescription
        case let double as Double: describe(double)
        case let float as Float: double(float)
        case let bool as Bool: bool ? "on" : "off"
        case let named as any RawRepresentable<String>: named.rawValue
        case let list as [Any]: list.map(describe).joined(separator: ",")
        default: "\(value)"
        }
    }

    private static func describe(_ double: Double) -> String {
        double.rounded() == double && abs(double) < 1e15 ? String(Int(double)) : "\(double)"
    }

    /// A `Float` by its shortest decimal spelling (`0.002`, not `0.0020000000949949026`).
    private static func double(_ float: Float) -> String {
        float.rounded() == float && abs(float) < 1e7 ? String(Int(float)) : "\(float)"
    }
}

/// Lets ``OptionValueText`` see through an `Optional` held as `Any`.
protocol OptionalProtocol {
    var wrappedDescription: String { get }
}

extension Optional: OptionalProtocol {
    var wrappedDescription: String { map { OptionValueText.describe($0) } ?? "none" }
}
