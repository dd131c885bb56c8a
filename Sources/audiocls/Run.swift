import ArgumentParser
import Foundation
import Pipelines

extension AudioCLS {
    struct Run: ReportsOnStandardError {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline: its steps in order (skipping those whose outputs are current), then its report.",
            discussion: """
                A pipeline (pipelines/*.yaml) lists audiocls command lines with the outputs each makes, and \
                a report: the models to compare (a table printed here and written with confusion matrices, \
                learning curves and example spectrogram/phase images to OUTPUT/report.html), the best model's \
                new home (e.g. models/demo, linked as models/default) and files to predict with it. \
                A step reruns when its command changed, an output is missing, or a step before it ran.

                A step's own --verbose or --quiet sets how much it says; a step without either says as much \
                as the pipeline.
                """)

        @Argument(help: "Pipeline YAML file.")
        var pipeline: String

        @OptionGroup var verbosity: Verbosity

        func run() throws {
            let spec = try PipelineSpec.read(URL(fileURLWithPath: pipeline))
            let runner = PipelineRunner(spec: spec)
            _ = try runner.runWithReport(
                pipelinePath: pipeline,
                execute: { step in
                    var command = try AudioCLS.parseAsRoot(step.arguments)
                    Invocation.arguments = ["audiocls"] + step.arguments
                    let pipelineLevel = StandardErrorLog.adopt(command)
                    defer {
                        StandardErrorLog.level = pipelineLevel
                        fflush(nil)  // the step's stdout before the next log line on stderr
                    }
                    do { try command.run() } catch let exit as ExitCode {
                        throw StepExitStatus(code: exit.rawValue)
                    } catch {
                        throw OptionSpelling.spelt(error)
                    }
                })
        }
    }
}

/// A step that ended with a non-zero exit status; its own messages were printed before.
struct StepExitStatus: Error, CustomStringConvertible {
    let code: Int32
    var description: String { "exit status \(code) (its messages are above)" }
}
