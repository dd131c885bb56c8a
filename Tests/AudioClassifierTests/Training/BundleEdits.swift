import ClassifierSupport
import Foundation
import Testing

@testable import Bundles

/// Damaged copies of a bundle, for the checks loading makes: the bundle's two files copied into a
/// new folder, then its `model.json` edited or its weights replaced.
enum BundleEdits {
    /// `bundle`'s weights and manifest copied into `copy`, then `damage` applied to that folder.
    static func copy(_ bundle: URL, to copy: URL, _ damage: (URL) throws -> Void) throws -> URL {
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for file in [ModelBundle.weightsName, ModelBundle.manifestName] {
            try FileManager.default.copyItem(
                at: bundle.appendingPathComponent(file), to: copy.appendingPathComponent(file))
        }
        try damage(copy)
        return copy
    }

    /// Rewrites `folder`'s model.json after `edit` of its JSON object.
    static func editManifest(_ folder: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let url = folder.appendingPathComponent(ModelBundle.manifestName)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    /// Replaces `folder`'s weights with `bytes` and records their checksum, so only the content is wrong.
    static func replaceWeights(_ folder: URL, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(ModelBundle.weightsName))
        try editManifest(folder) { $0["weightsSHA256"] = SHA256.hex(bytes) }
    }

    /// Expects loading `folder` to fail with a message naming `file` and containing `phrase`.
    static func expectRejected(
        _ folder: URL, file: String, _ phrase: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) { try ModelBundle(directory: folder) } throws: { error in
            let message = "\(error)"
            let ok = message.contains(folder.appendingPathComponent(file).path) && message.contains(phrase)
            if !ok { print("unexpected message: \(message)") }
            return ok
        }
    }
}
