import Foundation

/// Mel-frequency cepstral coefficients from a dB mel spectrogram, librosa 0.11's
/// `feature.mfcc(S=power_to_db(mel), n_mfcc=20, dct_type=2, norm="ortho", lifter=0)`:
/// the first `nMFCC` orthonormal DCT-II coefficients of every frame, then, when `lifter > 0`,
/// coefficient k (0-based) multiplied by `1 + (lifter/2)·sin(π(k + 1)/lifter)`.
public struct MFCC: Sendable, Equatable {
    public let nMFCC: Int
    public let nMels: Int
    public let lifter: Float
    let dct: DiscreteCosineTransform

    /// Throws for `nMFCC ≤ 0`, `nMels ≤ 0`, `nMFCC > nMels` or `lifter < 0`.
    public init(nMFCC: Int = 20, nMels: Int = 128, lifter: Float = 0) throws {
        try requirePositive(nMFCC, "nMFCC")
        try requirePositive(nMels, "nMels")
        guard nMFCC <= nMels else {
            throw SpectralError.invalidParameter("nMFCC=\(nMFCC) must be at most nMels=\(nMels)")
        }
        guard lifter >= 0 else {
            throw SpectralError.invalidParameter("MFCC lifter=\(lifter) must be a non-negative number")
        }
        self.nMFCC = nMFCC
        self.nMels = nMels
        self.lifter = lifter
        dct = try DiscreteCosineTransform(inputCount: nMels, outputCount: nMFCC)
    }

    /// `[nMels, frames]` dB mel spectrogram → `[nMFCC, frames]` coefficients.
    public func callAsFunction(decibelMel: Spectrogram) throws -> Spectrogram {
        var coefficients = try dct(decibelMel)
        guard lifter > 0 else { return coefficients }
        let frames = coefficients.frameCount
        for k in 0..<nMFCC {
            let gain = 1 + (lifter / 2) * sin(Float.pi * Float(k + 1) / lifter)
            for t in 0..<frames { coefficients.values[k * frames + t] *= gain }
        }
        return coefficients
    }
}
