import ArgumentParser
import ClassifierSupport
import Spectral

/// The spectral options shared by every command that extracts features (`extract features`,
/// `train genre`): changes to a ``Spectral/FeatureConfiguration``, `nil` leaving a setting at its
/// default. Configuration-file keys are the flags in snake case (`sr`, `n_fft`, `top_db`).
public struct SpectralOverrides: OverrideSet, Sendable {
    @Option(name: .customLong("sr"), help: Self.help(\.sampleRate, "Sample rate to decode at, Hz."))
    public var sampleRate: Int?

    @Option(name: .customLong("n-fft"), help: Self.help(\.nFFT, "FFT size in samples."))
    public var nFFT: Int?

    @Option(help: Self.help(\.hopLength, "Hop between frames in samples."))
    public var hop: Int?

    @Option(name: .customLong("win-length"), help: "Window length in samples, ≤ n-fft. (default: n-fft)")
    public var winLength: Int?

    @Option(help: Self.help(\.window, "Window."))
    public var window: WindowFunction?

    @Flag(inversion: .prefixedNo, help: "Centre frames on their time with zero padding. (default: --center)")
    public var center: Bool?

    @Option(name: .customLong("n-mels"), help: Self.help(\.nMels, "Mel bands."))
    public var nMels: Int?

    @Option(help: Self.help(\.fmin, "Lowest mel frequency, Hz."))
    public var fmin: Double?

    @Option(help: "Highest mel frequency, Hz. (default: sr/2)")
    public var fmax: Double?

    @Flag(inversion: .prefixedNo, help: "HTK mel scale instead of Slaney's. (default: --no-htk)")
    public var htk: Bool?

    @Option(help: Self.help(\.norm, "Mel filter normalisation."))
    public var norm: MelNormalization?

    @Option(name: .customLong("n-mfcc"), help: Self.help(\.nMFCC, "MFCC coefficients."))
    public var nMFCC: Int?

    @Option(help: Self.help(\.lifter, "MFCC liftering coefficient, 0 for none."))
    public var lifter: Double?

    @Option(name: .customLong("top-db"), help: "Dynamic range of dB features. (default: 80)")
    public var topDB: Double?

    public init() {}

    public static var fields: [OptionField<Self>] {
        [
            .init("sr", \.sampleRate), .init("n_fft", \.nFFT), .init("hop", \.hop), .init("win_length", \.winLength),
            .init("window", \.window), .init("center", \.center), .init("n_mels", \.nMels), .init("fmin", \.fmin),
            .init("fmax", \.fmax), .init("htk", \.htk), .init("norm", \.norm), .init("n_mfcc", \.nMFCC),
            .init("lifter", \.lifter), .init("top_db", \.topDB),
        ]
    }

    /// `configuration` with every option set here applied.
    public func applied(to configuration: FeatureConfiguration) -> FeatureConfiguration {
        var c = configuration
        c.sampleRate = sampleRate ?? c.sampleRate
        c.nFFT = nFFT ?? c.nFFT
        c.hopLength = hop ?? c.hopLength
        c.winLength = winLength ?? c.winLength
        c.window = window ?? c.window
        c.center = center ?? c.center
        c.nMels = nMels ?? c.nMels
        c.fmin = fmin ?? c.fmin
        c.fmax = fmax ?? c.fmax
        c.htk = htk ?? c.htk
        c.norm = norm ?? c.norm
        c.nMFCC = nMFCC ?? c.nMFCC
        c.lifter = lifter ?? c.lifter
        c.topDB = topDB ?? c.topDB
        return c
    }

    /// `text` and the default of the setting at `path`: librosa's for `extract features`, and
    /// the input features' (``InputFeature/defaultSpectral``) that `train genre` uses where they
    /// differ from it.
    static func help<T: Equatable>(_ path: KeyPath<FeatureConfiguration, T>, _ text: String) -> ArgumentHelp {
        let extraction = FeatureConfiguration()[keyPath: path]
        var groups: [(value: T, features: [String])] = []
        for feature in InputFeature.allCases where feature.defaultSpectral[keyPath: path] != extraction {
            let value = feature.defaultSpectral[keyPath: path]
            if let index = groups.firstIndex(where: { $0.value == value }) {
                groups[index].features.append(feature.rawValue)
            } else {
                groups.append((value, [feature.rawValue]))
            }
        }
        let training = groups.map { "\(OptionValueText.describe($0.value)) for \($0.features.joined(separator: ", "))" }
        let trainingText = training.isEmpty ? "" : "; train genre: \(training.joined(separator: "; "))"
        return ArgumentHelp("\(text) (default: \(OptionValueText.describe(extraction))\(trainingText))")
    }
}
