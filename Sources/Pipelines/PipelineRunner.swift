import ClassifierSupport
import Foundation
import NumPyIO

/// Runs a pipeline's steps in order, skipping a step whose outputs are current: its stamp
/// (`<output>/.steps/<name>.json`, written when it succeeded) records the same arguments, all its
/// outputs exist, and no earlier step ran again in this invocation.
public struct PipelineRunner: Sendable {
    public let spec: PipelineSpec

    /// What happened to one step.
    public struct Outcome: Sendable, Codable {
        public var name: String
        public var arguments: [String]
        public var ran: Bool
        /// Wall time in seconds of the step (of its last real run when skipped).
        public var seconds: Double
    }

    struct Stamp: Codable {
        var arguments: [String]
        var seconds: Double
    }

    public init(spec: PipelineSpec) { self.spec = spec }

    var stampFolder: URL { URL(fileURLWithPath: spec.output).appendingPathComponent(".steps") }

    /// Runs the steps through `execute` (which runs one audiocls command line), reporting each
    /// start and skip through `log`. A failing step stops the run with an error naming it; the
    /// steps before it stay done.
    public func run(execute: (PipelineSpec.Step) throws -> Void, log: (String) -> Void) throws -> [Outcome] {
        try FileManager.default.createDirectory(at: stampFolder, withIntermediateDirectories: true)
        var outcomes: [Outcome] = []
        var upstreamRan = false
        for (index, step) in spec.steps.enumerated() {
            let stampURL = stampFolder.appendingPathComponent("\(step.name).json")
            let stamp = (try? Data(contentsOf: stampURL)).flatMap { try? JSONDecoder().decode(Stamp.self, from: $0) }
            let outputsExist = step.outputs.allSatisfy { FileManager.default.fileExists(atPath: $0) }
            let header = "[\(index + 1)/\(spec.steps.count)] \(step.name)"
            if let stamp, stamp.arguments == step.arguments, outputsExist, !upstreamRan {
                log("\(header): up to date, skipped")
                outcomes.append(Outcome(name: step.name, arguments: step.arguments, ran: false, seconds: stamp.seconds))
                continue
            }
            log("\(header): audiocls \(ShellWords.join(step.arguments))")
            let started = Date()
            do { try execute(step) } catch {
                throw PipelineError.stepFailed(pipeline: spec.name, step: step.name, reason: "\(error)")
            }
            let seconds = Date().timeIntervalSince(started)
            let missing = step.outputs.filter { !FileManager.default.fileExists(atPath: $0) }
            guard missing.isEmpty else {
                throw PipelineError.outputsMissing(pipeline: spec.name, step: step.name, outputs: missing)
            }
            try AtomicFile.write(
                JSONEncoder.sortedKeys.encode(Stamp(arguments: step.arguments, seconds: seconds)), to: stampURL)
            upstreamRan = true
            outcomes.append(Outcome(name: step.name, arguments: step.arguments, ran: true, seconds: seconds))
        }
        return outcomes
    }
}
