/// Bytes kept in the array they were made from: an ``NPYArray`` built from `[Float]` shares that
/// buffer (copy-on-write) instead of copying it into `[UInt8]`, so a spectrogram and its array
/// are one buffer in memory, and writing streams it to the file as it is.
public struct ByteChunk: Sendable {
    private enum Storage: Sendable {
        case bytes([UInt8])
        case floats([Float])
        case integers([Int64])
    }

    private let storage: Storage

    /// The bytes of `bytes`.
    public init(_ bytes: [UInt8]) { storage = .bytes(bytes) }
    /// The native little-endian bytes of `floats`, sharing their buffer.
    public init(_ floats: [Float]) { storage = .floats(floats) }
    /// The native little-endian bytes of `integers`, sharing their buffer.
    public init(_ integers: [Int64]) { storage = .integers(integers) }

    /// Number of bytes.
    public var count: Int {
        switch storage {
        case .bytes(let b): b.count
        case .floats(let f): f.count * MemoryLayout<Float>.size
        case .integers(let i): i.count * MemoryLayout<Int64>.size
        }
    }

    /// Calls `body` with the bytes in place.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .bytes(let b): try b.withUnsafeBytes(body)
        case .floats(let f): try f.withUnsafeBytes(body)
        case .integers(let i): try i.withUnsafeBytes(body)
        }
    }

    /// A copy of the bytes.
    public var bytes: [UInt8] {
        if case .bytes(let b) = storage { return b }
        return withUnsafeBytes { Array($0) }
    }
}

extension ByteChunk: Equatable {
    public static func == (a: ByteChunk, b: ByteChunk) -> Bool {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.elementsEqual(y) } }
    }
}
