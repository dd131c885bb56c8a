extension FeatureMatrix {
    /// Frames `start ..< start + frames` as a matrix of `frames` columns; columns past the end
    /// are 0 (the training mean, once standardised).
    func window(start: Int, frames: Int) -> FeatureMatrix {
        var real = [Float](repeating: 0, count: rows * frames)
        var imaginary: [Float]? = isComplex ? real : nil
        let available = max(0, min(frames, self.frames - start))
        for r in 0..<rows where available > 0 {
            let source = r * self.frames + start, target = r * frames
            real.replaceSubrange(target..<target + available, with: self.real[source..<source + available])
            if let planes = self.imaginary {
                imaginary!.replaceSubrange(target..<target + available, with: planes[source..<source + available])
            }
        }
        return FeatureMatrix(rows: rows, frames: frames, real: real, imaginary: imaginary)
    }
}
