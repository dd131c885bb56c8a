import ArgumentParser
import FeatureExtraction

/// The feature-configuration options shared by every command that extracts features; each
/// overrides the same key of `--config` (librosa's defaults otherwise).
struct FeatureOptions: ParsableArguments {
    @Option(
        help:
            "Comma-separated features: \(FeatureKind.allCases.map(\.rawValue).joined(separator: ",")). (default: stft,mel,mfcc,phase)"
    )
    var features: String?

    @Option(
        help:
            "YAML file with any of: features, sr, n_fft, hop, win_length, window, center, n_mels, fmin, fmax, htk, norm, n_mfcc, lifter, top_db."
    )
    var config: String?

    @Option(name: .customLong("sr"), help: "Sample rate to decode at, Hz. (default: 22050)")
    var sampleRate: Int?

    @Option(name: .customLong("n-fft"), help: "FFT size in samples. (default: 2048)")
    var nFFT: Int?

    @Option(help: "Hop between frames in samples. (default: 512)")
    var hop: Int?

    @Option(name: .customLong("win-length"), help: "Window length in samples, ≤ n-fft. (default: n-fft)")
    var winLength: Int?

    @Option(help: "Window: hann, hamming, blackman, rectangular. (default: hann)")
    var window: String?

    @Flag(inversion: .prefixedNo, help: "Centre frames on their time with zero padding. (default: --center)")
    var center: Bool?

    @Option(name: .customLong("n-mels"), help: "Mel bands. (default: 128)")
    var nMels: Int?

    @Option(help: "Lowest mel frequency, Hz. (default: 0)")
    var fmin: Double?

    @Option(help: "Highest mel frequency, Hz. (default: sr/2)")
    var fmax: Double?

    @Flag(inversion: .prefixedNo, help: "HTK mel scale instead of Slaney's. (default: --no-htk)")
    var htk: Bool?

    @Option(help: "Mel filter normalisation: slaney or none. (default: slaney)")
    var norm: String?

    @Option(name: .customLong("n-mfcc"), help: "MFCC coefficients. (default: 20)")
    var nMFCC: Int?

    @Option(help: "MFCC liftering coefficient, 0 for none. (default: 0)")
    var lifter: Double?

    @Option(name: .customLong("top-db"), help: "Dynamic range of dB features. (default: 80)")
    var topDB: Double?

    /// The defaults, then `--config`, then the options given; a bad value is a `ValidationError`
    /// (exit status 64) naming the option or the configuration key as written.
    func settings() throws -> ExtractionSettings {
        let overrides = commandLineOverrides
        return try OptionSpelling.naming(config: config, commandLineKeys: OptionSpelling.keys(of: overrides)) {
            var settings = ExtractionSettings()
            if let config {
                settings = try ExtractionOverrides(yamlFile: .init(fileURLWithPath: config)).applied(to: settings)
            }
            let result = try overrides.applied(to: settings)
            try result.validate()
            return result
        }
    }

    /// The options given on the command line.
    private var commandLineOverrides: ExtractionOverrides {
        var overrides = ExtractionOverrides()
        overrides.features = features.map { [$0] }
        overrides.sr = sampleRate
        overrides.n_fft = nFFT
        overrides.hop = hop
        overrides.win_length = winLength
        overrides.window = window
        overrides.center = center
        overrides.n_mels = nMels
        overrides.fmin = fmin
        overrides.fmax = fmax
        overrides.htk = htk
        overrides.norm = norm
        overrides.n_mfcc = nMFCC
        overrides.lifter = lifter
        overrides.top_db = topDB
        return overrides
    }
}
