import Foundation
import NumPyIO
import TestSupport
import Testing

/// `Tests/Fixtures/audio/manifest.json`, written by `scripts/make_audio_fixtures.py`.
struct AudioManifest: Decodable {
    struct Entry: Decodable, CustomTestStringConvertible {
        let file: String
        let npz: String
        let format: String
        let subtype: String
        let sampleRate: Int
        let channels: Int
        let frames: Int64
        let duration: Double
        let offset: Double?
        let windowDuration: Double?

        var url: URL { Fixtures.url("audio/\(file)") }
        var isLossy: Bool { ["VORBIS", "OPUS", "MPEG_LAYER_III"].contains(subtype) }
        var testDescription: String { file }

        /// The librosa output stored under `key` in this file's `.npz`, if present.
        func reference(_ key: String) throws -> [Float]? { try Fixtures.npz("audio/\(npz)")[key]?.floats() }
    }

    let versions: [String: String]
    let files: [Entry]

    static let shared: AudioManifest = try! Fixtures.json("audio/manifest.json")
}
