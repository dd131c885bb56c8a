import Foundation

/// The `.npy` format (NumPy's `lib/format.py`): magic `\x93NUMPY`, a version, a header length,
/// an ASCII Python-dict header padded to 64 bytes, then the raw C-order data.
public enum NPYFormat {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Serialises an array as a version-1.0 `.npy` (version 2.0 when the header needs it).
    public static func encode(_ array: NPYArray) -> [UInt8] {
        header(for: array) + array.bytes
    }

    /// The magic, version, length and padded dict that precede the array's bytes in a `.npy`.
    static func header(for array: NPYArray) -> [UInt8] { header(dtype: array.dtype, shape: array.shape) }

    /// The header of an array of `dtype` and `shape`, before its bytes exist.
    static func header(dtype: NPYArray.DType, shape: [Int]) -> [UInt8] {
        let dims = shape.map(String.init)
        let shapeText = shape.count == 1 ? "(\(dims[0]),)" : "(\(dims.joined(separator: ", ")))"
        var header = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        let lengthBytes = header.utf8.count + 1 + 10 > 65535 ? 4 : 2
        let prefix = magic.count + 2 + lengthBytes
        let padding = (64 - (prefix + header.utf8.count + 1) % 64) % 64
        header += String(repeating: " ", count: padding) + "\n"
        var out = magic + [lengthBytes == 2 ? 1 : 2, 0]
        let length = UInt32(header.utf8.count)
        out += lengthBytes == 2 ? [UInt8(length & 0xff), UInt8(length >> 8)] : littleEndianBytes(length)
        out += Array(header.utf8)
        return out
    }

    /// Parses a `.npy`; rejects big-endian, Fortran-order and object arrays with a clear reason.
    public static func decode(_ data: some Collection<UInt8>) throws(NPYError) -> NPYArray {
        let bytes = Array(data)
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw .badHeader("missing the \\x93NUMPY magic")
        }
        let major = bytes[6]
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: throw .unsupported("format version \(major)")
        }
        guard bytes.count >= 8 + lengthBytes else { throw .truncated("header length cut off") }
        var headerLength = 0
        for i in 0..<lengthBytes { headerLength |= Int(bytes[8 + i]) << (8 * i) }
        let headerStart = 8 + lengthBytes
        guard headerLength <= bytes.count - headerStart else {
            throw .truncated("header of \(headerLength) bytes in a file of \(bytes.count)")
        }
        guard let header = String(bytes: bytes[headerStart..<headerStart + headerLength], encoding: .utf8) else {
            throw .badHeader("header is not text")
        }
        let descr = try value(of: "descr", in: header)
        guard let dtype = NPYArray.DType(rawValue: descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
        else {
            throw .unsupported("dtype \(descr)")
        }
        guard try value(of: "fortran_order", in: header) == "False" else {
            throw .unsupported("Fortran-order arrays (save with np.ascontiguousarray)")
        }
        let shape = try parseShape(try value(of: "shape", in: header))
        return try NPYArray(dtype: dtype, shape: shape, bytes: Array(bytes[(headerStart + headerLength)...]))
    }

    /// Reads a `.npy` file.
    public static func read(_ url: URL) throws(NPYError) -> NPYArray {
        try decode(try readBytes(url))
    }

    /// Writes a `.npy` file atomically (temporary file, then rename).
    public static func write(_ array: NPYArray, to url: URL) throws(NPYError) {
        try AtomicFile.write(chunks: [ByteChunk(header(for: array)), array.payload], to: url)
    }

    // MARK: - Header parsing

    /// The text of `key`'s value in the header dict, up to the next top-level comma or brace.
    private static func value(of key: String, in header: String) throws(NPYError) -> String {
        guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
            let colon = header[keyRange.upperBound...].firstIndex(of: ":")
        else { throw .badHeader("no '\(key)' in \(header)") }
        var depth = 0
        var end = header.index(after: colon)
        while end < header.endIndex {
            let c = header[end]
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if depth == 0 && (c == "," || c == "}") { break }
            if depth < 0 { throw .badHeader("unbalanced parentheses in \(header)") }
            end = header.index(after: end)
        }
        return header[header.index(after: colon)..<end].trimmingCharacters(in: .whitespaces)
    }

    private static func parseShape(_ text: String) throws(NPYError) -> [Int] {
        guard text.hasPrefix("("), text.hasSuffix(")") else { throw .badHeader("shape \(text)") }
        var dims: [Int] = []
        for part in text.dropFirst().dropLast().split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "L", with: "")
            if trimmed.isEmpty { continue }
            guard let d = Int(trimmed), d >= 0 else { throw .badHeader("shape \(text)") }
            dims.append(d)
        }
        return dims
    }
}

func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

func readBytes(_ url: URL) throws(NPYError) -> [UInt8] {
    do { return Array(try Data(contentsOf: url)) } catch { throw .io("\(url.path): \(error.localizedDescription)") }
}
