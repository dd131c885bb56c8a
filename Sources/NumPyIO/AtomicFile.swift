import Foundation

/// Whole-file writes that never leave a half-written file under the final name: the bytes go to
/// `.<name>.<host>-<pid>.partial` in the same folder and are renamed over `url`.
/// A process killed mid-write leaves only the `.partial` file, which
/// ``removeStalePartials(below:)`` deletes on the next run.
public enum AtomicFile {
    static let suffix = ".partial"

    /// Writes `bytes` to `url` atomically; the error names the path.
    public static func write(_ bytes: some Collection<UInt8>, to url: URL, sync: Bool = false) throws(NPYError) {
        try write(chunks: [ByteChunk(Array(bytes))], to: url, sync: sync)
    }

    /// Writes the concatenation of `chunks` to `url` atomically. With `sync`, the data reach the
    /// disk before the rename (`fsync`), which survives power loss, not only a killed process.
    public static func write(chunks: [ByteChunk], to url: URL, sync: Bool = false) throws(NPYError) {
        let (partial, descriptor) = try createPartial(for: url)
        var failure: String? = nil
        for chunk in chunks where failure == nil {
            failure = chunk.withUnsafeBytes { raw in
                var written = 0
                while written < raw.count {
                    let n = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                    if n < 0 { if errno == EINTR { continue }; return String(cString: strerror(errno)) }
                    written += n
                }
                return nil
            }
        }
        if failure == nil, sync, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        try finish(partial, descriptor: descriptor, as: url, failure: failure)
    }

    /// Creates (truncating) the `.partial` file that will become `url`, open for writing.
    static func createPartial(for url: URL) throws(NPYError) -> (partial: URL, descriptor: Int32) {
        let partial = url.deletingLastPathComponent()
            .appending(
                path: ".\(url.lastPathComponent).\(ProcessInfo.processInfo.hostName)-\(getpid())\(suffix)",
                directoryHint: .notDirectory)
        let descriptor = open(partial.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io("\(url.path): cannot create \(partial.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        return (partial, descriptor)
    }

    /// Closes `descriptor`, then renames `partial` over `url` — or, when `failure` says why the
    /// write failed, deletes it and throws that reason.
    static func finish(_ partial: URL, descriptor: Int32, as url: URL, failure: String?) throws(NPYError) {
        close(descriptor)
        if let failure {
            unlink(partial.path)
            throw .io("\(url.path): write failed: \(failure)")
        }
        guard rename(partial.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial.path)
            throw .io("\(url.path): rename failed: \(reason)")
        }
    }

    /// Deletes `.partial` files below `folder` left by processes of this host that are no longer
    /// running (files of live processes and of other hosts are kept). Returns how many it removed.
    @discardableResult
    public static func removeStalePartials(below folder: URL) -> Int {
        let host = ProcessInfo.processInfo.hostName
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return 0
        }
        var removed = 0
        for case let url as URL in enumerator where url.lastPathComponent.hasSuffix(suffix) {
            let tag = url.lastPathComponent.dropLast(suffix.count).split(separator: ".").last ?? ""
            guard let dash = tag.lastIndex(of: "-"), tag[..<dash] == host,
                let pid = pid_t(tag[tag.index(after: dash)...]),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }
}
