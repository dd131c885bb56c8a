/// How `extract features --dtype` stores the arrays it writes.
public enum StoredPrecision: String, Codable, CaseIterable, Sendable {
    /// `<f4`, complex `<c8`: the values as computed (the default).
    case float32
    /// `<f2` (NumPy's `float16`), complex arrays as `[rows, frames, 2]` halves (re, im): half the
    /// bytes, each value rounded to 11 significant bits (a relative error ≤ 2⁻¹², 0.024 %; below
    /// 6.1e-5 the step is 6.0e-8). The mel power spectrogram stays `<f4`: its values span far
    /// more than a half's range (up to 65504, and quiet bands below 1e-8).
    case float16

    /// The precision `kind` is stored in under this setting.
    public func applied(to kind: FeatureKind) -> StoredPrecision {
        self == .float16 && kind != .mel ? .float16 : .float32
    }
}
