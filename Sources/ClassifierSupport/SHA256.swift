import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4), used to key cached features by the content of their input file and to
/// check model bundles.
///
/// Computed by OpenSSL's libcrypto, which uses the CPU's SHA extensions where present
/// (≈ 1.8 GB/s here, against ≈ 0.3 GB/s for portable code).
public final class SHA256 {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto could not set up a SHA-256 context (out of memory?)")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds more bytes.
    public func update(_ bytes: some Collection<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Feeds more bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(EVP_DigestUpdate(context, base, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    /// The 32-byte digest as 64 lowercase hex characters; the hasher is spent afterwards.
    public func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32, "EVP_DigestFinal_ex failed")
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The digest of a whole byte collection.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The digest of a file's contents, read in 1 MiB blocks into one reused buffer.
    public static func hex(ofFileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let hasher = SHA256()
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { block.deallocate() }
        while true {
            let count = read(handle.fileDescriptor, block.baseAddress, block.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                let cause = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                throw CocoaError(
                    .fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: cause])
            }
            hasher.update(UnsafeRawBufferPointer(rebasing: block[..<count]))
        }
        return hasher.finalizeHex()
    }
}
