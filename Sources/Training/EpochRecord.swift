import ClassifierSupport
import Foundation

/// One line of `train-log.jsonl`: what an epoch achieved.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    public var trainLoss: Double, trainAccuracy: Double
    /// 0 when there is no validation split.
    public var validationLoss: Double, validationAccuracy: Double
    public var learningRate: Float
    /// Wall-clock seconds of the epoch (training and validation).
    public var seconds: Double
    public var samplesPerSecond: Double

    /// Appends this record as one JSON line to `url`.
    func append(to url: URL) throws {
        var line = try JSONEncoder.sortedKeys.encode(self)
        line.append(UInt8(ascii: "\n"))
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }

    /// The records of a log file (unparseable lines skipped).
    public static func read(_ url: URL) -> [EpochRecord] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? JSONDecoder().decode(EpochRecord.self, from: $0)
        }
    }

    /// Rewrites `url` atomically keeping the records of epochs ≤ `epochs` (after a resume).
    static func truncate(_ url: URL, toEpochs epochs: Int) throws {
        let kept = read(url).filter { $0.epoch <= epochs }
        var text = Data()
        for record in kept {
            text.append(try JSONEncoder.sortedKeys.encode(record))
            text.append(UInt8(ascii: "\n"))
        }
        try text.write(to: url, options: .atomic)
    }
}
