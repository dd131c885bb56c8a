/// The feature pipeline for one ``FeatureConfiguration``: STFT, mel, dB, MFCC and PCEN stages
/// built once (windows, filterbank and DCT matrix cached) and reused for every signal; safe to
/// share between threads.
public struct FeatureExtractor: Sendable {
    public let configuration: FeatureConfiguration
    public let stft: ShortTimeFourierTransform
    public let melFilterbank: MelFilterbank
    public let mfccTransform: MFCC
    /// PCEN with librosa's defaults at this configuration's sample rate and hop, on the amplitude
    /// mel times ``pcenInputScale`` (see ``pcen(_:)``).
    public let energyNormalization: PerChannelEnergyNormalization

    /// 2³¹, the factor on the amplitude mel before PCEN: librosa's `pcen` defaults (gain, bias,
    /// ε) are the original publication's, for audio in [−2³¹, 2³¹), and its documentation
    /// recommends scaling audio in [−1, 1] to that range — `pcen(melspectrogram(y, power=1) * 2**31)`.
    /// A power of two, so the scaling is exact.
    public static let pcenInputScale: Float = 0x1p31

    /// Throws ``SpectralError/invalidParameter(_:)`` naming the first bad parameter.
    public init(_ configuration: FeatureConfiguration = FeatureConfiguration()) throws {
        self.configuration = configuration
        try requirePositive(configuration.sampleRate, "sampleRate")
        stft = try ShortTimeFourierTransform(
            nFFT: configuration.nFFT, hopLength: configuration.hopLength, winLength: configuration.winLength,
            window: configuration.window, center: configuration.center)
        melFilterbank = try MelFilterbank(
            sampleRate: Double(configuration.sampleRate), nFFT: configuration.nFFT, nMels: configuration.nMels,
            fmin: configuration.fmin, fmax: configuration.fmax, htk: configuration.htk, norm: configuration.norm)
        mfccTransform = try MFCC(
            nMFCC: configuration.nMFCC, nMels: configuration.nMels, lifter: Float(configuration.lifter))
        energyNormalization = try PerChannelEnergyNormalization(
            sampleRate: Double(configuration.sampleRate), hopLength: configuration.hopLength,
            inputScale: Self.pcenInputScale)
        try requireDecibelParameters(topDB: topDB)
    }

    private var topDB: Float? { configuration.topDB.map(Float.init) }

    /// `librosa.feature.melspectrogram(y, sr, power=power, …)`: `[nMels, frames]` of
    /// mel-weighted |STFT|^power (power 2 by default). The STFT is never held whole: each block
    /// of frames becomes mel bands while in cache (see ``spectrogramAndMel(_:power:)``), so memory
    /// does not grow with the full STFT of a long signal (an hour is 1.3 GB of it).
    public func melSpectrogram(_ signal: [Float], power: Float = 2) throws -> Spectrogram {
        try stft.requireTransformable(signal)
        return melColumns(
            0..<stft.frameCount(signalLength: signal.count), of: signal, power: power, keepingSTFTIn: nil)
    }

    /// The mel spectrogram of an existing STFT (`melspectrogram(S=np.abs(D)**power)`).
    public func melSpectrogram(from spectrogram: ComplexSpectrogram, power: Float = 2) throws -> Spectrogram {
        try melFilterbank(spectrogram.magnitude(raisedTo: power))
    }

    /// `power_to_db(melspectrogram(y), ref=1, amin=1e-10, top_db=topDB)`, `[nMels, frames]` in dB.
    public func logMelSpectrogram(_ signal: [Float]) throws -> Spectrogram {
        try melSpectrogram(signal).powerToDB(topDB: topDB)
    }

    /// The dB mel spectrogram of an existing STFT.
    public func logMelSpectrogram(from spectrogram: ComplexSpectrogram) throws -> Spectrogram {
        try melSpectrogram(from: spectrogram).powerToDB(topDB: topDB)
    }

    /// `librosa.feature.mfcc(y, sr, n_mfcc, lifter, …)`, `[nMFCC, frames]`.
    public func mfcc(_ signal: [Float]) throws -> Spectrogram {
        try mfcc(fromMel: melSpectrogram(signal))
    }

    /// The MFCCs of an existing STFT.
    public func mfcc(from spectrogram: ComplexSpectrogram) throws -> Spectrogram {
        try mfcc(fromMel: melSpectrogram(from: spectrogram))
    }

    /// The MFCCs of a mel power spectrogram (`feature.mfcc(S=power_to_db(mel))`), `[nMFCC, frames]`.
    public func mfcc(fromMel mel: Spectrogram) throws -> Spectrogram {
        try mfccTransform(decibelMel: mel.powerToDB(topDB: topDB))
    }

    /// `librosa.pcen(melspectrogram(y, sr, power=1, …) * 2**31, sr=sr, hop_length=hopLength)`,
    /// `[nMels, frames]`: PCEN (``energyNormalization``) of the amplitude mel of audio in [−1, 1]
    /// scaled as librosa's documentation recommends (``pcenInputScale``), every other PCEN
    /// parameter at librosa's default. Non-negative; 0 for silence.
    public func pcen(_ signal: [Float]) throws -> Spectrogram {
        energyNormalization(try melSpectrogram(signal, power: 1))
    }

    /// The PCEN of an existing STFT.
    public func pcen(from spectrogram: ComplexSpectrogram) throws -> Spectrogram {
        energyNormalization(try melSpectrogram(from: spectrogram, power: 1))
    }
}
