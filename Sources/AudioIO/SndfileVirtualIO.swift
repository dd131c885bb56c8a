import CSndfile
import Foundation

/// Bytes in memory presented to libsndfile as a read-only, seekable file (`sf_open_virtual`);
/// they are read where they are (not copied first).
final class MemoryStream {
    private let bytes: Data
    private var position: Int64 = 0

    init(_ data: Data) { bytes = data }

    fileprivate var length: Int64 { Int64(bytes.count) }

    fileprivate func seek(_ offset: Int64, whence: Int32) -> Int64 {
        let base: Int64
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = position
        case SEEK_END: base = length
        default: return -1
        }
        let target = base + offset
        guard target >= 0 else { return -1 }
        position = target
        return position
    }

    fileprivate func read(into destination: UnsafeMutableRawPointer, count: Int64) -> Int64 {
        let available = max(0, min(count, length - position))
        guard available > 0 else { return 0 }
        bytes.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
            destination.copyMemory(from: source.baseAddress! + Int(position), byteCount: Int(available))
        }
        position += available
        return available
    }

    fileprivate var tell: Int64 { position }
}

/// The callback table; `user_data` is an unretained `MemoryStream` kept alive by its handle.
let memoryStreamIO: SF_VIRTUAL_IO = {
    func stream(_ pointer: UnsafeMutableRawPointer?) -> MemoryStream {
        Unmanaged<MemoryStream>.fromOpaque(pointer!).takeUnretainedValue()
    }
    return SF_VIRTUAL_IO(
        get_filelen: { stream($0).length },
        seek: { offset, whence, user in stream(user).seek(offset, whence: whence) },
        read: { destination, count, user in stream(user).read(into: destination!, count: count) },
        write: { _, _, _ in 0 },
        tell: { stream($0).tell })
}()
