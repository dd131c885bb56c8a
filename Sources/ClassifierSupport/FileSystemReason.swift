import Foundation

/// The plain reason of a Foundation file-system error: the system's words for its POSIX cause
/// when it has one ("Not a directory", "Permission denied"), else its localized description —
/// never the `NSCocoaErrorDomain … UserInfo={…}` dump its `description` gives on Linux.
package func fileSystemReason(_ error: any Error) -> String {
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error {
        let cause = underlying as NSError
        if cause.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(cause.code))) }
    }
    return error.localizedDescription
}
