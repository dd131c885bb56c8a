import Foundation

/// An n-dimensional array as NumPy stores it in a `.npy` file: a dtype, a C-order shape and
/// the raw little-endian bytes of the elements.
///
/// Complex values (`<c8`) are interleaved (re, im) Float32 pairs, the layout of FFTW's
/// `fftwf_complex` and of `std::complex<float>`, so ``complexInterleaved()`` is a plain copy.
public struct NPYArray: Sendable, Equatable {
    /// The element types audiocls reads and writes, by their NumPy `descr` string.
    public enum DType: String, Sendable, CaseIterable {
        /// IEEE half precision (NumPy's `float16`); ``init(shape:float16Rounding:)``.
        case float16 = "<f2"
        case float32 = "<f4"
        case float64 = "<f8"
        case complex64 = "<c8"
        case complex128 = "<c16"
        case int32 = "<i4"
        case int64 = "<i8"
        case uint8 = "|u1"
        case bool = "|b1"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .uint8, .bool: 1
            case .float16: 2
            case .float32, .int32: 4
            case .float64, .int64, .complex64: 8
            case .complex128: 16
            }
        }

        /// Whether an element is a (re, im) pair.
        public var isComplex: Bool { self == .complex64 || self == .complex128 }
    }

    public let dtype: DType
    /// C-order (row-major) shape; `[]` is a scalar.
    public let shape: [Int]
    /// `count * dtype.size` little-endian bytes, in the buffer the array was made from.
    public let payload: ByteChunk

    /// A copy of the `count * dtype.size` little-endian bytes.
    public var bytes: [UInt8] { payload.bytes }

    /// Number of elements: the product of `shape` (1 for a scalar).
    public var count: Int { shape.reduce(1, *) }

    /// Wraps raw bytes; the byte count must match `shape` and `dtype`.
    public init(dtype: DType, shape: [Int], bytes: [UInt8]) throws(NPYError) {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .badHeader("negative dimension in \(shape)") }
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw .badHeader("shape \(shape) is too large") }
            count = product
        }
        guard bytes.count / dtype.size == count, bytes.count % dtype.size == 0 else {
            throw .truncated("shape \(shape) of \(dtype.rawValue) needs \(count) elements, found \(bytes.count) bytes")
        }
        self.dtype = dtype
        self.shape = shape
        self.payload = ByteChunk(bytes)
    }

    /// A `<f4` array of `shape` from row-major values (sharing their buffer).
    public init(shape: [Int], float32 values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.dtype = .float32
        self.shape = shape
        self.payload = ByteChunk(values)
    }

    /// A `<c8` array of `shape` from interleaved (re, im) Float32 pairs, `2 * count` values
    /// (sharing their buffer).
    public init(shape: [Int], complex64Interleaved values: [Float]) {
        precondition(
            2 * shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count / 2) complex values")
        self.dtype = .complex64
        self.shape = shape
        self.payload = ByteChunk(values)
    }

    /// A `<i8` array of `shape` from row-major values (sharing their buffer).
    public init(shape: [Int], int64 values: [Int64]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.dtype = .int64
        self.shape = shape
        self.payload = ByteChunk(values)
    }

    /// Real elements as Float32, converting from any real dtype; throws for complex arrays.
    public func floats() throws(NPYError) -> [Float] {
        switch dtype {
        case .float32: return load(Float.self)
        case .float16: return halfFloats()
        case .float64: return load(Double.self).map { Float($0) }
        case .int32: return load(Int32.self).map { Float($0) }
        case .int64: return load(Int64.self).map { Float($0) }
        case .uint8, .bool: return payload.withUnsafeBytes { $0.map { Float($0) } }
        case .complex64, .complex128: throw .wrongType("expected a real array, found \(dtype.rawValue)")
        }
    }

    /// Real elements as Float64, converting from any real dtype; throws for complex arrays.
    public func doubles() throws(NPYError) -> [Double] {
        switch dtype {
        case .float64: return load(Double.self)
        case .float32: return load(Float.self).map { Double($0) }
        case .float16: return halfFloats().map { Double($0) }
        case .int32: return load(Int32.self).map { Double($0) }
        case .int64: return load(Int64.self).map { Double($0) }
        case .uint8, .bool: return payload.withUnsafeBytes { $0.map { Double($0) } }
        case .complex64, .complex128: throw .wrongType("expected a real array, found \(dtype.rawValue)")
        }
    }

    /// Integer elements as Int; throws for floating and complex arrays.
    public func ints() throws(NPYError) -> [Int] {
        switch dtype {
        case .int32: return load(Int32.self).map { Int($0) }
        case .int64: return load(Int64.self).map { Int($0) }
        case .uint8, .bool: return payload.withUnsafeBytes { $0.map { Int($0) } }
        default: throw .wrongType("expected an integer array, found \(dtype.rawValue)")
        }
    }

    /// Complex elements as interleaved (re, im) Float32 pairs, `2 * count` values; a real array
    /// gives zero imaginary parts.
    public func complexInterleaved() throws(NPYError) -> [Float] {
        switch dtype {
        case .complex64: return load(Float.self)
        case .complex128: return load(Double.self).map { Float($0) }
        default:
            let re = try floats()
            var out = [Float](repeating: 0, count: 2 * re.count)
            for i in re.indices { out[2 * i] = re[i] }
            return out
        }
    }

    /// Whether every floating-point element (both parts of complex ones) is finite; integer
    /// arrays always are.
    public var isFinite: Bool {
        switch dtype {
        case .float16: payload.withUnsafeBytes { Self.noAllOnesExponent($0.bindMemory(to: UInt16.self), mask: 0x7c00) }
        case .float32, .complex64:
            payload.withUnsafeBytes { Self.noAllOnesExponent($0.bindMemory(to: UInt32.self), mask: 0x7f80_0000) }
        case .float64, .complex128:
            payload.withUnsafeBytes {
                Self.noAllOnesExponent($0.bindMemory(to: UInt64.self), mask: 0x7ff0_0000_0000_0000)
            }
        default: true
        }
    }

    /// Whether no IEEE value has an all-ones exponent (NaN, ±Inf), in one branch-free pass that
    /// vectorises with baseline SSE2 integer operations: adding the exponent's lowest bit to the
    /// masked exponent carries into the sign bit exactly when the exponent is all ones.
    private static func noAllOnesExponent<Bits: FixedWidthInteger & UnsignedInteger>(
        _ words: UnsafeBufferPointer<Bits>, mask: Bits
    ) -> Bool {
        let lowestBit = mask & (0 &- mask)
        var carry: Bits = 0
        for word in words { carry |= (word & mask) &+ lowestBit }
        return carry >> (Bits.bitWidth - 1) == 0
    }

    private func load<T>(_: T.Type) -> [T] {
        payload.withUnsafeBytes { raw in
            Array(
                UnsafeBufferPointer(
                    start: raw.baseAddress?.assumingMemoryBound(to: T.self),
                    count: raw.count / MemoryLayout<T>.stride))
        }
    }
}

/// Why a `.npy` or `.npz` could not be read or written.
public enum NPYError: Error, Equatable, CustomStringConvertible {
    case badHeader(String)
    case unsupported(String)
    case wrongType(String)
    case truncated(String)
    case io(String)

    public var description: String {
        switch self {
        case .badHeader(let s): "malformed NumPy header: \(s)"
        case .unsupported(let s): "unsupported NumPy data: \(s)"
        case .wrongType(let s): "wrong array type: \(s)"
        case .truncated(let s): "truncated NumPy data: \(s)"
        case .io(let s): s
        }
    }
}
