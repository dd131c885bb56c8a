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

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining, probability > 0 else { return input }
        let keep = 1 / (1 - probability)
        let mask = (0..<input.count).map { _ in generator.nextUniform() >= probability ? keep : 0 }
        let maskTensor = Tensor(shape: input.shape, real: mask)
        return input * (input.isComplex ? maskTensor.asComplex() : maskTensor)
    }
}
