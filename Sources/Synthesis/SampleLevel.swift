/// Level measurements and scaling of a mono Float32 buffer, shared by the synthesis code.
enum SampleLevel {
    /// Mean square of `samples`, accumulated in Double (0 for an empty buffer).
    static func power(_ samples: [Float]) -> Double {
        samples.isEmpty ? 0 : samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count)
    }

    /// The largest |sample|.
    static func peak(_ samples: [Float]) -> Float { samples.reduce(0) { max($0, abs($1)) } }

    /// Scales `samples` so that their peak is `peak` (a silent buffer stays silent).
    static func normalize(_ samples: inout [Float], peak: Double) {
        let current = Self.peak(samples)
        guard current > 0 else { return }
        let scale = Float(peak) / current
        for n in samples.indices { samples[n] *= scale }
    }
}
