import Foundation
import TestSupport
import Testing

@testable import ClassifierSupport
@testable import Evaluation
@testable import FeatureExtraction
@testable import Pipelines
@testable import Training

/// Each area's errors carry what is wrong (key and value, or path) and name settings by key; the
/// command line spells the keys as flags through `message(naming:)`.
@Suite struct ErrorAreaTests {
    let flag = { (key: String) in "--" + key.replacingOccurrences(of: "_", with: "-") }

    @Test func shardErrorsNameTheSettingByKeyOrFlag() {
        #expect { try Shard(parsing: "5/4") } throws: { $0 as? ShardError == .malformed("5/4") }
        let error = ShardError.completionsMissing
        #expect("\(error)".hasSuffix("give the job's completions as shard_count"))
        #expect(error.message(naming: flag).hasPrefix("--shard auto: JOB_COMPLETION_INDEX is set"))
        #expect(error.message(naming: flag).hasSuffix("as --shard-count"))
        #expect { try ShardRecord.read(from: URL(fileURLWithPath: "/nonexistent")) } throws: {
            guard case .notAShardRecord(let path, _)? = $0 as? ShardError else { return false }
            return path == "/nonexistent/\(ShardRecord.fileName)"
        }
    }

    @Test func trainingErrorsNameSettingsByKey() {
        let resumed = TrainingError.otherSettings(path: "m/checkpoints/last.safetensors")
        #expect("\(resumed)".contains("only epochs may change, and only with schedule constant"))
        #expect(resumed.message(naming: flag).contains("only --epochs may change, and only with --schedule constant"))
        let diverged = TrainingError.nonFiniteLoss(epoch: 2, batch: 3, loss: .nan, checkpoint: nil)
        #expect(diverged.message(naming: flag).contains("(lower --lr?)"))
        #expect(!"\(diverged)".contains("--"))
    }

    @Test func featureErrorsNameTheFile() {
        let error = FeatureError.missingArray(path: "cache/a.npz", name: "mfcc")
        #expect("\(error)" == "cache/a.npz: no 'mfcc' array")
        #expect("\(FeatureError.notCached(path: "a.wav", cache: "c"))" == "a.wav: features missing from the cache c")
    }

    @Test func pipelineErrorsNameTheFileAndStep() throws {
        #expect {
            try PipelineSpec.parse("name: p\noutput: o\nsteps:\n  - {name: a, run: run x}\n", path: "p.yaml")
        } throws: { $0 as? PipelineError == .nestedRun(path: "p.yaml", step: "a") }
        #expect { try PipelineSpec.read(URL(fileURLWithPath: "/nonexistent.yaml")) } throws: {
            guard case .unreadable(let path, _)? = $0 as? PipelineError else { return false }
            return path == "/nonexistent.yaml"
        }
    }

    @Test func evaluationErrorsNameTheBundleAndTracks() {
        let error = EvaluationError.recordedTracksMissing(bundle: "models/m", paths: ["a.wav"])
        #expect("\(error)".hasPrefix("a.wav: recorded in models/m/model.json but not found"))
        #expect(error.message(naming: flag).contains("audiocls evaluate DATASET --model models/m"))
        let labels = EvaluationError.unknownLabels(paths: ["b.wav"], labels: ["polka"], known: ["rock", "jazz"])
        #expect("\(labels)" == "b.wav: label 'polka' is not one the model knows (rock, jazz)")
    }

    @Test func aConfigurationFileProblemNamesTheFile() {
        let missing = URL(fileURLWithPath: "/nonexistent.yaml")
        #expect { try ExtractionOverrides(yamlFile: missing) } throws: {
            guard case .unreadable(let path, _)? = $0 as? ConfigurationFileError else { return false }
            return path == missing.path && "\($0)".hasPrefix("/nonexistent.yaml: cannot read")
        }
    }
}

@Suite struct ConfigurationErrorNamingTests {
    @Test func aReasonNamesOtherSettingsByKeyOrAsTheCallerSpellsThem() {
        let error = ConfigurationError(
            key: "edges", value: "plv", reason: "use {features} phase-mfcc, or {n_fft} {x Y}")
        #expect(error.reason == "use features phase-mfcc, or n_fft {x Y}")
        #expect(error.reason(naming: { "--" + $0 }) == "use --features phase-mfcc, or --n_fft {x Y}")
        #expect("\(error)" == "edges=plv: use features phase-mfcc, or n_fft {x Y}")
    }
}
