import Foundation

/// Weight initialisers. `fanIn`/`fanOut` are input and output connections per unit
/// (features, or channels × kernel area for convolutions).
public enum Initializer: Sendable {
    /// Glorot (Xavier): variance 2/(fanIn + fanOut).
    case glorot
    /// He (Kaiming): variance 2/fanIn.
    case he

    /// The target variance Var(w) of each weight.
    func variance(fanIn: Int, fanOut: Int) -> Float {
        switch self {
        case .glorot: 2 / Float(fanIn + fanOut)
        case .he: 2 / Float(fanIn)
        }
    }

    /// `count` weights, complex if `complex`:
    /// - complex (Trabelsi et al. 2018): modulus ~ Rayleigh(σ) with σ² = Var/2 (so E|w|² = Var),
    ///   phase uniform in (−π, π];
    /// - real: Glorot uniform on ±√(3·Var), He normal with standard deviation √Var.
    public func weights(
        count: Int, fanIn: Int, fanOut: Int, complex: Bool, using generator: inout SeededGenerator
    ) -> (real: [Float], imaginary: [Float]?) {
        let variance = variance(fanIn: fanIn, fanOut: fanOut)
        if complex {
            let sigma = (variance / 2).squareRoot()
            var re = [Float](repeating: 0, count: count), im = re
            for i in 0..<count {
                let modulus = sigma * (-2 * Foundation.log(generator.nextUniform())).squareRoot()
                let phase = Float.pi * (2 * generator.nextUniform() - 1)
                re[i] = modulus * Foundation.cos(phase)
                im[i] = modulus * Foundation.sin(phase)
            }
            return (re, im)
        }
        switch self {
        case .glorot:
            let limit = (3 * variance).squareRoot()
            return ((0..<count).map { _ in limit * (2 * generator.nextUniform() - 1) }, nil)
        case .he:
            return ((0..<count).map { _ in variance.squareRoot() * generator.nextNormal() }, nil)
        }
    }

    /// A parameter tensor of `shape` initialised by ``weights(count:fanIn:fanOut:complex:using:)``.
    func parameter(
        shape: [Int], fanIn: Int, fanOut: Int, complex: Bool, using generator: inout SeededGenerator
    ) -> Tensor {
        let w = weights(count: shape.reduce(1, *), fanIn: fanIn, fanOut: fanOut, complex: complex, using: &generator)
        return Tensor(shape: shape, real: w.real, imaginary: w.imaginary, requiresGrad: true)
    }
}
