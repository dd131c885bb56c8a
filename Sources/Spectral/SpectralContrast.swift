import Foundation

/// librosa 0.11's `spectral_contrast(S=|X|, sr, n_fft)` with its defaults (fmin 200 Hz, 6
/// octave bands above it and one below, quantile 0.02, in dB): per band and frame, the level
/// of its loudest bins over that of its quietest. Bands that would start above Nyquist (at low
/// sample rates) are left out, where librosa refuses.
public struct SpectralContrast: Sendable {
    public static let lowestEdge = 200.0, octaveBands = 6, quantile = 0.02

    /// Each band's bins (a range of the spectrum) and how many of its sorted values average into
    /// its valley and peak.
    let bands: [(bins: Range<Int>, count: Int)]

    /// The bands at `sampleRate` and `nFFT`: as many octaves above ``lowestEdge`` as start below
    /// Nyquist (6 at 22050 Hz).
    /// - Throws: ``SpectralError/invalidParameter(_:)`` when a band holds no bin (an `nFFT` too small).
    public init(sampleRate: Double, nFFT: Int) throws(SpectralError) {
        let frequencies = binFrequencies(sampleRate: sampleRate, nFFT: nFFT)
        let octaves = Self.bandCount(sampleRate: sampleRate) - 1
        let edges = [0] + (0...octaves).map { Self.lowestEdge * pow(2, Double($0)) }
        var bands: [(bins: Range<Int>, count: Int)] = []
        for k in 0...octaves {
            let inside = frequencies.indices.filter { frequencies[$0] >= edges[k] && frequencies[$0] <= edges[k + 1] }
            guard var first = inside.first, var end = inside.last.map({ $0 + 1 }) else {
                throw SpectralError.invalidParameter(
                    "nFFT=\(nFFT) leaves the spectral contrast band \(edges[k])–\(edges[k + 1]) Hz without a bin")
            }
            // As librosa: each band above the first starts one bin lower, the last runs to
            // Nyquist; the quantile counts those bins, but a band below the last drops its top one.
            if k > 0 { first -= 1 }
            if k == octaves { end = frequencies.count }
            let count = Swift.max(1, Int((Self.quantile * Double(end - first)).rounded(.toNearestOrEven)))
            bands.append((first..<(k < octaves ? end - 1 : end), count))
        }
        self.bands = bands
    }

    /// Rows of the contrast at `sampleRate`: one per octave band starting below Nyquist, plus the
    /// band under ``lowestEdge`` (7 at 22050 Hz).
    public static func bandCount(sampleRate: Double) -> Int {
        var octaves = octaveBands
        while octaves > 0 && lowestEdge * pow(2, Double(octaves - 1)) >= sampleRate / 2 { octaves -= 1 }
        return octaves + 1
    }

    /// `[bands, frames]` contrast (dB) of a magnitude spectrogram (|X|, `[1 + nFFT/2, frames]`):
    /// each band's peak and valley (the means of its `count` largest and smallest magnitudes) in
    /// dB, each clipped 80 dB below its largest value over the whole spectrogram, subtracted.
    public func callAsFunction(_ magnitude: Spectrogram) -> Spectrogram {
        let frames = magnitude.frameCount
        var peaks = [Float](repeating: 0, count: bands.count * frames), valleys = peaks
        var sorted: [Float] = []
        for (b, band) in bands.enumerated() {
            for t in 0..<frames {
                sorted.removeAll(keepingCapacity: true)
                for k in band.bins { sorted.append(magnitude.values[k * frames + t]) }
                sorted.sort()
                let low = sorted.prefix(band.count).reduce(0.0) { $0 + Double($1) }
                let high = sorted.suffix(band.count).reduce(0.0) { $0 + Double($1) }
                valleys[b * frames + t] = Float(low / Double(band.count))
                peaks[b * frames + t] = Float(high / Double(band.count))
            }
        }
        let decibels = { (values: [Float]) in
            let levels = values.map { 10 * log10(Swift.max(1e-10, Double($0))) }
            let floor = (levels.max() ?? 0) - 80
            return levels.map { Swift.max($0, floor) }
        }
        let contrast = zip(decibels(peaks), decibels(valleys)).map { Float($0 - $1) }
        return Spectrogram(rowCount: bands.count, frameCount: frames, values: contrast)
    }
}
