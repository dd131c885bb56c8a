import CDeflate

/// zlib streams (RFC 1950), as PNG's `IDAT` holds them, compressed by libdeflate.
public enum Zlib {
    /// `bytes` as one zlib stream at libdeflate's compression `level` (1 fastest … 12 smallest;
    /// 6 is zlib's default). The output depends only on the input and the level.
    public static func compress(_ bytes: [UInt8], level: Int32 = 9) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            preconditionFailure("libdeflate cannot make a compressor of level \(level)")
        }
        defer { libdeflate_free_compressor(compressor) }
        var output = [UInt8](repeating: 0, count: libdeflate_zlib_compress_bound(compressor, bytes.count))
        let written = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_zlib_compress(compressor, input.baseAddress, input.count, out.baseAddress, out.count)
            }
        }
        precondition(written > 0, "libdeflate's bound holds any input")
        return Array(output.prefix(written))
    }
}

extension Zlib {
    /// The bytes of a zlib stream that decompresses to exactly `count` bytes; `nil` when it is not
    /// one.
    public static func decompress(_ stream: [UInt8], count: Int) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var output = [UInt8](repeating: 0, count: count)
        let result = stream.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_zlib_decompress(decompressor, input.baseAddress, input.count, out.baseAddress, count, nil)
            }
        }
        return result == LIBDEFLATE_SUCCESS ? output : nil
    }
}
