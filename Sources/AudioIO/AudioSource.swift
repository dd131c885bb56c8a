import Foundation

/// Where encoded audio comes from: a file, or bytes in memory decoded through libsndfile's
/// virtual I/O. Both go through the same ``SndfileHandle`` and decoder.
enum AudioSource {
    case file(URL)
    /// `name` stands in for a path in errors and ``AudioInfo/path``.
    case memory(Data, name: String)

    var path: String {
        switch self {
        case .file(let url): return url.path
        case .memory(_, let name): return name
        }
    }

    /// Throws the file-system errors libsndfile would only report vaguely: missing file,
    /// directory, permission denied, 0 bytes, and any other `stat` failure (a symbolic-link loop…)
    /// in the system's words.
    func checkReadable() throws(AudioIOError) {
        switch self {
        case .memory(let data, let name):
            if data.isEmpty { throw .emptyFile(path: name) }
        case .file(let url):
            let path = url.path
            var status = stat()
            guard stat(path, &status) == 0 else { throw .cannotOpen(path: path, errno: errno) }
            if status.st_mode & S_IFMT == S_IFDIR { throw .isDirectory(path: path) }
            if access(path, R_OK) != 0 { throw .permissionDenied(path: path) }
            if status.st_size == 0 { throw .emptyFile(path: path) }
        }
    }

    /// The first four bytes, used to tell a damaged known container from an unknown format.
    func magic() -> [UInt8] {
        switch self {
        case .memory(let data, _): return Array(data.prefix(4))
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
            defer { try? handle.close() }
            return Array((try? handle.read(upToCount: 4)) ?? Data())
        }
    }

    /// Whether `magic()` starts like a container libsndfile knows (RIFF/RIFX/RF64/W64, AIFF,
    /// AU, FLAC, Ogg, CAF).
    func looksLikeKnownContainer() -> Bool { Self.isKnownContainer(magic: magic()) }

    /// Whether the four bytes `magic` open a container libsndfile knows.
    static func isKnownContainer(magic: some Collection<UInt8>) -> Bool {
        let known: [String] = ["RIFF", "RIFX", "RF64", "riff", "FORM", ".snd", "dns.", "fLaC", "OggS", "caff"]
        return known.contains { $0.utf8.elementsEqual(magic) }
    }
}
