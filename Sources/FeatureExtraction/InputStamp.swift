import Foundation

/// Size, modification time and, for a symbolic link, the resolved target of an input file.
/// Links are followed: the size and time are the target file's, so a changed target is noticed
/// (and a link pointed at another file is noticed by its target).
public struct InputStamp: Equatable, Sendable {
    let size: Int64
    /// Seconds since 1970, with the file system's sub-second part.
    let modified: Double
    /// The absolute path the input resolves to when it is (or passes through) a symbolic link.
    let target: String?

    /// The size of `url` (of its target for a link) in bytes.
    public static func size(of url: URL) throws -> Int { Int(try InputStamp(url).size) }

    init(_ url: URL) throws {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            let cause = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: cause])
        }
        size = Int64(status.st_size)
        modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        let resolved = url.resolvingSymlinksInPath().path
        target = resolved == url.standardizedFileURL.path ? nil : resolved
    }
}
