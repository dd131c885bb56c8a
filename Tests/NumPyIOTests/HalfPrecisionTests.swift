import CHalf
import Foundation
import NumPyIO
import TestSupport
import Testing

/// Float32 → float16 rounding and back, against NumPy's `astype` (`scripts/make_numpy_fixtures.py`:
/// rounding edges, the largest half and past it, subnormals, zeros, infinities, NaN, and 488
/// random values over 48 octaves).
@Suite struct HalfPrecisionTests {
    private let inputs: [Float], numpy: [UInt16], widened: [Float]

    init() throws {
        inputs = try NPYFormat.read(Fixtures.url("numpy/f16_in.npy")).floats()
        let halves = try NPYFormat.read(Fixtures.url("numpy/f16_out.npy"))
        numpy = halves.payload.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)) }
        widened = try NPYFormat.read(Fixtures.url("numpy/f16_widened.npy")).floats()
    }

    /// Index of the first finite input NumPy rounds to infinity.
    private var firstOverflow: Int {
        inputs.indices.first { inputs[$0].isFinite && numpy[$0] & 0x7fff == 0x7c00 }!
    }

    @Test(arguments: [false, true]) func roundingMatchesNumPy(portable: Bool) {
        var out = [UInt16](repeating: 0, count: inputs.count)
        let overflow = audiocls_floats_to_halves(inputs, &out, inputs.count, portable ? 1 : 0)
        #expect(overflow == firstOverflow)
        let nan = inputs.indices.filter { inputs[$0].isNaN }
        #expect(!nan.isEmpty && nan.allSatisfy { out[$0] & 0x7c00 == 0x7c00 && out[$0] & 0x03ff != 0 })
        let mismatches = inputs.indices.filter { !inputs[$0].isNaN && out[$0] != numpy[$0] }
        #expect(
            mismatches.isEmpty,
            "first: \(mismatches.first.map { "\(inputs[$0]) → \(out[$0]), NumPy \(numpy[$0])" } ?? "")")
    }

    @Test(arguments: [false, true]) func wideningMatchesNumPy(portable: Bool) {
        var out = [Float](repeating: 0, count: numpy.count)
        audiocls_halves_to_floats(numpy, &out, numpy.count, portable ? 1 : 0)
        let same = zip(out, widened).allSatisfy { a, b in a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        #expect(same)
    }

    @Test func anArrayWrittenByNumPyReadsBack() throws {
        let array = try NPYFormat.read(Fixtures.url("numpy/f16_out.npy"))
        #expect(array.dtype == .float16 && array.shape == [inputs.count])
        let floats = try array.floats()
        #expect(zip(floats, widened).allSatisfy { a, b in a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) })
        #expect(!array.isFinite)
        let finite = try NPYArray(shape: [2], float16Rounding: [1, -65504])
        #expect(finite.isFinite)
    }

    @Test func arraysAreWhatNumPyWouldStore() throws {
        let finite = inputs.indices.filter { inputs[$0].isFinite && abs(inputs[$0]) < 65520 }
        let array = try NPYArray(shape: [finite.count], float16Rounding: finite.map { inputs[$0] })
        let bits = array.payload.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)) }
        #expect(bits == finite.map { numpy[$0] })
        let decoded = try NPYFormat.decode(NPYFormat.encode(array))
        #expect(decoded == array)
    }

    @Test func aValueBeyondTheRangeIsAnErrorNamingIt() {
        #expect(throws: NPYError.unsupported("value 70000.0 (element 1) is beyond float16's range (±65504)")) {
            try NPYArray(shape: [3], float16Rounding: [1, 70000, 2])
        }
        #expect(throws: Never.self) { try NPYArray(shape: [0], float16Rounding: []) }
    }
}
