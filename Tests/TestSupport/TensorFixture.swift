import ComplexNN
import Foundation
import NumPyIO
import Testing

/// One `.npz` of `Tests/Fixtures/<folder>/` written by a PyTorch fixture script
/// (`scripts/make_complexnn_fixtures.py`, `scripts/make_phasegraph_fixtures.py`), read as tensors.
public struct TensorFixture {
    public let name: String
    public let arrays: [String: NPYArray]

    /// `Tests/Fixtures/<folder>/<name>.npz`.
    public init(_ name: String, in folder: String) throws {
        self.name = name
        arrays = try Fixtures.npz("\(folder)/\(name).npz")
    }

    /// The torch version that produced the fixture.
    public var torchVersion: String {
        String(decoding: arrays["torch_version"]?.bytes ?? [], as: UTF8.self)
    }

    public func array(_ key: String) throws -> NPYArray {
        try #require(arrays[key], "\(name): no array \(key)")
    }

    /// The array `key` as a tensor (complex for `<c8`, split into planes; a scalar has shape
    /// `[1]`), optionally a gradient leaf.
    public func tensor(_ key: String, requiresGrad: Bool = false) throws -> Tensor {
        let a = try array(key)
        let shape = a.shape.isEmpty ? [1] : a.shape
        guard a.dtype == .complex64 else {
            return Tensor(shape: shape, real: try a.floats(), requiresGrad: requiresGrad)
        }
        let (re, im) = deinterleave(try a.complexInterleaved())
        return Tensor(shape: shape, real: re, imaginary: im, requiresGrad: requiresGrad)
    }

    /// The array `key` as flat floats (re, im pairs for complex arrays).
    public func values(_ key: String) throws -> [Float] {
        let a = try array(key)
        return a.dtype == .complex64 ? try a.complexInterleaved() : try a.floats()
    }

    public func ints(_ key: String) throws -> [Int] { try array(key).ints() }

    /// Expects `actual`'s values (re, im pairs when complex) to match array `key`.
    public func expectMatch(
        _ actual: [Float], _ key: String, rtol: Float, atol: Float, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        expectClose(actual, try values(key), rtol: rtol, atol: atol, "\(name).\(key)", sourceLocation: sourceLocation)
    }

    /// Expects `actual` (a tensor or its gradient) to match array `key` plane by plane.
    public func expectMatch(
        _ actual: Tensor, _ key: String, rtol: Float, atol: Float, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try tensor(key)
        expectClose(
            actual.real, expected.real, rtol: rtol, atol: atol, "\(name).\(key) real", sourceLocation: sourceLocation)
        if let imaginary = expected.imaginary {
            expectClose(
                actual.imaginary ?? [], imaginary, rtol: rtol, atol: atol, "\(name).\(key) imaginary",
                sourceLocation: sourceLocation)
        }
    }
}

/// Interleaved (re, im) pairs split into two planes.
public func deinterleave(_ pairs: [Float]) -> ([Float], [Float]) {
    (
        stride(from: 0, to: pairs.count, by: 2).map { pairs[$0] },
        stride(from: 1, to: pairs.count, by: 2).map { pairs[$0] }
    )
}
