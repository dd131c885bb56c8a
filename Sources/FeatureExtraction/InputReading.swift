import AudioIO
import ClassifierSupport
import Datasets
import Dispatch
import Foundation

/// One input as extraction reads it: decoded, and hashed for the feature index.
///
/// A file of at most ``inMemoryLimit`` bytes is read into memory once (one `open` and one
/// `read`) and decoded from there when that decodes alike (``AudioFile/decodesAlike(fromMemory:)``:
/// a container libsndfile knows by its content); a larger one is decoded from the file, so that
/// memory stays flat in its length.
///
/// The hash, when there is a hash queue (``FeatureExtractionJob/hashQueue(jobs:)``), runs there
/// beside the decoding and reads the file itself, from the page cache: that read costs the core
/// that would otherwise idle, and no buffer is shared between the threads (the decoding frees
/// its bytes when it is done with them, whatever the hash is doing). Without a queue, the bytes
/// in memory are hashed on the calling thread, before decoding.
struct InputReading {
    /// Inputs up to this size are read into memory once: 64 MiB, about six minutes of 44.1 kHz
    /// stereo 16-bit WAV (the decoded track of such a file takes half as much again).
    static let inMemoryLimit = 64 << 20

    let item: DatasetItem
    /// The encoded file, when it was read into memory and decodes alike from there, until it is
    /// decoded.
    private var encoded: Data?
    private let hash: PendingResult<String>

    /// Reads `item`'s file (or, for a large one, checks its header) and starts its hash.
    /// Throws AudioIO's typed "path: reason" error for a missing, unreadable or unrecognised
    /// file — before anything else touches the path.
    init(_ item: DatasetItem, hashQueue: DispatchQueue?) throws {
        self.item = item
        let url = item.url
        let bytes = try AudioFile.contents(of: url, limit: Self.inMemoryLimit)
        if bytes == nil { _ = try AudioFile.info(url) }
        if let hashQueue {
            hash = PendingResult(on: hashQueue) { try SHA256.hex(ofFileAt: url) }
        } else {
            hash = PendingResult(on: nil) { try bytes.map { SHA256.hex($0) } ?? SHA256.hex(ofFileAt: url) }
        }
        encoded = bytes.flatMap { AudioFile.decodesAlike(fromMemory: $0) ? $0 : nil }
    }

    /// The decoded track, `librosa.load(path, sr=sampleRate, mono=True)`; the encoded bytes are
    /// let go.
    mutating func decode(sampleRate: Int) throws -> DecodedAudio {
        let options = LoadOptions(sampleRate: sampleRate)
        guard let encoded else { return try AudioFile.load(item.url, options: options) }
        self.encoded = nil
        return try AudioFile.load(data: encoded, name: item.url.path, options: options)
    }

    /// The SHA-256 of the file's bytes (waits for it).
    func contentHash() throws -> String { try hash.value() }
}

/// A value computed on `queue` beside the caller's work, or at once on the caller's thread
/// without a queue; ``value()`` waits for it.
final class PendingResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once before `done` is signalled, read only after waiting on it.
    private var result: Result<Value, any Error>? = nil

    init(on queue: DispatchQueue?, _ work: @escaping @Sendable () throws -> Value) {
        guard let queue else {
            result = Result { try work() }
            done.signal()
            return
        }
        queue.async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    /// The value, or the error the work threw.
    func value() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
