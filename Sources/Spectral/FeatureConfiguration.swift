/// Every parameter of the feature pipeline, librosa 0.11's defaults unless set: sample rate
/// 22050 Hz, `nFFT` 2048, `hopLength` 512, `winLength` = `nFFT`, Hann, centred frames, 128 Slaney
/// mel bands with Slaney norm from 0 Hz to sampleRate/2, 20 MFCCs without liftering, dB clipped
/// 80 dB below the peak. Codable with camelCase keys (`nil` options omitted) and Hashable.
public struct FeatureConfiguration: Codable, Hashable, Sendable {
    /// Samples per second of the signals (Hz).
    public var sampleRate: Int = 22050
    public var nFFT: Int = 2048
    public var hopLength: Int = 512
    /// `nil` means `nFFT`.
    public var winLength: Int? = nil
    public var window: WindowFunction = .hann
    public var center: Bool = true
    public var nMels: Int = 128
    /// Mel band edges in Hz; `fmax` `nil` means sampleRate/2.
    public var fmin: Double = 0
    public var fmax: Double? = nil
    /// HTK mel scale instead of Slaney's.
    public var htk: Bool = false
    public var norm: MelNormalization = .slaney
    public var nMFCC: Int = 20
    public var lifter: Double = 0
    /// Dynamic range kept by `powerToDB` in dB; `nil` keeps everything.
    public var topDB: Double? = 80

    public init() {}

    /// Throws the first ``SpectralError`` any of the stages would throw for these parameters.
    public func validate() throws {
        _ = try FeatureExtractor(self)
    }
}
