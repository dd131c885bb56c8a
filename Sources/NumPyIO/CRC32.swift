/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zip archives require, computed
/// sixteen bytes at a time with sixteen lookup tables ("slicing-by-16").
public enum CRC32 {
    /// `tables[256 * k + b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 16 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[n] = c
        }
        for k in 1..<16 {
            for n in 0..<256 {
                let previous = tables[256 * (k - 1) + n]
                tables[256 * k + n] = (previous >> 8) ^ tables[Int(previous & 0xff)]
            }
        }
        return tables
    }()

    /// Continues a CRC (`crc` from a previous call, 0 to start) over `bytes`.
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = ~crc
        var p = 0
        let count = bytes.count
        tables.withUnsafeBufferPointer { t in
            func row(_ k: Int, _ byte: UInt32) -> UInt32 { t[256 * k + Int(byte & 0xff)] }
            while count - p >= 16 {
                let a = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p, as: UInt32.self)) ^ c
                let b = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p + 4, as: UInt32.self))
                let d = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p + 8, as: UInt32.self))
                let e = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p + 12, as: UInt32.self))
                c =
                    row(15, a) ^ row(14, a >> 8) ^ row(13, a >> 16) ^ row(12, a >> 24)
                    ^ row(11, b) ^ row(10, b >> 8) ^ row(9, b >> 16) ^ row(8, b >> 24)
                    ^ row(7, d) ^ row(6, d >> 8) ^ row(5, d >> 16) ^ row(4, d >> 24)
                    ^ row(3, e) ^ row(2, e >> 8) ^ row(1, e >> 16) ^ row(0, e >> 24)
                p += 16
            }
            while p < count {
                c = row(0, c ^ UInt32(bytes[p])) ^ (c >> 8)
                p += 1
            }
        }
        return ~c
    }

    /// The CRC of `bytes`.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        if let crc = bytes.withContiguousStorageIfAvailable({ update(0, UnsafeRawBufferPointer($0)) }) { return crc }
        return Array(bytes).withUnsafeBytes { update(0, $0) }
    }
}
