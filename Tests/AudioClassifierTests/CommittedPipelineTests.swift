import Foundation
import Testing

@testable import Pipelines

/// Every pipeline committed in `pipelines/` parses (known keys, right types), and each of its
/// train steps names a model and an output folder that its report compares.
@Suite struct CommittedPipelineTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("pipelines")

    @Test(arguments: ["demo.yaml", "realbench.yaml"])
    func parses(_ name: String) throws {
        let spec = try PipelineSpec.read(Self.folder.appendingPathComponent(name))
        let compared = Set(spec.report?.compare.map(\.bundle) ?? [])
        #expect(!compared.isEmpty)
        for bundle in compared {
            #expect(
                spec.steps.contains { $0.outputs.contains { $0.hasPrefix(bundle + "/") } },
                "\(name): \(bundle) is made by a step")
        }
    }
}
