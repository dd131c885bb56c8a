import Foundation

extension FeatureExtractor {
    /// The rows of the `descriptors` feature that come from |X| alone, `[bands + 17, frames]`:
    /// spectral contrast (``SpectralContrast``), chroma of |X|² (``Chroma``) and the five shape
    /// rows (``Spectrogram/spectralShape(sampleRate:nFFT:)``), in that order. The contrast bands
    /// and chroma weights of a (sample rate, nFFT) are built once per process.
    /// - Throws: ``SpectralError/invalidParameter(_:)`` when `nFFT` leaves a contrast band empty.
    public func spectralDescriptors(_ magnitude: Spectrogram) throws(SpectralError) -> Spectrogram {
        let rate = Double(configuration.sampleRate), nFFT = configuration.nFFT
        let (contrast, chroma) = try DescriptorTables.shared(sampleRate: rate, nFFT: nFFT)
        let power = Spectrogram(
            rowCount: magnitude.rowCount, frameCount: magnitude.frameCount, values: magnitude.values.map { $0 * $0 })
        let rows = [contrast(magnitude), chroma(power), magnitude.spectralShape(sampleRate: rate, nFFT: nFFT)]
        return Spectrogram(
            rowCount: rows.reduce(0) { $0 + $1.rowCount }, frameCount: magnitude.frameCount,
            values: rows.flatMap(\.values))
    }
}

/// Contrast bands and chroma weights per (sample rate, nFFT), built on first use and kept for the
/// life of the process, as FFTW plans are (``FFTPlanCache``).
enum DescriptorTables {
    private struct Key: Hashable {
        let sampleRate: Double
        let nFFT: Int
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var tables: [Key: (SpectralContrast, Chroma)] = [:]

    static func shared(sampleRate: Double, nFFT: Int) throws(SpectralError) -> (SpectralContrast, Chroma) {
        lock.lock()
        defer { lock.unlock() }
        let key = Key(sampleRate: sampleRate, nFFT: nFFT)
        if let found = tables[key] { return found }
        let made = (
            try SpectralContrast(sampleRate: sampleRate, nFFT: nFFT), Chroma(sampleRate: sampleRate, nFFT: nFFT)
        )
        tables[key] = made
        return made
    }
}
