import Foundation
import NumPyIO
import Spectral
import TestSupport

/// One signal of `Tests/Fixtures/spectral/` (written by `scripts/make_spectral_fixtures.py`)
/// with the librosa parameters its reference outputs were computed with.
struct SpectralCase: Decodable {
    var nFFT: Int
    var hopLength: Int
    var winLength: Int
    var window: String
    var center: Bool
    var nMels: Int
    var fmin: Double
    var fmax: Double
    var htk: Bool
    var norm: String?
    var nMFCC: Int
    var lifterMFCC: Double?
    var melBasisRowStep: Int
    var arrays: [String]

    enum CodingKeys: String, CodingKey {
        case nFFT = "n_fft", hopLength = "hop_length", winLength = "win_length", window, center
        case nMels = "n_mels", fmin, fmax, htk, norm, nMFCC = "n_mfcc", lifterMFCC = "lifter_mfcc"
        case melBasisRowStep = "mel_basis_row_step", arrays
    }

    /// The same parameters as a ``FeatureConfiguration``.
    var configuration: FeatureConfiguration {
        var configuration = FeatureConfiguration()
        configuration.sampleRate = SpectralFixtures.meta.sampleRate
        configuration.nFFT = nFFT
        configuration.hopLength = hopLength
        configuration.winLength = winLength
        configuration.window = window == "boxcar" ? .rectangular : WindowFunction(rawValue: window)!
        configuration.center = center
        configuration.nMels = nMels
        configuration.fmin = fmin
        configuration.fmax = fmax
        configuration.htk = htk
        configuration.norm = norm == "slaney" ? .slaney : .none
        configuration.nMFCC = nMFCC
        return configuration
    }
}

struct SpectralMeta: Decodable {
    var versions: [String: String]
    var sampleRate: Int
    var epsilon: Float
    var cases: [String: SpectralCase]

    enum CodingKeys: String, CodingKey {
        case versions, sampleRate = "sample_rate", epsilon, cases
    }
}

enum SpectralFixtures {
    static let meta: SpectralMeta = try! Fixtures.json("spectral/meta.json")
    static let caseNames = ["chord", "transients", "chirp", "short", "tiny", "vibrato"]

    static func arrays(_ name: String) throws -> [String: NPYArray] {
        try Fixtures.npz("spectral/\(name).npz")
    }
}

extension [String: NPYArray] {
    /// The float32 array `name`, or a thrown error naming it.
    func floats(_ name: String) throws -> [Float] {
        guard let array = self[name] else { throw FixtureMissing(name: name) }
        return try array.floats()
    }

    /// The complex64 array `name` as interleaved (re, im) floats.
    func complex(_ name: String) throws -> [Float] {
        guard let array = self[name] else { throw FixtureMissing(name: name) }
        return try array.complexInterleaved()
    }

    func shape(_ name: String) -> [Int] { self[name]?.shape ?? [] }
}

struct FixtureMissing: Error { let name: String }

/// `max|actual − expected| / max|expected|`, the error relative to the array's scale.
func relativeError(_ actual: [Float], _ expected: [Float]) -> Float {
    maxAbsDifference(actual, expected) / (expected.map(abs).max() ?? 1)
}
