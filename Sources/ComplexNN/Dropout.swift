/// Dropout: in training each element is zeroed with probability `probability` and the survivors
/// are scaled once by 1/(1 − p). A complex element is kept or dropped as a whole: ONE mask is
/// shared by the real and imaginary parts. Identity in evaluation. Masks come from a seeded
/// generator, so runs reproduce.
public final class Dropout: Module {
    public let probability: Float
    public private(set) var isTraining = true
    private var generator: SeededGenerator

    /// - Parameters:
    ///   - probability: the chance p ∈ [0, 1) that an element is zeroed.
    ///   - seed: seeds the mask generator, so masks reproduce.
    public init(probability: Float, seed: UInt64 = 0) {
        precondition(probability >= 0 && probability < 1, "dropout probability \(probability) must be in [0, 1)")
        self.probability = probability
        generator = SeededGenerator(seed: seed)
    }

    public func setTrainingMode(_ training: Bool) { isTraining = training }

    /// Restarts the mask generator from `seed`.
    public func reseed(_ seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining, probability > 0 else { return input }
        let keep = 1 / (1 - probability)
        let mask = (0..<input.count).map { _ in generator.nextUniform() >= probability ? keep : 0 }
        let maskTensor = Tensor(shape: input.shape, real: mask)
        return input * (input.isComplex ? maskTensor.asComplex() : maskTensor)
    }
}

extension Module {
    /// Restarts the mask generator of every ``Dropout`` below this module from `seed` (each
    /// layer from its own value derived from `seed` and its position), so that the masks of a
    /// step depend on the step alone — a resumed or data-parallel run draws the masks an
    /// uninterrupted single process draws.
    public func reseedDropout(_ seed: UInt64) {
        var index: UInt64 = 0
        func visit(_ module: any Module) {
            if let dropout = module as? Dropout {
                index += 1
                dropout.reseed(seed &+ 0x9E37_79B9_7F4A_7C15 &* index)
            }
            module.children.forEach { visit($0.module) }
        }
        visit(self)
    }
}
