import Foundation

/// A `.npz` written piece by piece, for arrays too large to hold whole: the layout (every
/// member's header and place in the file) is fixed up front from the shapes, pieces are written
/// into their places in any order, and ``finish()`` reads the members back to fill in their
/// CRC-32s, appends the central directory and renames the file into place (like ``AtomicFile``,
/// nothing appears under the final name before it is complete). The file is byte for byte the
/// one ``NPZArchive/write(_:to:)`` writes for the same arrays.
public final class NPZStreamWriter {
    /// One array of the archive, by name, element type and C-order shape.
    public struct Member: Sendable {
        public let name: String
        public let dtype: NPYArray.DType
        public let shape: [Int]

        public init(name: String, dtype: NPYArray.DType, shape: [Int]) {
            (self.name, self.dtype, self.shape) = (name, dtype, shape)
        }

        var fileName: [UInt8] { Array((name + ".npy").utf8) }
        var payloadSize: Int { shape.reduce(1, *) * dtype.size }
    }

    private let url: URL
    private let partial: URL
    private let descriptor: Int32
    private let members: [Member]
    /// Where each member's local header starts, and where its array bytes start.
    private let headerOffsets: [Int], payloadOffsets: [Int]
    private var closed = false

    /// Creates the `.partial` file beside `url` with every header in place (CRCs still zero).
    public init(url: URL, members: [Member]) throws(NPYError) {
        (self.url, self.members) = (url, members)
        (partial, descriptor) = try AtomicFile.createPartial(for: url)
        var (headers, payloads, offset) = ([Int](), [Int](), 0)
        do throws(NPYError) {
            for member in members {
                let header = NPYFormat.header(dtype: member.dtype, shape: member.shape)
                let size = header.count + member.payloadSize
                guard offset + size + ZipRecords.localFixedSize + member.fileName.count < Int(UInt32.max) else {
                    throw .unsupported("archives over 4 GiB")
                }
                let local = ZipRecords.local(name: member.fileName, crc: 0, size: size)
                try Self.write(local + header, at: offset, to: descriptor, url: url)
                headers.append(offset)
                payloads.append(offset + local.count + header.count)
                offset += local.count + size
            }
        } catch {
            _ = try? AtomicFile.finish(partial, descriptor: descriptor, as: url, failure: "\(error)")
            throw error
        }
        (headerOffsets, payloadOffsets) = (headers, payloads)
    }

    deinit {
        if !closed { try? AtomicFile.finish(partial, descriptor: descriptor, as: url, failure: "abandoned") }
    }

    /// Writes columns `columns` of the member `member` of shape `[rows, columns, inner…]`: `bytes`
    /// holds those columns of every row, row-major (`rows × columns.count × inner…` elements).
    public func write(_ member: Int, columns: Range<Int>, bytes: UnsafeRawBufferPointer) throws(NPYError) {
        let shape = members[member].shape
        precondition(shape.count >= 2 && columns.upperBound <= shape[1], "columns \(columns) of shape \(shape)")
        let size = members[member].dtype.size * shape.dropFirst(2).reduce(1, *)
        let rowBytes = columns.count * size
        precondition(bytes.count == shape[0] * rowBytes, "\(bytes.count) bytes for \(shape[0]) rows of \(columns)")
        for row in 0..<shape[0] {
            let offset = payloadOffsets[member] + (row * shape[1] + columns.lowerBound) * size
            try Self.write(
                UnsafeRawBufferPointer(rebasing: bytes[row * rowBytes..<(row + 1) * rowBytes]), at: offset,
                to: descriptor, url: url)
        }
    }

    /// Writes the whole of member `member`.
    public func write(_ member: Int, array: NPYArray) throws(NPYError) {
        precondition(array.dtype == members[member].dtype && array.shape == members[member].shape)
        var failure: NPYError? = nil
        array.payload.withUnsafeBytes { bytes in
            do throws(NPYError) { try Self.write(bytes, at: payloadOffsets[member], to: descriptor, url: url) } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Fills in the CRCs (reading each member back), writes the central directory and renames
    /// the file into place.
    public func finish() throws(NPYError) {
        closed = true
        do throws(NPYError) {
            var central: [UInt8] = []
            for (i, member) in members.enumerated() {
                let start = headerOffsets[i] + ZipRecords.localFixedSize + member.fileName.count
                let size = payloadOffsets[i] + member.payloadSize - start
                let crc = try Self.crc(of: start..<start + size, in: descriptor, url: url)
                try Self.write(
                    littleEndianBytes(crc), at: headerOffsets[i] + ZipRecords.localCRCOffset, to: descriptor, url: url)
                central += ZipRecords.central(name: member.fileName, crc: crc, size: size, offset: headerOffsets[i])
            }
            let end = (payloadOffsets.last ?? 0) + (members.last?.payloadSize ?? 0)
            let record = ZipRecords.end(entries: members.count, directorySize: central.count, directoryOffset: end)
            try Self.write(central + record, at: end, to: descriptor, url: url)
        } catch {
            // Deletes the partial file and throws the reason.
            try AtomicFile.finish(partial, descriptor: descriptor, as: url, failure: "\(error)")
            return
        }
        try AtomicFile.finish(partial, descriptor: descriptor, as: url, failure: nil)
    }

    // MARK: - File access

    private static func write(_ bytes: [UInt8], at offset: Int, to descriptor: Int32, url: URL) throws(NPYError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
        defer { copy.deallocate() }
        copy.copyBytes(from: bytes)
        try write(UnsafeRawBufferPointer(copy), at: offset, to: descriptor, url: url)
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, at offset: Int, to descriptor: Int32, url: URL)
        throws(NPYError)
    {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io("\(url.path): write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    /// The CRC-32 of bytes `range` of the file, read back in 4 MiB blocks.
    private static func crc(of range: Range<Int>, in descriptor: Int32, url: URL) throws(NPYError) -> UInt32 {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 64)
        defer { block.deallocate() }
        var (crc, offset) = (UInt32(0), range.lowerBound)
        while offset < range.upperBound {
            let n = pread(descriptor, block.baseAddress!, min(block.count, range.upperBound - offset), off_t(offset))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io("\(url.path): read-back failed: \(String(cString: strerror(errno)))") }
            crc = CRC32.update(crc, UnsafeRawBufferPointer(rebasing: block[..<n]))
            offset += n
        }
        return crc
    }
}
