import Foundation
import Logging

/// Keeps what a `Logger` is given, so that a test can check the messages and their levels without
/// bootstrapping the process's logging system:
///
/// ```swift
/// let recorder = LogRecorder()
/// training.logger = recorder.logger()
/// #expect(recorder.messages(at: .info).contains { $0.hasPrefix("data: ") })
/// ```
public final class LogRecorder: @unchecked Sendable {
    /// One logged message.
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
    }

    private let lock = NSLock()
    private var recorded: [Entry] = []

    public init() {}

    /// Everything logged so far, in order.
    public var entries: [Entry] { lock.withLock { recorded } }

    /// The messages logged at exactly `level`.
    public func messages(at level: Logger.Level) -> [String] {
        entries.filter { $0.level == level }.map(\.message)
    }

    /// A logger that records here every message at `level` or more severe (default: all).
    public func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in Handler(recorder: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func record(_ entry: Entry) { lock.withLock { recorded.append(entry) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) { recorder.record(Entry(level: event.level, message: "\(event.message)")) }
    }
}
