import CSndfile

/// 16-bit PCM samples turned into Float32 the way libsndfile's PCM reader does it — each
/// integer times 2⁻¹⁵ (`pcm.c`: `(float) value * normfact`, `normfact = 1.0 / 0x8000`), an exact
/// product, so the same bits — but eight samples at a time.
enum PCM16 {
    /// Containers whose 16-bit PCM libsndfile decodes with `pcm.c`.
    private static let plainContainers: Set<Int> = [
        SF_FORMAT_WAV, SF_FORMAT_WAVEX, SF_FORMAT_AIFF, SF_FORMAT_AU, SF_FORMAT_W64, SF_FORMAT_RF64, SF_FORMAT_CAF,
    ]

    /// Whether libsndfile's `format` code is 16-bit PCM in one of those containers.
    static func isPlain(_ format: Int32) -> Bool {
        Int(format) & SF_FORMAT_SUBMASK == SF_FORMAT_PCM_16
            && plainContainers.contains(Int(format) & SF_FORMAT_TYPEMASK)
    }

    /// Turns the `count` Int16 samples at the start of `buffer` into `count` Float32 samples in
    /// the same buffer (room for `count` floats). From the last sample down: each float covers
    /// the bytes of two samples at twice its index or later, which are already widened.
    static func widenInPlace(_ buffer: UnsafeMutableRawPointer, count: Int) {
        let scale: Float = 0x1p-15
        var i = count
        while i % 8 != 0 {
            i -= 1
            buffer.storeBytes(
                of: Float(buffer.load(fromByteOffset: 2 &* i, as: Int16.self)) * scale,
                toByteOffset: 4 &* i, as: Float.self)
        }
        while i > 0 {
            i -= 8
            let samples = buffer.loadUnaligned(fromByteOffset: 2 &* i, as: SIMD8<Int16>.self)
            let floats = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: samples)) * scale
            buffer.storeBytes(of: floats, toByteOffset: 4 &* i, as: SIMD8<Float>.self)
        }
    }
}
