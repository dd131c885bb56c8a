import ComplexNN
import Foundation

/// A `[batch, 1, rows, frames]` input of seeded normal values (complex unless `complex` is false).
func randomInput(batch: Int, rows: Int, frames: Int, complex: Bool = true, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let n = batch * rows * frames
    return Tensor(
        shape: [batch, 1, rows, frames], real: (0..<n).map { _ in generator.nextNormal() },
        imaginary: complex ? (0..<n).map { _ in generator.nextNormal() } : nil)
}

/// Samples whose class lives only in phase relations between rows: z[r, t] = a_r(t)·exp(i·φ_r(t))
/// with magnitudes a ~ U(0.5, 1.5) i.i.d. in both classes. Class 1: every row follows one random
/// phase track, φ_r(t) = ψ(t) + c_r + 0.3·ε, with a random constant offset c_r per row and sample
/// when `offsets` (then the phases at any one frame are as uniform as in class 0), else c_r = 0
/// (in-phase locking). Class 0: independent uniform phases.
func phaseLockedSamples(count: Int, rows: Int, frames: Int, offsets: Bool = true, seed: UInt64) -> (
    input: Tensor, labels: [Int]
) {
    var generator = SeededGenerator(seed: seed)
    func uniformPhase() -> Float { Float.pi * (2 * generator.nextUniform() - 1) }
    var re: [Float] = [], im: [Float] = [], labels: [Int] = []
    for sample in 0..<count {
        let locked = sample % 2
        let track = (0..<frames).map { _ in uniformPhase() }
        for _ in 0..<rows {
            let offset = offsets ? uniformPhase() : 0
            for t in 0..<frames {
                let magnitude = 0.5 + generator.nextUniform()
                let phase = locked == 1 ? track[t] + offset + 0.3 * generator.nextNormal() : uniformPhase()
                re.append(magnitude * cos(phase))
                im.append(magnitude * sin(phase))
            }
        }
        labels.append(locked)
    }
    return (Tensor(shape: [count, 1, rows, frames], real: re, imaginary: im), labels)
}

/// Samples whose class lives only in how the rows' phases move: z[r, t] = a_r(t)·exp(i·φ_r(t)),
/// a ~ U(0.5, 1.5), φ_r(t) = ω_r·t + c_r + W_r(t) with a random constant frequency ω_r and offset
/// c_r per row and sample (the STFT's phase advance) and a random walk W of N(0, 1) steps, one walk
/// shared by every row in class 1 (co-modulated frequencies), independent walks in class 0. The
/// phase advances of two rows differ by a constant in class 1 only; their raw phases drift apart in
/// both classes.
func frequencyModulatedSamples(count: Int, rows: Int, frames: Int, seed: UInt64) -> (input: Tensor, labels: [Int]) {
    var generator = SeededGenerator(seed: seed)
    func uniformPhase() -> Float { Float.pi * (2 * generator.nextUniform() - 1) }
    func walk() -> [Float] {
        var position: Float = 0
        return (0..<frames).map { _ in
            position += generator.nextNormal()
            return position
        }
    }
    var re: [Float] = [], im: [Float] = [], labels: [Int] = []
    for sample in 0..<count {
        let shared = sample % 2 == 1 ? walk() : nil
        for _ in 0..<rows {
            let (frequency, offset, path) = (uniformPhase(), uniformPhase(), shared ?? walk())
            for t in 0..<frames {
                let magnitude = 0.5 + generator.nextUniform()
                let phase = frequency * Float(t) + offset + path[t]
                re.append(magnitude * cos(phase))
                im.append(magnitude * sin(phase))
            }
        }
        labels.append(sample % 2)
    }
    return (Tensor(shape: [count, 1, rows, frames], real: re, imaginary: im), labels)
}

/// `input` with its rows (the MFCC nodes) reordered by `order`.
func permutingRows(_ input: Tensor, _ order: [Int]) -> Tensor {
    let (batch, rows, frames) = (input.shape[0], input.shape[2], input.shape[3])
    let index = (0..<(batch * rows * frames)).map { i in
        let (b, r, t) = (i / (rows * frames), i / frames % rows, i % frames)
        return (b * rows + order[r]) * frames + t
    }
    return Tensor(
        shape: input.shape, real: index.map { input.real[$0] },
        imaginary: input.imaginary.map { im in index.map { im[$0] } })
}
