import Foundation

/// How each mel filter is scaled, as librosa's `norm` argument of `filters.mel`.
public enum MelNormalization: String, Codable, Sendable, CaseIterable {
    /// Divide each triangle by half its width in Hz (`norm="slaney"`): roughly constant energy per band.
    case slaney
    /// Triangles of peak 1 (`norm=None`).
    case none
}

/// The mel filterbank of `librosa.filters.mel(sr, n_fft, n_mels=128, fmin=0, fmax=sr/2,
/// htk=False, norm="slaney")`: `nMels` triangular filters over the `1 + nFFT/2` FFT bins,
/// their corners `nMels + 2` points evenly spaced on the mel scale (Slaney's, linear below
/// 1 kHz and logarithmic above, or HTK's `2595·log10(1 + f/700)`). Weights are computed in Double
/// as librosa does and stored as Float, sparsely: only each filter's nonzero bin range.
public struct MelFilterbank: Sendable, Equatable {
    public let sampleRate: Double
    public let nFFT: Int
    public let nMels: Int
    /// Lowest and highest band edge in Hz.
    public let fmin: Double
    public let fmax: Double
    public let htk: Bool
    public let norm: MelNormalization
    let matrix: BandedMatrix

    /// Throws ``SpectralError/invalidParameter(_:)`` for a non-positive `sampleRate`, `nFFT` or
    /// `nMels`, `fmin < 0`, `fmax > sampleRate/2`, `fmin ≥ fmax`, or when a filter covers no FFT
    /// bin (librosa only warns: "Empty filters detected") — use fewer mels or a larger `nFFT`.
    public init(
        sampleRate: Double = 22050, nFFT: Int = 2048, nMels: Int = 128, fmin: Double = 0,
        fmax: Double? = nil, htk: Bool = false, norm: MelNormalization = .slaney
    ) throws {
        guard sampleRate > 0, sampleRate.isFinite else {
            throw SpectralError.invalidParameter("sampleRate=\(sampleRate) must be a positive number")
        }
        try requirePositive(nFFT, "nFFT")
        try requirePositive(nMels, "nMels")
        let fmax = fmax ?? sampleRate / 2
        guard fmin >= 0 else { throw SpectralError.invalidParameter("fmin=\(fmin) must be non-negative") }
        guard fmax <= sampleRate / 2 else {
            throw SpectralError.invalidParameter("fmax=\(fmax) must be at most sampleRate/2=\(sampleRate / 2)")
        }
        guard fmin < fmax else { throw SpectralError.invalidParameter("fmin=\(fmin) must be less than fmax=\(fmax)") }
        (self.sampleRate, self.nFFT, self.nMels, self.fmin, self.fmax, self.htk, self.norm) =
            (sampleRate, nFFT, nMels, fmin, fmax, htk, norm)

        let bins = 1 + nFFT / 2
        let corners = MelScale(htk: htk).frequencies(count: nMels + 2, fmin: fmin, fmax: fmax)
        var bands: [BandedMatrix.Band] = []
        for m in 0..<nMels {
            let (left, centre, right) = (corners[m], corners[m + 1], corners[m + 2])
            let scale = norm == .slaney ? 2 / (right - left) : 1
            // Only bins near left…right can be nonzero (one bin of margin each side for rounding);
            // the rest are the zeros the band leaves out anyway.
            let nearest = { (hz: Double) in Int((hz * Double(nFFT) / sampleRate).rounded(.down)) }
            let candidates = max(0, nearest(left) - 1)..<min(bins, max(0, nearest(right) + 2))
            let weights = candidates.map { k -> Float in
                let f = Double(k) * sampleRate / Double(nFFT)
                let triangle = Float(max(0, min((f - left) / (centre - left), (right - f) / (right - centre))))
                return Float(Double(triangle) * scale)
            }
            guard let first = weights.firstIndex(where: { $0 > 0 }), let last = weights.lastIndex(where: { $0 > 0 })
            else {
                throw SpectralError.invalidParameter(
                    "nMels=\(nMels) is too many for nFFT=\(nFFT) at sampleRate=\(sampleRate): mel filter \(m) "
                        + "(\(left)–\(right) Hz) covers no FFT bin; use fewer mels or a larger nFFT")
            }
            bands.append(BandedMatrix.Band(start: candidates.lowerBound + first, weights: Array(weights[first...last])))
        }
        matrix = BandedMatrix(inputCount: bins, bands: bands)
    }

    /// The dense filterbank `[nMels, 1 + nFFT/2]`, librosa's `filters.mel` matrix.
    public var weights: Spectrogram {
        Spectrogram(rowCount: nMels, frameCount: matrix.inputCount, values: matrix.dense)
    }

    /// `weights @ spectrogram`: a `[1 + nFFT/2, frames]` (power or magnitude) spectrogram to
    /// `[nMels, frames]`. Throws when the row count is not `1 + nFFT/2`.
    public func callAsFunction(_ spectrogram: Spectrogram) throws -> Spectrogram {
        try requireRows(spectrogram.rowCount)
        let frames = spectrogram.frameCount
        return Spectrogram(
            rowCount: nMels, frameCount: frames, values: matrix.apply(spectrogram.values, rowLength: frames))
    }

    /// `weights @ stft` on the complex spectrogram (real weights on complex values), `[nMels, frames]`.
    public func callAsFunction(_ spectrogram: ComplexSpectrogram) throws -> ComplexSpectrogram {
        try requireRows(spectrogram.frequencyCount)
        let frames = spectrogram.frameCount
        return ComplexSpectrogram(
            frequencyCount: nMels, frameCount: frames,
            interleaved: matrix.apply(spectrogram.interleaved, rowLength: 2 * frames))
    }

    private func requireRows(_ rows: Int) throws {
        guard rows == matrix.inputCount else {
            throw SpectralError.invalidParameter(
                "spectrogram has \(rows) frequency rows; the mel filterbank for nFFT=\(nFFT) needs \(matrix.inputCount)"
            )
        }
    }
}

/// Hz ↔ mel conversions of librosa's `hz_to_mel` / `mel_to_hz`.
struct MelScale {
    let htk: Bool

    // Slaney: linear 200/3 Hz per mel below 1 kHz, logarithmic (step ln(6.4)/27) above.
    private static let linearStep = 200.0 / 3, logStartHz = 1000.0
    private static let logStartMel = logStartHz / linearStep, logStep = log(6.4) / 27

    func mel(_ hz: Double) -> Double {
        if htk { return 2595 * log10(1 + hz / 700) }
        return hz >= Self.logStartHz
            ? Self.logStartMel + log(hz / Self.logStartHz) / Self.logStep : hz / Self.linearStep
    }

    func hz(_ mel: Double) -> Double {
        if htk { return 700 * (pow(10, mel / 2595) - 1) }
        return mel >= Self.logStartMel
            ? Self.logStartHz * exp(Self.logStep * (mel - Self.logStartMel)) : mel * Self.linearStep
    }

    /// `count` frequencies in Hz evenly spaced in mel from `fmin` to `fmax` (`mel_frequencies`,
    /// NumPy `linspace` rounding: start + i·step, the last point exactly `fmax` in mel).
    func frequencies(count: Int, fmin: Double, fmax: Double) -> [Double] {
        let low = mel(fmin), high = mel(fmax), step = (high - low) / Double(count - 1)
        return (0..<count).map { i in hz(i == count - 1 ? high : low + Double(i) * step) }
    }
}
