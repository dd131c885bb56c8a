import NumPyIO
import Testing

@testable import Charts

/// The report's PNG: a valid file whose IDAT, inflated and unfiltered, is the image, and which is
/// much smaller than the stored (uncompressed) encoding it replaced.
@Suite struct PNGImageTests {
    /// A 64×32 picture through an 8-colour map, like the report's colour-mapped spectrograms.
    static let (width, height) = (64, 32)
    static let colours: [[UInt8]] = (0..<8).map { (level: Int) -> [UInt8] in
        let byte = UInt8(level * 32)
        return [byte, 255 - byte, byte / 2]
    }
    static let rgb: [UInt8] = (0..<(width * height)).flatMap { i -> [UInt8] in
        let (x, y) = (i % width, i / width)
        return colours[(x / 8 + y / 4 + (x * y) % 3) % 8]
    }

    @Test func idatInflatesAndUnfiltersToTheImage() throws {
        let png = PNGImage.encode(rgb: Self.rgb, width: Self.width, height: Self.height)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let idat = try #require(Self.chunk("IDAT", in: png))
        let stride = 3 * Self.width + 1
        let raw = try #require(Zlib.decompress(idat, count: stride * Self.height))
        var image: [UInt8] = []
        for y in 0..<Self.height {
            let row = raw[(y * stride)..<((y + 1) * stride)]
            #expect(row.first == 0, "filter type none")
            image += row.dropFirst()
        }
        #expect(image == Self.rgb)
        #expect(png.count < Self.rgb.count / 2, "\(png.count) bytes for \(Self.rgb.count) of pixels")
    }

    /// The data of the first chunk of `type`.
    static func chunk(_ type: String, in png: [UInt8]) -> [UInt8]? {
        var offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let name = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if name == type { return Array(png[(offset + 8)..<(offset + 8 + length)]) }
            offset += 12 + length
        }
        return nil
    }
}
