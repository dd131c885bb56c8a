/// The three zip records of an uncompressed (method 0) archive, as `np.savez` writes them:
/// a local header before each member, a central-directory entry per member, and the
/// end-of-central-directory record (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16). Times are
/// 1980-01-01 00:00, so equal arrays give equal files.
enum ZipRecords {
    /// Byte offset of the CRC-32 within a local header.
    static let localCRCOffset = 14
    /// Bytes of a local header before the member's name.
    static let localFixedSize = 30

    /// The fields local and central headers share: versions, flags, method, time, CRC, sizes, name length.
    private static func common(crc: UInt32, size: Int, nameLength: Int) -> [UInt8] {
        littleEndianBytes(UInt16(20)) + littleEndianBytes(UInt16(0)) + littleEndianBytes(UInt16(0))
            + littleEndianBytes(UInt16(0)) + littleEndianBytes(UInt16(0x21))  // time, date (1980-01-01)
            + littleEndianBytes(crc) + littleEndianBytes(UInt32(size))
            + littleEndianBytes(UInt32(size)) + littleEndianBytes(UInt16(nameLength))
            + littleEndianBytes(UInt16(0))
    }

    /// The local header of a member of `size` stored bytes.
    static func local(name: [UInt8], crc: UInt32, size: Int) -> [UInt8] {
        littleEndianBytes(UInt32(0x0403_4b50)) + common(crc: crc, size: size, nameLength: name.count) + name
    }

    /// The central-directory entry of a member whose local header starts at `offset`.
    static func central(name: [UInt8], crc: UInt32, size: Int, offset: Int) -> [UInt8] {
        littleEndianBytes(UInt32(0x0201_4b50)) + littleEndianBytes(UInt16(20))
            + common(crc: crc, size: size, nameLength: name.count)
            + littleEndianBytes(UInt16(0)) + littleEndianBytes(UInt16(0)) + littleEndianBytes(UInt16(0))
            + littleEndianBytes(UInt32(0)) + littleEndianBytes(UInt32(offset)) + name
    }

    /// The end record after a central directory of `directorySize` bytes at `directoryOffset`.
    static func end(entries: Int, directorySize: Int, directoryOffset: Int) -> [UInt8] {
        littleEndianBytes(UInt32(0x0605_4b50)) + littleEndianBytes(UInt16(0)) + littleEndianBytes(UInt16(0))
            + littleEndianBytes(UInt16(entries)) + littleEndianBytes(UInt16(entries))
            + littleEndianBytes(UInt32(directorySize)) + littleEndianBytes(UInt32(directoryOffset))
            + littleEndianBytes(UInt16(0))
    }
}
