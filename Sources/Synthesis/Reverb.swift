import Foundation

/// Schroeder's reverberator (1962): four parallel feedback comb filters `z^−M / (1 − g·z^−M)`
/// (delays M of 29.7, 37.1, 41.1 and 43.7 ms, so the wet path has no direct sound) whose gains
/// `g = 10^(−3·M/time)` make every comb decay by 60 dB in `time` seconds, followed by two all-pass
/// filters (5 ms and 1.7 ms, gain 0.7) that thicken the echoes.
struct Reverb {
    let sampleRate: Double
    /// RT60 in seconds.
    let time: Double

    init(time: Double, sampleRate: Double) {
        (self.time, self.sampleRate) = (time, sampleRate)
    }

    /// The reverberated signal alone (the wet path), as long as `input`.
    func wet(_ input: [Float]) -> [Float] {
        var output = [Double](repeating: 0, count: input.count)
        for delay in [0.0297, 0.0371, 0.0411, 0.0437] {
            let length = max(1, Int(delay * sampleRate))
            let feedback = pow(10, -3 * delay / time)
            var line = [Double](repeating: 0, count: length)
            for n in input.indices {
                let delayed = line[n % length]
                line[n % length] = Double(input[n]) + feedback * delayed
                output[n] += delayed
            }
        }
        for delay in [0.005, 0.0017] {
            let length = max(1, Int(delay * sampleRate))
            var line = [Double](repeating: 0, count: length)
            for n in output.indices {
                let delayed = line[n % length]
                let v = output[n] + 0.7 * delayed
                line[n % length] = v
                output[n] = delayed - 0.7 * v
            }
        }
        return output.map(Float.init)
    }

    /// Replaces `samples` by `(1 − share)·dry + share·wet`, the wet path scaled to the dry RMS,
    /// so `share` sets the reverberant part of the level whatever the decay time.
    func mix(into samples: inout [Float], share: Double) {
        guard share > 0 else { return }
        let wet = wet(samples)
        let dryPower = SampleLevel.power(samples), wetPower = SampleLevel.power(wet)
        guard wetPower > 0 else { return }
        let scale = Float(share * (dryPower / wetPower).squareRoot())
        for n in samples.indices { samples[n] = Float(1 - share) * samples[n] + scale * wet[n] }
    }
}
