import Foundation
import NumPyIO
import TestSupport
import Testing

/// The values NumPy printed when it wrote the fixtures (`scripts/make_numpy_fixtures.py`).
private func printedValues() throws -> [String: [String]] {
    let text = try String(contentsOf: Fixtures.url("numpy/values.txt"), encoding: .utf8)
    var rows: [String: [String]] = [:]
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ").map(String.init)
        rows[parts[0]] = Array(parts.dropFirst())
    }
    return rows
}

@Suite struct NPYReading {
    @Test func float32MatrixWrittenByNumPy() throws {
        let array = try NPYFormat.read(Fixtures.url("numpy/f32_3x5.npy"))
        #expect(array.dtype == .float32)
        #expect(array.shape == [3, 5])
        #expect(try array.floats() == printedValues()["f32"]!.map { Float($0)! })
    }

    @Test func complex64IsInterleaved() throws {
        let array = try NPYFormat.read(Fixtures.url("numpy/c64_4x2.npy"))
        #expect(array.dtype == .complex64)
        #expect(array.shape == [4, 2])
        #expect(try array.complexInterleaved() == printedValues()["c64"]!.map { Float($0)! })
    }

    @Test func scalarAndEmptyShapes() throws {
        let scalar = try NPYFormat.read(Fixtures.url("numpy/f64_scalar.npy"))
        #expect(scalar.shape == [])
        #expect(try scalar.doubles() == [2.5])
        let empty = try NPYFormat.read(Fixtures.url("numpy/f32_empty.npy"))
        #expect(empty.shape == [0, 4])
        #expect(try empty.floats().isEmpty)
    }

    @Test func npzWrittenByNumPyWithZip64Members() throws {
        let arrays = try NPZArchive.read(Fixtures.url("numpy/mixed.npz"))
        #expect(Set(arrays.keys) == ["f32", "c64", "i64"])
        #expect(try arrays["i64"]!.ints() == printedValues()["i64"]!.map { Int($0)! })
        #expect(try arrays["c64"]!.complexInterleaved() == printedValues()["c64"]!.map { Float($0)! })
    }
}

@Suite struct NPYWriting {
    @Test func roundTripIsBitExact() throws {
        let directory = TemporaryDirectory()
        let values: [Float] = [0, -1.5, .pi, 1e-30, -0.0, 65504]
        let array = NPYArray(shape: [2, 3], float32: values)
        try NPYFormat.write(array, to: directory.file("a.npy"))
        #expect(try NPYFormat.read(directory.file("a.npy")) == array)
        let complex = NPYArray(shape: [3], complex64Interleaved: values)
        try NPZArchive.write([("x", array), ("z", complex)], to: directory.file("b.npz"))
        let back = try NPZArchive.read(directory.file("b.npz"))
        #expect(back["x"] == array)
        #expect(back["z"] == complex)
    }

    @Test func headerIsPaddedTo64Bytes() {
        let bytes = NPYFormat.encode(NPYArray(shape: [7], float32: Array(repeating: 1, count: 7)))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(bytes[10 + headerLength - 1] == UInt8(ascii: "\n"))
    }
}

@Suite struct NPYRejection {
    @Test(arguments: [
        ([UInt8](), "magic"),
        (Array("not numpy at all".utf8), "magic"),
        ([0x93] + Array("NUMPY".utf8) + [1, 0, 0xff, 0x00], "header of 255 bytes"),
    ])
    func malformedHeaders(bytes: [UInt8], reason: String) {
        #expect { try NPYFormat.decode(bytes) } throws: { "\($0)".contains(reason) }
    }

    @Test func truncatedDataIsNamed() throws {
        var bytes = NPYFormat.encode(NPYArray(shape: [4], float32: [1, 2, 3, 4]))
        bytes.removeLast(3)
        #expect { try NPYFormat.decode(bytes) } throws: { "\($0)".contains("truncated") }
    }

    @Test func damagedArchiveFailsItsCRC() throws {
        var bytes = try NPZArchive.encode([("x", NPYArray(shape: [2], float32: [1, 2]))])
        bytes[100] ^= 0xff
        #expect { try NPZArchive.decode(bytes) } throws: { "\($0)".contains("CRC") }
    }

    @Test func shortFilesAreNotZipArchives() {
        for n in 0..<30 {
            #expect(throws: NPYError.self) { try NPZArchive.decode(Array(repeating: 0x50, count: n)) }
        }
    }
}

@Suite struct NPYFiniteness {
    @Test func nonFiniteValuesAreFoundInRealAndComplexArrays() {
        #expect(NPYArray(shape: [3], float32: [1, 2, 3]).isFinite)
        #expect(!NPYArray(shape: [3], float32: [1, .nan, 3]).isFinite)
        #expect(!NPYArray(shape: [1], complex64Interleaved: [0, .infinity]).isFinite, "an infinite imaginary part")
        #expect(NPYArray(shape: [2], int64: [Int64.max, Int64.min]).isFinite)
    }

    /// Every position of a long buffer (the check runs over vectorised blocks and a tail), the
    /// extremes of the finite range, and float64.
    @Test func edgesOfTheFiniteRangeAndEveryPosition() throws {
        let extremes: [Float] = [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0]
        #expect(NPYArray(shape: [4], float32: extremes).isFinite)
        for bad in [Float.nan, .infinity, -.infinity, .signalingNaN] {
            for position in 0..<37 {
                var values = [Float](repeating: 1, count: 37)
                values[position] = bad
                #expect(!NPYArray(shape: [37], float32: values).isFinite, "\(bad) at \(position)")
            }
        }
        func float64(_ values: [Double]) throws -> NPYArray {
            try NPYArray(dtype: .float64, shape: [values.count], bytes: values.withUnsafeBytes { Array($0) })
        }
        #expect(try float64([.greatestFiniteMagnitude, -1, 0]).isFinite)
        #expect(try !float64([0, 1, -.infinity]).isFinite)
        #expect(try !float64([.nan, 1, 2]).isFinite)
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesWholeFilesAndLeavesNoPartial() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("a.bin")
        try AtomicFile.write([1, 2, 3], to: url)
        try AtomicFile.write([4, 5], to: url)
        #expect(try Data(contentsOf: url) == Data([4, 5]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["a.bin"])
    }

    @Test func removesOnlyPartialsOfDeadProcessesOfThisHost() throws {
        let directory = TemporaryDirectory()
        let host = ProcessInfo.processInfo.hostName
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let names = [
            ".x.npz.\(host)-\(finished.processIdentifier).partial",  // its writer is gone
            ".y.npz.\(host)-\(getpid()).partial",  // written by this live process
            ".z.npz.otherhost-\(finished.processIdentifier).partial",  // another machine's
        ]
        for name in names { try Data([0]).write(to: directory.file(name)) }
        #expect(AtomicFile.removeStalePartials(below: directory.url) == 1)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.url.path)) == Set(names.dropFirst()))
    }

    @Test func anUnwritableFolderIsNamedInTheError() {
        #expect { try AtomicFile.write([1], to: URL(fileURLWithPath: "/nonexistent-folder/a.bin")) } throws: {
            "\($0)".contains("/nonexistent-folder/a.bin")
        }
    }
}

/// CRC-32 against Python's zlib (`scripts/make_crc32_fixtures.py`), whole and continued from a
/// split at every few bytes, at lengths around the folding code's block sizes.
@Suite struct CRC32Reference {
    private func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(($0 * 131 + 7) % 256) } }

    private func references() throws -> [(length: Int, crc: UInt32)] {
        let text = try String(contentsOf: Fixtures.url("numpy/crc32.txt"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: " ")
            return (Int(parts[0])!, UInt32(parts[1])!)
        }
    }

    @Test func wholeBuffersMatchZlib() throws {
        for (length, crc) in try references() {
            #expect(CRC32.checksum(pattern(length)) == crc, "\(length) bytes")
        }
    }

    @Test func aCRCContinuedAcrossASplitIsTheWholeOne() throws {
        for (length, crc) in try references() where length <= 4099 {
            let bytes = pattern(length)
            for split in stride(from: 0, through: length, by: max(1, length / 7)) {
                let continued = bytes.withUnsafeBytes { whole in
                    CRC32.update(
                        CRC32.update(0, UnsafeRawBufferPointer(rebasing: whole[..<split])),
                        UnsafeRawBufferPointer(rebasing: whole[split...]))
                }
                #expect(continued == crc, "\(length) bytes split at \(split)")
            }
        }
    }
}
