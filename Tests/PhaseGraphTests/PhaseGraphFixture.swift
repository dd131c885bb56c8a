import ComplexNN
import NumPyIO
import TestSupport
import Testing

/// One `.npz` of `Tests/Fixtures/phasegraph/`, written by `scripts/make_phasegraph_fixtures.py`.
struct PhaseGraphFixture {
    let name: String
    let arrays: [String: NPYArray]

    init(_ name: String) throws {
        self.name = name
        arrays = try Fixtures.npz("phasegraph/\(name).npz")
    }

    /// The array `key` as a tensor (complex for `<c8`, split into planes).
    func tensor(_ key: String, requiresGrad: Bool = false) throws -> Tensor {
        let a = try #require(arrays[key], "\(name): no array \(key)")
        guard a.dtype == .complex64 else {
            return Tensor(shape: a.shape, real: try a.floats(), requiresGrad: requiresGrad)
        }
        let pairs = try a.complexInterleaved()
        return Tensor(
            shape: a.shape, real: stride(from: 0, to: pairs.count, by: 2).map { pairs[$0] },
            imaginary: stride(from: 1, to: pairs.count, by: 2).map { pairs[$0] }, requiresGrad: requiresGrad)
    }

    /// Expects `actual` (a tensor or its gradient) to match array `key` plane by plane.
    func expectMatch(
        _ actual: Tensor, _ key: String, rtol: Float, atol: Float, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try tensor(key)
        expectClose(
            actual.real, expected.real, rtol: rtol, atol: atol, "\(name).\(key) real", sourceLocation: sourceLocation)
        if let im = expected.imaginary {
            expectClose(
                actual.imaginary ?? [], im, rtol: rtol, atol: atol, "\(name).\(key) imaginary",
                sourceLocation: sourceLocation)
        }
    }
}
