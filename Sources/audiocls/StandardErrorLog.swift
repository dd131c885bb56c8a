import ArgumentParser
import ClassifierSupport
import Foundation
import Logging

/// Where every log message of the process goes: standard error, one line each, in the format the
/// commands have always printed — notes and errors as they are (errors name their file, or start
/// with `Error:`), `warning: …`, and with `--verbose` `debug audiocls.training: …` naming the
/// area. Results (tables, JSON, CSV) are printed on standard output and never pass through here.
///
/// The level is one for the whole process (``level``): `.info` unless the command's
/// ``Verbosity`` flags ask otherwise (`audiocls run` sets it per step).
enum StandardErrorLog {
    private static let threshold = Locked(Logger.Level.info)

    /// The least severe level shown: `.info` by default, `.debug` with `--verbose`, `.warning`
    /// with `--quiet`.
    static var level: Logger.Level {
        get { threshold.withLock { $0 } }
        set { threshold.withLock { $0 = newValue } }
    }

    /// Progress bars show when notes do: not with `--quiet`.
    static var progressStyle: ProgressReporter.Style { level > .info ? .quiet : .automatic }

    /// Makes every `Logger` of the process write here; called once, before any logging.
    static func bootstrap() {
        LoggingSystem.bootstrap { StandardErrorLogHandler(label: $0) }
    }

    /// Adopts the level `command`'s `--verbose`/`--quiet` ask for (the level stays when it gives
    /// neither, or has no such flags) and returns the level before.
    @discardableResult
    static func adopt(_ command: any ParsableCommand) -> Logger.Level {
        let before = level
        if let asked = (command as? any ReportsOnStandardError)?.verbosity.level { level = asked }
        return before
    }

    /// `message` as a line of standard error at `level`, for the logger labelled `label`.
    static func line(_ message: Logger.Message, level: Logger.Level, label: String) -> String {
        switch level {
        case .trace, .debug: "debug \(label): \(message)"
        case .warning: "warning: \(message)"
        case .info, .notice, .error, .critical: "\(message)"
        }
    }
}

/// The swift-log handler behind ``StandardErrorLog``.
struct StandardErrorLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    /// A level set on one logger (`logger.logLevel = …`); otherwise the process-wide level.
    private var ownLevel: Logger.Level?

    init(label: String) { self.label = label }

    var logLevel: Logger.Level {
        get { ownLevel ?? StandardErrorLog.level }
        set { ownLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let line = StandardErrorLog.line(event.message, level: event.level, label: label)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
