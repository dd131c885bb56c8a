import Foundation

/// Why reading or writing an audio file failed. Every case names the file (or, for audio decoded
/// from memory, the name the caller gave it) and the reason; ``description`` reads
/// `"<path>: <reason>"`, e.g. `"/x/y.wav: truncated data: header says 48000 frames, only 1200 could be read"`.
public enum AudioIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case missingFile(path: String)
    /// The path names a directory.
    case isDirectory(path: String)
    /// The file exists but this process may not read it.
    case permissionDenied(path: String)
    /// The file has 0 bytes.
    case emptyFile(path: String)
    /// libsndfile recognises no format it supports; `reason` is its `sf_strerror` text.
    case unsupportedFormat(path: String, reason: String)
    /// The container is recognised (by its magic bytes) but its header is truncated or malformed;
    /// `reason` is libsndfile's text.
    case malformedHeader(path: String, reason: String)
    /// The header announces more audio than the file holds.
    case truncatedData(path: String, announcedFrames: Int64, readableFrames: Int64)
    /// libsndfile failed while reading or seeking; `reason` is its message.
    case readFailed(path: String, reason: String)
    /// The file holds no audio frames.
    case noFrames(path: String)
    /// A float file holds NaN or ±Inf; `frame` is the index (in the file) of the first one.
    case nonFiniteSample(path: String, frame: Int64, channel: Int)
    /// Finite samples so large (near ±3.4e38) that downmixing or resampling overflowed Float32;
    /// `frame` and `channel` locate the first overflowed sample of the decoded output.
    case sampleOverflow(path: String, frame: Int, channel: Int)
    /// A header field has a value no real recording has (e.g. a sample rate of 0 Hz).
    case absurdHeader(path: String, field: String, value: Int64, limit: String)
    /// libsoxr refused or failed; `reason` is its message.
    case resamplerFailure(path: String, reason: String)
    /// A caller-supplied parameter is out of range.
    case badParameter(path: String, name: String, value: String, reason: String)
    /// Writing failed; `reason` says at which step.
    case writeFailed(path: String, reason: String)

    /// The file (or in-memory name) the error is about.
    public var path: String {
        switch self {
        case .missingFile(let path), .isDirectory(let path), .permissionDenied(let path),
            .emptyFile(let path), .noFrames(let path),
            .unsupportedFormat(let path, _), .malformedHeader(let path, _),
            .truncatedData(let path, _, _), .nonFiniteSample(let path, _, _), .sampleOverflow(let path, _, _),
            .absurdHeader(let path, _, _, _), .resamplerFailure(let path, _), .readFailed(let path, _),
            .badParameter(let path, _, _, _), .writeFailed(let path, _):
            return path
        }
    }

    /// What went wrong, without the path.
    public var reason: String {
        switch self {
        case .missingFile: return "no such file"
        case .isDirectory: return "is a directory, not an audio file"
        case .permissionDenied: return "permission denied"
        case .emptyFile: return "empty file (0 bytes)"
        case .unsupportedFormat(_, let reason): return "unrecognised or unsupported format: \(reason)"
        case .malformedHeader(_, let reason): return "truncated or malformed header: \(reason)"
        case .truncatedData(_, let announced, let readable):
            return "truncated data: header says \(announced) frames, only \(readable) could be read"
        case .readFailed(_, let reason): return "read failed: \(reason)"
        case .noFrames: return "no audio frames (0 frames)"
        case .nonFiniteSample(_, let frame, let channel):
            return "non-finite sample (NaN or Inf) at frame \(frame), channel \(channel)"
        case .sampleOverflow(_, let frame, let channel):
            return
                "sample values too large: downmixing or resampling overflowed Float32 at output frame \(frame), channel \(channel)"
        case .absurdHeader(_, let field, let value, let limit):
            return "absurd header value: \(field) = \(value) (must be \(limit))"
        case .resamplerFailure(_, let reason): return "resampler failed: \(reason)"
        case .badParameter(_, let name, let value, let reason): return "bad parameter \(name)=\(value): \(reason)"
        case .writeFailed(_, let reason): return "write failed: \(reason)"
        }
    }

    public var description: String { "\(path): \(reason)" }

    /// The error for a `stat` or `open` of `path` that failed with `errno`.
    static func cannotOpen(path: String, errno: Int32) -> AudioIOError {
        switch errno {
        case EACCES: .permissionDenied(path: path)
        case ENOENT: .missingFile(path: path)
        // e.g. ELOOP (a symbolic-link loop), ENAMETOOLONG, ENOTDIR: the system's own words.
        default: .readFailed(path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
    }
}
