import Foundation
import Testing

@testable import ClassifierSupport
@testable import Models

/// `model.json`'s hand-written encodings (models/README.md): the architecture under a `family`
/// key, only the chosen family's training settings, and format 1 still readable.
@Suite struct ModelJSONTests {
    /// Every stored property of ``ArchitectureOptions`` has a coding key: a new one cannot be
    /// silently left out of `model.json` (add it to `ArchitectureOptions.CodingKeys` and its coder).
    @Test func everyArchitectureOptionIsEncoded() {
        let properties = Set(Mirror(reflecting: ArchitectureOptions()).children.compactMap(\.label))
        #expect(properties == Set(ArchitectureOptions.CodingKeys.allCases.map(\.rawValue)))
    }

    @Test(arguments: ModelKind.allCases)
    func optionsRoundTripAndCarryOnlyTheirFamilysBlock(kind: ModelKind) throws {
        for design in ConvolutionalDesign.allCases {
            var options = ArchitectureOptions()
            (options.model, options.design) = (kind, design)
            let data = try JSONEncoder.sortedKeys.encode(options)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let convolutional = kind == .cvcnn || kind == .cnn
            #expect((object["graph"] != nil) == (kind == .gnn), "\(object)")
            #expect((object["design"] != nil) == convolutional, "\(object)")
            #expect((object["firstChannels"] != nil) == (convolutional && design == .paper), "\(object)")
            var decoded = try JSONDecoder().decode(ArchitectureOptions.self, from: data)
            if !convolutional { decoded.design = design }  // not stored: the other families do not use it
            #expect(decoded == options)
        }
    }

    @Test func architectureHasAFamilyKeyAndFormat1StillDecodes() throws {
        var options = ArchitectureOptions()
        options.design = .paper
        let architecture = try options.architecture(rows: 13, frames: 21, classes: 3)
        let data = try JSONEncoder.sortedKeys.encode(architecture)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\"activation\":\"cardioid\"") && text.contains("\"family\":\"cvcnn\""), "\(text)")
        #expect(!text.contains("_0"))
        #expect(try JSONDecoder().decode(ModelArchitecture.self, from: data) == architecture)

        let format1 = try JSONSerialization.data(withJSONObject: [
            "cvcnn": ["_0": try JSONSerialization.jsonObject(with: data)]
        ])
        #expect(try JSONDecoder().decode(ModelArchitecture.self, from: format1) == architecture)
    }
}
