import ComplexNN
import Foundation
import TestSupport
import Testing

private struct ReferenceValues: Decodable {
    let conv: [Float]
    let runningMean: [Float]
    enum CodingKeys: String, CodingKey {
        case conv = "conv1.weight"
        case runningMean = "bn.running_mean"
    }
}

@Suite struct SafeTensorsFileTests {
    @Test func readsAFileWrittenByTheReferenceImplementation() throws {
        let file = try SafeTensorsFile.read(Fixtures.url("safetensors/reference.safetensors"))
        let values = try Fixtures.json("safetensors/reference.json", as: ReferenceValues.self)
        #expect(file.metadata == ["format": "audiocls-test"])
        let conv = try #require(file.tensors["conv1.weight"])
        #expect(conv.dtype == .complex64)
        #expect(conv.shape == [2, 1, 2, 2])
        #expect(try conv.float32Values() == values.conv)
        #expect(try file.tensors["bn.running_mean"]!.float32Values() == values.runningMean)
        #expect(file.tensors["steps"]!.dtype == .int64)
    }

    @Test func roundTripIsBitExact() throws {
        let directory = TemporaryDirectory()
        let original = SafeTensorsFile(
            tensors: [
                "a": .init(shape: [2, 2], float32: [1, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]),
                "b": .init(shape: [1], complex64Interleaved: [3, -4]),
                "empty": .init(shape: [0, 5], float32: []),
            ],
            metadata: ["k": "v"])
        try original.write(to: directory.file("m.safetensors"))
        #expect(try SafeTensorsFile.read(directory.file("m.safetensors")) == original)
        let bytes = original.encode()
        #expect((bytes.count - 8 - 4 * 4 - 8) % 8 == 0, "header is padded to a multiple of 8")
    }

    /// The header is written without JSONSerialization (so writing cannot fail) but is what it
    /// wrote with sorted keys — numeric, case-insensitive key order, its escapes — so a model's
    /// file stays byte for byte what earlier versions wrote; and it reads back.
    @Test func theHeaderIsWhatJSONSerializationWroteAndReadsBack() throws {
        let names =
            [
                "block2.conv0.weight", "block10.conv0.weight", "Fc1.bias", "fc2.bias", "optimizer.m.9",
                "optimizer.m.10", "a_b", "a-b", "résumé", "x/y", "😀", "é",
            ] + (0..<128).map { "k" + String(UnicodeScalar(UInt8($0))) }
        let tensors = Dictionary(
            uniqueKeysWithValues: names.enumerated().map { index, name in
                (name, SafeTensorsFile.Entry(shape: [index % 3], float32: Array(repeating: 1, count: index % 3)))
            })
        let metadata = Dictionary(uniqueKeysWithValues: names.map { ($0, "value of \($0)") })
        let file = SafeTensorsFile(tensors: tensors, metadata: metadata)
        var header: [String: Any] = ["__metadata__": metadata], offset = 0
        for name in names.sorted() {
            let entry = tensors[name]!
            header[name] = [
                "dtype": "F32", "shape": entry.shape, "data_offsets": [offset, offset + entry.bytes.count],
            ]
            offset += entry.bytes.count
        }
        let expected = Array(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        let bytes = file.encode()
        let length = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let json = bytes[8..<8 + length]
        #expect(
            Array(json.prefix(expected.count)) == expected && json.dropFirst(expected.count).allSatisfy { $0 == 32 })
        #expect(try SafeTensorsFile.decode(bytes) == file)
    }

    /// A minimal file with a hand-written header, for the rejection cases.
    private func file(header: String, buffer: Int) -> [UInt8] {
        let json = Array(header.utf8)
        return withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json
            + [UInt8](repeating: 0, count: buffer)
    }

    @Test(arguments: [
        (#"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, 4, "outside"),
        (#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, 8, "needs 12"),
        (#"{"x":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}"#, 8, "dtype Q4"),
        (#"{"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, 8, "shape"),
        (#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, 8, "gap"),
        (
            #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
            8, "overlaps"
        ),
        (#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 12, "cover 4 bytes"),
        (#"{"x":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, 8, "larger than the file"),
        (#"[1, 2]"#, 0, "not a JSON object"),
        (#"{"__metadata__":{"a":1}}"#, 0, "__metadata__"),
    ])
    func rejectsDamagedHeaders(header: String, buffer: Int, reason: String) {
        #expect { try SafeTensorsFile.decode(file(header: header, buffer: buffer)) } throws: {
            "\($0)".contains(reason)
        }
    }

    @Test func rejectsOversizedAndTruncatedHeaderLengths() {
        let huge = withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Array($0) }
        #expect { try SafeTensorsFile.decode(huge + [0, 0]) } throws: { "\($0)".contains("limit") }
        let past = withUnsafeBytes(of: UInt64(64).littleEndian) { Array($0) } + Array("{}".utf8)
        #expect { try SafeTensorsFile.decode(past) } throws: { "\($0)".contains("past the end") }
        #expect { try SafeTensorsFile.decode([1, 2, 3]) } throws: { "\($0)".contains("too short") }
    }
}
