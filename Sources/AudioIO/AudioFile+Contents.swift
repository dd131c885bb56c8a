import Foundation

extension AudioFile {
    /// The bytes of the file at `url` when it is a regular file of at most `limit` bytes, else
    /// `nil` (nothing is read): a caller that needs a small file's bytes twice — to decode them with
    /// ``load(data:name:options:)`` (when ``decodesAlike(fromMemory:)``) and to hash them — reads
    /// them once, with one `open`, `fstat` and `read`, instead of one `open` and many small reads
    /// per use.
    ///
    /// Throws what ``info(_:)`` throws for a missing or unreadable file, a folder or an empty
    /// file (as there, "empty" is a size of 0, which a FIFO or a device also has), and
    /// ``AudioIOError/readFailed(path:reason:)`` when reading fails.
    public static func contents(of url: URL, limit: Int) throws(AudioIOError) -> Data? {
        let path = url.path
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused as empty, unread).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path, errno: errno) }
        if status.st_mode & S_IFMT == S_IFDIR { throw .isDirectory(path: path) }
        if status.st_size == 0 { throw .emptyFile(path: path) }
        guard status.st_mode & S_IFMT == S_IFREG, status.st_size <= limit else { return nil }
        return try readAll(descriptor, count: Int(status.st_size), path: path)
    }

    /// Whether libsndfile tells the format of `bytes` (a file's contents) by their content — they
    /// open a container it knows by its magic number — so that decoding them from memory gives
    /// what decoding the file gives, errors included. For other bytes it also goes by the file's
    /// name (a headerless `.gsm`, `.vox` or `.mp3`), which bytes in memory do not have.
    public static func decodesAlike(fromMemory bytes: Data) -> Bool {
        AudioSource.isKnownContainer(magic: bytes.prefix(4))
    }

    /// Up to `count` bytes from `descriptor` (fewer if the file shrank since its `fstat`).
    private static func readAll(_ descriptor: Int32, count: Int, path: String) throws(AudioIOError) -> Data {
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        var done = 0
        while done < count {
            let got = read(descriptor, bytes + done, count - done)
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                bytes.deallocate()
                throw .readFailed(path: path, reason: reason)
            }
            done += got
        }
        return Data(bytesNoCopy: bytes, count: done, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }
}
