import ClassifierSupport
import Foundation
import Logging
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

    /// Runs the steps through `execute` (which runs one audiocls command line), logging each
    /// start and skip. A failing step stops the run with an error naming it; the steps before it
    /// stay done.
    public func run(execute: (PipelineSpec.Step) throws -> Void) throws -> [Outcome] {
        try FileManager.default.createDirectory(at: stampFolder, withIntermediateDirectories: true)
        var outcomes: [Outcome] = []
        var upstreamRan = false
        for (index, step) in spec.steps.enumerated() {
            let stampURL = stampFolder.appendingPathComponent("\(step.name).json")
            let stamp = (try? Data(contentsOf: stampURL)).flatMap { try? JSONDecoder().decode(Stamp.self, from: $0) }
            let outputsExist = step.outputs.allSatisfy { FileManager.default.fileExists(atPath: $0) }
            let header = "[\(index + 1)/\(spec.steps.count)] \(step.name)"
            guard
                let reason = Self.reasonToRun(step, stamp: stamp, outputsExist: outputsExist, upstreamRan: upstreamRan)
            else {
                Logger.pipelines.info("\(header): up to date, skipped")
                outcomes.append(
                    Outcome(name: step.name, arguments: step.arguments, ran: false, seconds: stamp!.seconds))
                continue
            }
            Logger.pipelines.debug("\(header) runs: \(reason)")
            Logger.pipelines.info("\(header): audiocls \(ShellWords.join(step.arguments))")
            let started = Date()
            do { try execute(step) } catch {
                throw PipelineError.stepFailed(pipeline: spec.name, step: step.name, reason: "\(error)")
            }
            let seconds = Date().timeIntervalSince(started)
            Logger.pipelines.debug("\(header) took \(String(format: "%.1f", seconds)) s")
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

    /// Why `step` must run, or nil when its outputs are current.
    static func reasonToRun(_ step: PipelineSpec.Step, stamp: Stamp?, outputsExist: Bool, upstreamRan: Bool) -> String?
    {
        guard let stamp else { return "it never succeeded" }
        if stamp.arguments != step.arguments { return "its command changed" }
        if !outputsExist { return "an output is missing" }
        return upstreamRan ? "a step before it ran" : nil
    }
}
