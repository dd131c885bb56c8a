/// The feature pipeline for one ``FeatureConfiguration``: STFT, mel, dB and MFCC stages built
/// once (windows, filterbank and DCT matrix cached) and reused for every signal; safe to share
/// between threads.
public struct FeatureExtractor: Sendable {
    public let configuration: FeatureConfiguration
    public let stft: ShortTimeFourierTransform
    public let melFilterbank: MelFilterbank
    public let mfccTransform: MFCC

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
}
