import AudioIO
import Foundation
import Spectral

/// Spectrogram and phase pictures of an audio file for the report: the log-magnitude STFT in dB
/// and the wrapped phase of its lowest quarter of bins (where the partials are), as heat maps.
package enum ExampleImages {
    package static func html(for path: String) throws -> String {
        let audio = try AudioFile.load(URL(fileURLWithPath: path))
        let extractor = try FeatureExtractor()
        let stft = try extractor.stft(audio.samples)
        let decibels = try stft.power().powerToDB(ref: .maximum)
        let rows = stft.frequencyCount / 4
        let phase = stft.phase()
        let name = SVGCharts.escape(URL(fileURLWithPath: path).lastPathComponent)
        return SVGCharts.heatmap(
            decibels.values, rows: stft.frequencyCount, columns: stft.frameCount,
            title: "\(name): |STFT| in dB (0–11 kHz)")
            + SVGCharts.heatmap(
                Array(phase.values[0..<rows * stft.frameCount]), rows: rows, columns: stft.frameCount,
                title: "phase, 0–2.8 kHz (cyclic colours)", cyclic: true)
    }
}
