import Foundation

/// The `.npz` format: a zip archive of `.npy` members named `KEY.npy`, as `np.savez` writes it.
///
/// Members are written uncompressed (zip method 0, like `np.savez`); reading accepts stored
/// members with or without zip64 extra fields. `np.savez_compressed` archives are rejected with a
/// clear reason rather than misread.
public enum NPZArchive {
    /// Serialises named arrays; members are written in the order of `arrays`.
    public static func encode(_ arrays: [(name: String, array: NPYArray)]) throws(NPYError) -> [UInt8] {
        try chunks(arrays).flatMap(\.bytes)
    }

    /// The archive as a list of byte chunks whose concatenation is the file: headers are small
    /// new arrays, array data is each `NPYArray.payload` itself, so writing copies nothing large.
    static func chunks(_ arrays: [(name: String, array: NPYArray)]) throws(NPYError) -> [ByteChunk] {
        var out: [ByteChunk] = []
        var offset = 0
        var central: [UInt8] = []
        for (name, array) in arrays {
            let fileName = Array((name + ".npy").utf8)
            let header = NPYFormat.header(for: array)
            let size = header.count + array.payload.count
            guard offset + size + 30 + fileName.count < Int(UInt32.max) else {
                throw .unsupported("archives over 4 GiB")
            }
            let crc = header.withUnsafeBytes { h in
                array.payload.withUnsafeBytes { CRC32.update(CRC32.update(0, h), $0) }
            }
            central += ZipRecords.central(name: fileName, crc: crc, size: size, offset: offset)
            let local = ZipRecords.local(name: fileName, crc: crc, size: size)
            out += [ByteChunk(local + header), array.payload]
            offset += local.count + size
        }
        out.append(
            ByteChunk(
                central + ZipRecords.end(entries: arrays.count, directorySize: central.count, directoryOffset: offset)))
        return out
    }

    /// Parses an archive into its arrays, keyed by member name without `.npy`.
    public static func decode(_ data: [UInt8]) throws(NPYError) -> [String: NPYArray] {
        let reader = ByteReader(data)
        guard data.count >= 22,
            let end = (0...(data.count - 22)).reversed().first(where: { reader.u32($0) == 0x0605_4b50 })
        else { throw .badHeader("not a zip archive (no end-of-central-directory record)") }
        let entryCount = Int(reader.u16(end + 10))
        var cursor = Int(reader.u32(end + 16))
        var arrays: [String: NPYArray] = [:]
        for _ in 0..<entryCount {
            guard cursor + 46 <= data.count, reader.u32(cursor) == 0x0201_4b50 else {
                throw .badHeader("central directory entry at byte \(cursor) is damaged")
            }
            let method = reader.u16(cursor + 10)
            var size = Int(reader.u32(cursor + 24))
            let nameLength = Int(reader.u16(cursor + 28))
            let extraLength = Int(reader.u16(cursor + 30))
            let commentLength = Int(reader.u16(cursor + 32))
            var localOffset = Int(reader.u32(cursor + 42))
            let nameStart = cursor + 46
            guard nameStart + nameLength + extraLength <= data.count else { throw .truncated("central directory") }
            let name = String(decoding: data[nameStart..<nameStart + nameLength], as: UTF8.self)
            if size == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                (size, localOffset) = try zip64Values(
                    reader, extraAt: nameStart + nameLength, length: extraLength,
                    size: size, offset: localOffset)
            }
            guard method == 0 else {
                throw .unsupported("member \(name) is compressed (method \(method)); write archives with np.savez")
            }
            guard localOffset <= data.count - 30, reader.u32(localOffset) == 0x0403_4b50 else {
                throw .badHeader("local header of \(name) is damaged")
            }
            let payloadStart = localOffset + 30 + Int(reader.u16(localOffset + 26)) + Int(reader.u16(localOffset + 28))
            guard payloadStart <= data.count, size <= data.count - payloadStart else {
                throw .truncated("member \(name)")
            }
            let payload = data[payloadStart..<payloadStart + size]
            guard CRC32.checksum(payload) == reader.u32(cursor + 16) else {
                throw .badHeader("member \(name) fails its CRC")
            }
            let key = name.hasSuffix(".npy") ? String(name.dropLast(4)) : name
            arrays[key] = try NPYFormat.decode(payload)
            cursor = nameStart + nameLength + extraLength + commentLength
        }
        return arrays
    }

    /// Reads a `.npz` file.
    public static func read(_ url: URL) throws(NPYError) -> [String: NPYArray] {
        do { return try decode(try readBytes(url)) } catch {
            throw .io("\(url.path): \(error)")
        }
    }

    /// Writes a `.npz` file atomically (temporary file, then rename).
    public static func write(_ arrays: [(name: String, array: NPYArray)], to url: URL) throws(NPYError) {
        try AtomicFile.write(chunks: try chunks(arrays), to: url)
    }

    private static func zip64Values(_ reader: ByteReader, extraAt start: Int, length: Int, size: Int, offset: Int)
        throws(NPYError) -> (Int, Int)
    {
        var p = start
        while p + 4 <= start + length {
            let id = reader.u16(p), fieldLength = Int(reader.u16(p + 2))
            guard p + 4 + fieldLength <= min(start + length, reader.bytes.count), fieldLength >= 8 else { break }
            if id == 0x0001 {
                var q = p + 4
                var (newSize, newOffset) = (size, offset)
                // Order: uncompressed size, compressed size, local header offset; each only if its 32-bit field is full.
                if size == 0xFFFF_FFFF { newSize = Int(clamping: reader.u64(q)); q += 16 }
                if offset == 0xFFFF_FFFF, q + 8 <= p + 4 + fieldLength { newOffset = Int(clamping: reader.u64(q)) }
                return (newSize, newOffset)
            }
            p += 4 + fieldLength
        }
        throw .badHeader("zip64 sizes announced but no zip64 field")
    }
}

/// Little-endian reads from a byte array; callers check bounds first.
struct ByteReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func u16(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
