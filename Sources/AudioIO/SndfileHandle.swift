import CSndfile
import Foundation

/// An open libsndfile stream: the only place AudioIO calls libsndfile. C status codes become
/// ``AudioIOError``s here; nothing of libsndfile's types leaves this file's API except `SF_INFO`
/// fields turned into Swift integers.
final class SndfileHandle {
    private static let openLock = NSLock()
    private let file: OpaquePointer
    private var isClosed = false
    /// Kept alive for the callbacks of an in-memory stream.
    private let memory: MemoryStream?
    let path: String
    let sampleRate: Int
    let channels: Int
    /// Frames libsndfile can deliver (for a truncated WAV/AIFF/AU: what the file really holds).
    let frames: Int64
    /// libsndfile's `SF_INFO.format` (major type | subtype).
    private let format: Int32

    private init(file: OpaquePointer, memory: MemoryStream?, path: String, info: SF_INFO) {
        self.file = file
        self.memory = memory
        self.path = path
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        frames = info.frames
        format = info.format
    }

    deinit { if !isClosed { sf_close(file) } }

    // MARK: - Reading

    /// Opens `source` for reading and checks its header: file-system errors, unknown format,
    /// malformed header, absurd values, data shorter than announced.
    static func open(_ source: AudioSource) throws(AudioIOError) -> SndfileHandle {
        try source.checkReadable()
        var info = SF_INFO()
        var memory: MemoryStream? = nil
        var failure = ""
        // libsndfile reports a failed open through one process-wide error slot: open and read
        // it under a lock so parallel decodes get their own message.
        let file = openLock.withLock { () -> OpaquePointer? in
            let opened: OpaquePointer?
            switch source {
            case .file(let url):
                opened = sf_open(url.path, Int32(SFM_READ), &info)
            case .memory(let data, _):
                let stream = MemoryStream(data)
                memory = stream
                var io = memoryStreamIO
                opened = sf_open_virtual(&io, Int32(SFM_READ), &info, Unmanaged.passUnretained(stream).toOpaque())
            }
            if opened == nil { failure = String(cString: sf_strerror(nil)) }
            return opened
        }
        guard let file else {
            if failure.contains("Permission denied") { throw .permissionDenied(path: source.path) }
            throw source.looksLikeKnownContainer()
                ? .malformedHeader(path: source.path, reason: Self.explain(failure))
                : .unsupportedFormat(path: source.path, reason: Self.explain(failure))
        }
        let handle = SndfileHandle(file: file, memory: memory, path: source.path, info: info)
        try handle.checkHeader()
        return handle
    }

    /// libsndfile's open failure, with two misleading texts made plain: its internal wording for a
    /// header whose sample rate or channel count is out of range (rejected before ``HeaderChecks``
    /// could), and "File does not exist…", which its MPEG reader gives for an existing regular file
    /// (``AudioSource/checkReadable()`` has passed) that holds no MPEG stream.
    private static func explain(_ failure: String) -> String {
        if failure.contains("SF_INFO struct incomplete") {
            return "invalid sample rate or channel count in the header (libsndfile: \(failure))"
        }
        if failure.contains("File does not exist or is not a regular file") { return "no decodable audio stream found" }
        return failure
    }

    private func checkHeader() throws(AudioIOError) {
        try HeaderChecks.checkPlausible(sampleRate: sampleRate, channels: channels, frames: frames, path: path)
        let riffOnly = [SF_FORMAT_W64, SF_FORMAT_RF64].contains(Int(format) & SF_FORMAT_TYPEMASK)
        if let announced = HeaderChecks.announcedFrames(
            log: log, frames: frames, channels: channels,
            bytesPerSample: SndfileFormatNames.bytesPerSample(format), riffOnly: riffOnly)
        {
            throw .truncatedData(path: path, announcedFrames: announced, readableFrames: frames)
        }
    }

    /// The header's description of the stream.
    var info: AudioInfo {
        AudioInfo(
            path: path, format: SndfileFormatNames.major(format), subtype: SndfileFormatNames.subtype(format),
            sampleRate: sampleRate, channels: channels, frames: frames)
    }

    /// libsndfile's log of what it parsed (`SFC_GET_LOG_INFO`).
    private var log: String {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let length = Int(sf_command(file, Int32(SFC_GET_LOG_INFO), &buffer, Int32(buffer.count)))
        return String(decoding: buffer.prefix(max(0, min(length, buffer.count))), as: UTF8.self)
    }

    /// libsndfile's message for the last error on this stream.
    var lastError: String { String(cString: sf_strerror(file)) }

    /// Moves the read position to `frame`.
    func seek(toFrame frame: Int64) throws(AudioIOError) {
        guard sf_seek(file, frame, SEEK_SET) == frame else {
            throw .readFailed(path: path, reason: "cannot seek to frame \(frame): \(lastError)")
        }
    }

    /// Reads up to `count` interleaved frames as normalised Float32 into `buffer`
    /// (capacity ≥ `count × channels`); returns the frames read.
    ///
    /// 16-bit PCM in the containers libsndfile reads with its PCM code is read as integers and
    /// scaled here (``PCM16``): the same floats — libsndfile's are each sample times 2⁻¹⁵ too —
    /// eight at a time instead of one by one.
    func readFrames(into buffer: UnsafeMutablePointer<Float>, count: Int) -> Int {
        guard PCM16.isPlain(format) else { return Int(sf_readf_float(file, buffer, Int64(count))) }
        let raw = UnsafeMutableRawPointer(buffer)
        let got = raw.withMemoryRebound(to: Int16.self, capacity: count * channels) {
            Int(sf_readf_short(file, $0, Int64(count)))
        }
        if got > 0 { PCM16.widenInPlace(raw, count: got * channels) }
        return got
    }

    // MARK: - Writing

    private init(writing file: OpaquePointer, path: String, info: SF_INFO) {
        self.file = file
        memory = nil
        self.path = path
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        frames = 0
        format = info.format
    }

    /// Creates `url` for writing with libsndfile format code `format`; floats beyond ±1 are
    /// clipped (not wrapped) when converted to integer PCM. No PEAK chunk is written: it carries a
    /// timestamp, and the same samples must give the same bytes.
    static func create(_ url: URL, format: Int32, sampleRate: Int, channels: Int) throws(AudioIOError) -> SndfileHandle
    {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = format
        guard sf_format_check(&info) == SF_TRUE else {
            throw .writeFailed(
                path: url.path,
                reason: "libsndfile cannot write this format with \(channels) channel(s) at \(sampleRate) Hz")
        }
        var failure = ""
        let file = openLock.withLock { () -> OpaquePointer? in
            let opened = sf_open(url.path, Int32(SFM_WRITE), &info)
            if opened == nil { failure = String(cString: sf_strerror(nil)) }
            return opened
        }
        guard let file else { throw .writeFailed(path: url.path, reason: failure) }
        sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        sf_command(file, Int32(SFC_SET_ADD_PEAK_CHUNK), nil, Int32(SF_FALSE))
        return SndfileHandle(writing: file, path: url.path, info: info)
    }

    /// Closes the stream, reporting a failure to finish the file (e.g. flushing an encoder).
    func close() throws(AudioIOError) {
        isClosed = true
        let status = sf_close(file)
        guard status == 0 else {
            throw .writeFailed(path: path, reason: "closing: \(String(cString: sf_error_number(status)))")
        }
    }

    /// Writes `count` interleaved frames from `buffer`.
    func writeFrames(_ buffer: UnsafePointer<Float>, count: Int) throws(AudioIOError) {
        guard sf_writef_float(file, buffer, Int64(count)) == Int64(count) else {
            throw .writeFailed(path: path, reason: lastError)
        }
    }
}
