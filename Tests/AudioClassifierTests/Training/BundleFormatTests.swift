import Foundation
import TestSupport
import Testing

@testable import Bundles
@testable import ClassifierSupport
@testable import FeatureExtraction
@testable import Inference
@testable import Models

/// `model.json` formats: a format-2 bundle written by audiocls before format 3 (the committed
/// fixture `Tests/Fixtures/bundles/format2`) still loads and predicts, and is written again as
/// format 3, which stores the feature, spectral settings, segmenting and seed once, in `training`.
@Suite struct BundleFormatTests {
    private let format2 = Fixtures.url("bundles/format2")

    private func object(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(ModelBundle.manifestName))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `value` (a piece of a JSON object) decoded as `T`.
    private func decode<T: Decodable>(_ value: Any?, as: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: try #require(value)))
    }

    /// A copy of the format-2 fixture whose model.json went through `edit`.
    private func editedFormat2(_ edit: (inout [String: Any]) -> Void) throws -> TemporaryDirectory {
        let copy = TemporaryDirectory()
        var json = try object(format2)
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: copy.file(ModelBundle.manifestName))
        try FileManager.default.copyItem(
            at: format2.appendingPathComponent(ModelBundle.weightsName), to: copy.file(ModelBundle.weightsName))
        return copy
    }

    /// Bundles written before ensembles existed (the format-1 and format-2 fixtures) load as one
    /// network, to be written again as format 3.
    @Test(arguments: ["bundles/format1", "bundles/format2"])
    func olderFormatsLoadAsOneNetwork(_ fixture: String) throws {
        let bundle = try ModelBundle(directory: Fixtures.url(fixture))
        #expect(bundle.members.count == 1 && bundle.manifest.memberCount == 1 && bundle.manifest.members == nil)
        #expect(bundle.manifest.training.ensemble == nil && bundle.manifest.writtenFormatVersion == 3)
    }

    @Test func aFormat2BundleTakesItsRepeatedFactsFromTheTopLevel() throws {
        let json = try object(format2)
        let manifest = try ModelBundle(directory: format2).manifest
        #expect(manifest.formatVersion == 2)
        #expect(manifest.feature == (try decode([json["feature"]], as: [InputFeature].self))[0])
        #expect(manifest.extraction == (try decode(json["extraction"], as: ExtractionSettings.self)))
        #expect(manifest.segmenting == (try decode(json["segmenting"], as: Segmenting.self)))
        #expect(manifest.seed == (try decode([json["seed"]], as: [UInt64].self))[0])
        // Where an old bundle's two copies disagree, the top level (what predict read) wins.
        let edited = try editedFormat2 {
            $0["seed"] = 7
            $0["segmenting"] = ["segmentSeconds": 0.5, "hopSeconds": 0.125, "coversRemainder": true]
        }
        let reread = try ModelBundle(directory: edited.url).manifest
        #expect(reread.seed == 7 && reread.training.seed == 7)
        #expect(reread.segmenting.hopSeconds == 0.125 && reread.training.segmenting.hopSeconds == 0.125)
    }

    @Test func format3StoresEachFactOnceRoundTripsAndKeepsTheWeights() throws {
        let old = try ModelBundle(directory: format2)
        let folder = TemporaryDirectory()
        let written = try ModelBundle.write(members: old.members, manifest: old.manifest, to: folder.url)
        #expect(
            try Data(contentsOf: folder.file(ModelBundle.weightsName))
                == Data(contentsOf: format2.appendingPathComponent(ModelBundle.weightsName)))
        let json = try object(folder.url)
        #expect(json["formatVersion"] as? Int == 3)
        #expect(["feature", "extraction", "segmenting", "seed"].filter { json[$0] != nil } == [])
        let training = try #require(json["training"] as? [String: Any])
        #expect(["feature", "spectral", "segmenting", "seed"].filter { training[$0] == nil } == [])
        let new = try ModelBundle(directory: folder.url)
        let encoder = JSONEncoder.sortedKeys
        #expect(try encoder.encode(new.manifest) == encoder.encode(written))
        #expect(new.manifest.formatVersion == 3 && new.manifest.weightsSHA256 == old.manifest.weightsSHA256)
        #expect(new.manifest.feature == old.manifest.feature && new.manifest.extraction == old.manifest.extraction)
        #expect(new.manifest.segmenting == old.manifest.segmenting && new.manifest.seed == old.manifest.seed)
        let audio = Fixtures.url("audio/wav_pcm16_mono_22050.wav")
        let (before, after) = (try Predictor(bundle: old).predict(audio), try Predictor(bundle: new).predict(audio))
        #expect(after.probabilities == before.probabilities && after.outOfDistribution == before.outOfDistribution)
    }
}
