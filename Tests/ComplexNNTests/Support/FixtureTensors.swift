import ComplexNN
import Foundation
import NumPyIO
import TestSupport
import Testing

/// One `.npz` of `Tests/Fixtures/complexnn/`, written by `scripts/make_complexnn_fixtures.py`.
struct TorchFixture {
    let name: String
    let arrays: [String: NPYArray]

    init(_ name: String) throws {
        self.name = name
        arrays = try Fixtures.npz("complexnn/\(name).npz")
    }

    /// The torch version that produced the fixture.
    var torchVersion: String {
        String(decoding: arrays["torch_version"]?.bytes ?? [], as: UTF8.self)
    }

    func array(_ key: String) throws -> NPYArray {
        try #require(arrays[key], "\(name): no array \(key)")
    }

    /// The array `key` as a tensor (complex for `<c8`), optionally a gradient leaf.
    func tensor(_ key: String, requiresGrad: Bool = false) throws -> Tensor {
        let a = try array(key)
        let shape = a.shape.isEmpty ? [1] : a.shape
        if a.dtype == .complex64 {
            let (re, im) = deinterleave(try a.complexInterleaved())
            return Tensor(shape: shape, real: re, imaginary: im, requiresGrad: requiresGrad)
        }
        return Tensor(shape: shape, real: try a.floats(), requiresGrad: requiresGrad)
    }

    /// The array `key` as flat floats (re, im pairs for complex arrays).
    func values(_ key: String) throws -> [Float] {
        let a = try array(key)
        return a.dtype == .complex64 ? try a.complexInterleaved() : try a.floats()
    }

    func ints(_ key: String) throws -> [Int] { try array(key).ints() }

    /// Expects `actual`'s values (re, im pairs when complex) to match array `key`.
    func expectMatch(
        _ actual: [Float], _ key: String, rtol: Float, atol: Float,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try values(key)
        expectClose(actual, expected, rtol: rtol, atol: atol, "\(name).\(key)", sourceLocation: sourceLocation)
    }
}

func deinterleave(_ pairs: [Float]) -> ([Float], [Float]) {
    (
        stride(from: 0, to: pairs.count, by: 2).map { pairs[$0] },
        stride(from: 1, to: pairs.count, by: 2).map { pairs[$0] }
    )
}

func interleave(_ re: [Float], _ im: [Float]?) -> [Float] {
    guard let im else { return re }
    return zip(re, im).flatMap { [$0, $1] }
}

extension Tensor {
    /// Values as re, im pairs (or plain values for a real tensor).
    var flatValues: [Float] { interleave(real, imaginary) }
    /// Gradient as re, im pairs (or plain values for a real tensor).
    var flatGrad: [Float] { grad.flatValues }

    /// Backpropagates the loss Σ Re(conj(w)·self) for the weighting tensor `w` (same shape/kind).
    func backward(weightedBy w: Tensor) {
        backward(seedReal: w.real, seedImaginary: w.imaginary)
    }
}

/// Forward tolerance and gradient tolerance used against the PyTorch fixtures.
enum Tolerance {
    static let forward: (rtol: Float, atol: Float) = (1e-5, 1e-6)
    static let gradient: (rtol: Float, atol: Float) = (1e-4, 1e-5)
}
