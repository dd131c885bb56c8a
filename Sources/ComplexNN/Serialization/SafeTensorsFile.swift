import Foundation

/// A safetensors file (the Hugging Face format): an 8-byte little-endian header length `N`, `N` bytes
/// of JSON header (`{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}`,
/// space-padded to a multiple of 8), then one buffer holding every tensor's little-endian row-major
/// bytes.
///
/// Complex tensors are stored with the `C64` dtype (safetensors ≥ 0.7): interleaved (re, im) Float32
/// pairs, which `safetensors.numpy.load_file` reads back as `complex64`.
public struct SafeTensorsFile: Sendable, Equatable {
    /// The element types audiocls stores, by their safetensors names.
    public enum DType: String, Sendable, CaseIterable {
        case float32 = "F32"
        case float64 = "F64"
        case complex64 = "C64"
        case int64 = "I64"
        case int32 = "I32"
        case uint8 = "U8"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .uint8: 1
            case .float32, .int32: 4
            case .float64, .int64, .complex64: 8
            }
        }
    }

    /// One named tensor: dtype, row-major shape and raw bytes.
    public struct Entry: Sendable, Equatable {
        public var dtype: DType
        public var shape: [Int]
        public var bytes: [UInt8]

        /// An entry whose byte count must equal `shape.product * dtype.size`.
        public init(dtype: DType, shape: [Int], bytes: [UInt8]) {
            precondition(
                shape.reduce(1, *) * dtype.size == bytes.count, "\(shape) of \(dtype) is not \(bytes.count) bytes")
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }

        /// A `F32` entry from row-major values.
        public init(shape: [Int], float32 values: [Float]) {
            self.init(dtype: .float32, shape: shape, bytes: values.withUnsafeBytes { Array($0) })
        }

        /// A `C64` entry from interleaved (re, im) pairs, `2 * shape.product` values.
        public init(shape: [Int], complex64Interleaved values: [Float]) {
            self.init(dtype: .complex64, shape: shape, bytes: values.withUnsafeBytes { Array($0) })
        }

        /// The elements as Float32: one per element for `F32`, two (re, im) per element for `C64`.
        public func float32Values() throws(SafeTensorsError) -> [Float] {
            guard dtype == .float32 || dtype == .complex64 else {
                throw .wrongType("expected F32 or C64, found \(dtype.rawValue)")
            }
            return bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        }
    }

    /// Readers refuse headers larger than this (the reference implementation's limit), so a hostile
    /// length cannot make them allocate gigabytes.
    public static let maximumHeaderSize = 100_000_000

    public var tensors: [String: Entry]
    /// Free-form string pairs stored under `__metadata__`.
    public var metadata: [String: String]

    public init(tensors: [String: Entry] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    // MARK: - Writing

    /// Serialises the file; tensors are laid out in name order.
    public func encode() -> [UInt8] {
        var offsets: [String: Range<Int>] = [:], offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            offsets[name] = offset..<offset + tensors[name]!.bytes.count
            offset += tensors[name]!.bytes.count
        }
        var json = SafeTensorsHeader.json(tensors, offsets: offsets, metadata: metadata)
        json += Array(repeating: UInt8(ascii: " "), count: (8 - json.count % 8) % 8)
        var out = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json
        out.reserveCapacity(out.count + offset)
        for name in names { out += tensors[name]!.bytes }
        return out
    }

    /// Writes the file atomically (temporary file, then rename).
    public func write(to url: URL) throws(SafeTensorsError) {
        do { try Data(encode()).write(to: url, options: .atomic) } catch {
            throw .io("\(url.path): \(error.localizedDescription)")
        }
    }

    // MARK: - Reading

    /// Reads and validates a file.
    public static func read(_ url: URL) throws(SafeTensorsError) -> SafeTensorsFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .io("\(url.path): \(error.localizedDescription)") }
        return try decode(Array(data))
    }

    /// Parses and validates: header size within bounds and within the file, known dtypes,
    /// non-negative shapes whose byte counts match their offsets, and offsets that tile the data
    /// buffer exactly (no gap, no overlap, nothing past the end).
    public static func decode(_ bytes: [UInt8]) throws(SafeTensorsError) -> SafeTensorsFile {
        guard bytes.count >= 8 else { throw .malformed("\(bytes.count) bytes is too short for a header length") }
        let declared = bytes[0..<8].enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        guard declared <= UInt64(maximumHeaderSize) else {
            throw .malformed("header length \(declared) exceeds the \(maximumHeaderSize)-byte limit")
        }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw .malformed("header length \(headerLength) runs past the end of a \(bytes.count)-byte file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<8 + headerLength])),
            let header = object as? [String: Any]
        else { throw .malformed("header is not a JSON object") }

        let bufferStart = 8 + headerLength
        let bufferLength = bytes.count - bufferStart
        var file = SafeTensorsFile()
        var spans: [(begin: Int, end: Int, name: String)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let metadata = value as? [String: String] else {
                    throw .malformed("__metadata__ must map strings to strings")
                }
                file.metadata = metadata
                continue
            }
            let (entry, begin, end) = try parseEntry(
                name: name, value: value, bytes: bytes, bufferStart: bufferStart,
                bufferLength: bufferLength)
            file.tensors[name] = entry
            spans.append((begin, end, name))
        }
        spans.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var expected = 0
        for span in spans {
            guard span.begin == expected else {
                throw .malformed(
                    span.begin < expected
                        ? "tensor \(span.name) overlaps another" : "gap in the data buffer before tensor \(span.name)")
            }
            expected = span.end
        }
        guard expected == bufferLength else {
            throw .malformed("tensors cover \(expected) bytes of a \(bufferLength)-byte data buffer")
        }
        return file
    }

    private static func parseEntry(name: String, value: Any, bytes: [UInt8], bufferStart: Int, bufferLength: Int)
        throws(SafeTensorsError) -> (Entry, Int, Int)
    {
        guard let fields = value as? [String: Any], let dtypeName = fields["dtype"] as? String,
            let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2
        else { throw .malformed("tensor \(name) lacks dtype, shape or data_offsets") }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw .unsupported("tensor \(name) has dtype \(dtypeName)")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .malformed("tensor \(name) has shape \(shape)") }
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= bufferLength else {
                throw .malformed("tensor \(name) shape \(shape) is larger than the file")
            }
            count = product
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end, end <= bufferLength else {
            throw .malformed(
                "tensor \(name) offsets [\(begin), \(end)] lie outside the \(bufferLength)-byte data buffer")
        }
        guard end - begin == count * dtype.size else {
            throw .malformed(
                "tensor \(name) spans \(end - begin) bytes but shape \(shape) of \(dtypeName) needs \(count * dtype.size)"
            )
        }
        let entry = Entry(dtype: dtype, shape: shape, bytes: Array(bytes[bufferStart + begin..<bufferStart + end]))
        return (entry, begin, end)
    }
}

/// Why a safetensors file could not be read or written; the message says where.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unsupported(String)
    case wrongType(String)
    case io(String)

    public var description: String {
        switch self {
        case .malformed(let s): "malformed safetensors: \(s)"
        case .unsupported(let s): "unsupported safetensors content: \(s)"
        case .wrongType(let s): "wrong tensor type: \(s)"
        case .io(let s): s
        }
    }
}
