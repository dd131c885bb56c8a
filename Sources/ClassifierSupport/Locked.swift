import Foundation

/// A value shared between threads, reached only through ``withLock(_:)``.
///
/// Used instead of `Synchronization.Mutex`, whose Linux implementation locks with futex calls
/// that ThreadSanitizer does not model (it reports every access under the lock as a race), so
/// `scripts/sanitize thread` can check the batch code; this lock is a pthread mutex (`NSLock`).
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
