import Foundation
import NumPyIO

/// A minimal PNG writer for the report's pictures: 8-bit RGB, unfiltered rows, one IDAT chunk
/// compressed by libdeflate at its strongest level (``NumPyIO/Zlib``): a 6 s track's example
/// pictures take 86 KB of HTML instead of the 206 KB of stored deflate blocks written before.
enum PNGImage {
    /// PNG bytes of a `width × height` image from row-major RGB triplets (`3·width·height` bytes).
    static func encode(rgb: [UInt8], width: Int, height: Int) -> [UInt8] {
        precondition(rgb.count == 3 * width * height, "\(rgb.count) bytes for \(width)×\(height) RGB")
        var raw: [UInt8] = []
        raw.reserveCapacity((3 * width + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter type: none (the colour-mapped pictures compress best unfiltered)
            raw += rgb[(3 * width * y)..<(3 * width * (y + 1))]
        }
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits, truecolour, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + chunk("IDAT", Zlib.compress(raw, level: 12))
            + chunk("IEND", [])
    }

    /// An `<img>` element holding the PNG as a data URI, drawn `scale` times larger without smoothing.
    static func htmlImage(rgb: [UInt8], width: Int, height: Int, scale: Int, alt: String) -> String {
        let base64 = Data(encode(rgb: rgb, width: width, height: height)).base64EncodedString()
        return "<img alt=\"\(alt)\" width=\"\(width * scale)\" height=\"\(height * scale)\" "
            + "style=\"image-rendering:pixelated\" src=\"data:image/png;base64,\(base64)\">"
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(CRC32.checksum(body))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
