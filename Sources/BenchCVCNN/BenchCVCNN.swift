import ArgumentParser
import ComplexNN
import Foundation

/// Times training steps (forward + cross-entropy + backward + Adam) of the paper's CVCNN or of the
/// default global-pooling CNN (`--architecture pooled`: PooledCNNConfiguration's defaults on a
/// 1×rows×frames input, 1×40×129 unless told, like a 40-band log-mel of 3 s at hop 512), complex or
/// its real twin, on one fixed random batch, and prints JSON: median/min ms per step, samples/s,
/// the median of each phase, and the peak RSS of this process. Used by
/// `bench/cvcnn_step_vs_torch.py`.
@main
struct BenchCVCNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-cvcnn", abstract: "Time CVCNN training steps (forward + backward + Adam).")

    @Option(help: "Batch size.") var batch = 32
    @Option(help: "Output classes.") var classes = 10
    @Option(help: "Untimed steps before timing.") var warmup = 5
    @Option(help: "Timed steps.") var steps = 30
    @Option(help: "Seed of the weights, inputs and labels.") var seed: UInt64 = 1
    @Flag(help: "The real twin (ReLU, real BN) instead of the complex network (cardioid).") var real = false
    @Option(help: "The network: the paper's cvcnn or the global-pooling CNN.") var architecture = Architecture.cvcnn
    @Option(help: "Input rows of the pooled network.") var rows = 40
    @Option(help: "Input frames of the pooled network.") var frames = 129

    enum Architecture: String, ExpressibleByArgument, CaseIterable {
        case cvcnn, pooled
    }

    func validate() throws {
        guard batch > 0, classes > 1, warmup >= 0, steps > 0, rows > 0, frames > 0 else {
            throw ValidationError("need --batch > 0, --classes > 1, --warmup ≥ 0, --steps > 0, --rows and --frames > 0")
        }
    }

    /// The network and the shape of its input batch.
    func network() throws -> (model: any Module, input: [Int]) {
        switch architecture {
        case .cvcnn:
            let paper = CVCNNConfiguration(classes: classes, activation: .cardioid)
            let c = real ? paper.realTwin() : paper
            return (CVCNN(c, seed: seed), [batch, c.inputChannels, c.inputHeight, c.inputWidth])
        case .pooled:
            let pooled = PooledCNNConfiguration(classes: classes, activation: .cardioid)
            return (try PooledCNN(real ? pooled.realTwin() : pooled, seed: seed), [batch, 1, rows, frames])
        }
    }

    func run() throws {
        ProcessTuning.apply()
        let (model, shape) = try network()
        model.train()
        var generator = SeededGenerator(seed: seed &+ 1)
        let input = Tensor(shape: shape, real: (0..<shape.reduce(1, *)).map { _ in generator.nextNormal() })
        let labels = (0..<batch).map { _ in Int(generator.next() % UInt64(classes)) }
        let optimizer = Adam(parameters: model.parameters())

        var phases: [String: [Double]] = ["forward": [], "backward": [], "adam": []], totals: [Double] = []
        for step in 0..<(warmup + steps) {
            let start = DispatchTime.now()
            model.zeroGrad()
            let loss = model(input).crossEntropy(labels: labels)
            let forwardEnd = DispatchTime.now()
            loss.backward()
            let backwardEnd = DispatchTime.now()
            optimizer.step()
            let end = DispatchTime.now()
            guard step >= warmup else { continue }
            phases["forward"]!.append(milliseconds(start, forwardEnd))
            phases["backward"]!.append(milliseconds(forwardEnd, backwardEnd))
            phases["adam"]!.append(milliseconds(backwardEnd, end))
            totals.append(milliseconds(start, end))
        }

        let medianMs = median(totals)
        let report: [String: Any] = [
            "implementation": "audiocls", "architecture": architecture.rawValue, "model": real ? "real" : "complex",
            "batch": batch, "steps": steps,
            "median_ms": medianMs, "min_ms": totals.min()!, "samples_per_s": Double(batch) / medianMs * 1000,
            "phases_median_ms": phases.mapValues(median), "peak_rss_mb": peakResidentMegabytes(),
            "parameters": model.parameterCount,
        ]
        let json = try! JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}

func milliseconds(_ start: DispatchTime, _ end: DispatchTime) -> Double {
    Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted(), middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The peak resident set size of this process in MB (Linux reports `ru_maxrss` in KiB).
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
