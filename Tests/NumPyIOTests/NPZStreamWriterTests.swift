import Foundation
import NumPyIO
import Testing

/// A `.npz` written column block by column block is byte for byte the one written whole.
@Suite struct NPZStreamWriting {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("npz-stream-\(UUID().uuidString)")

    @Test func blocksInAnyOrderGiveTheWholeArchive() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (rows, columns) = (5, 11)
        let real = (0..<rows * columns).map { Float($0) * 0.5 - 3 }
        let complex = (0..<2 * rows * columns).map { Float($0) / 7 }
        let scalarish = NPYArray(shape: [3], float32: [1, 2, 3])
        let whole = folder.appendingPathComponent("whole.npz"), streamed = folder.appendingPathComponent("stream.npz")
        let arrays: [(name: String, array: NPYArray)] = [
            ("real", NPYArray(shape: [rows, columns], float32: real)),
            ("complex", NPYArray(shape: [rows, columns], complex64Interleaved: complex)), ("small", scalarish),
        ]
        try NPZArchive.write(arrays, to: whole)

        let writer = try NPZStreamWriter(
            url: streamed,
            members: arrays.map { NPZStreamWriter.Member(name: $0.name, dtype: $0.array.dtype, shape: $0.array.shape) })
        try writer.write(2, array: scalarish)
        for block in [4..<11, 0..<4] {  // out of order, uneven
            var realBlock: [Float] = [], complexBlock: [Float] = []
            for r in 0..<rows {
                for c in block {
                    let i = r * columns + c
                    realBlock.append(real[i])
                    complexBlock += [complex[2 * i], complex[2 * i + 1]]
                }
            }
            try realBlock.withUnsafeBytes { try writer.write(0, columns: block, bytes: $0) }
            try complexBlock.withUnsafeBytes { try writer.write(1, columns: block, bytes: $0) }
        }
        #expect(!FileManager.default.fileExists(atPath: streamed.path))
        try writer.finish()
        #expect(try Data(contentsOf: streamed) == Data(contentsOf: whole))
        #expect(try NPZArchive.read(streamed)["complex"] == arrays[1].array)
    }

    @Test func anUnfinishedWriterLeavesNoFile() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("never.npz")
        do {
            _ = try NPZStreamWriter(url: url, members: [.init(name: "x", dtype: .float32, shape: [2, 2])])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
