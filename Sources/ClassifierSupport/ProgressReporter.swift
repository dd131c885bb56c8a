import Foundation

/// Reports the progress of a batch on standard error: a redrawn bar with items/s and ETA when stderr
/// is a terminal, a plain line every few seconds otherwise, nothing when quiet.
public final class ProgressReporter: Sendable {
    /// How progress is shown.
    public enum Style: Sendable {
        /// A bar on a terminal, periodic lines otherwise.
        case automatic
        /// Only what callers print themselves.
        case quiet
    }

    private struct State {
        var done = 0
        var failed = 0
        var lastPrint = Date.distantPast
    }

    private let total: Int
    private let noun: String
    private let label: String
    private let isTerminal: Bool
    private let enabled: Bool
    private let start = Date()
    private let state = Locked(State())
    /// Seconds between plain lines when stderr is not a terminal.
    private let lineInterval: TimeInterval = 5

    /// - Parameters:
    ///   - total: number of items the batch will process.
    ///   - noun: what an item is called in the output ("files", "samples").
    ///   - label: what the batch is, written before the bar (`member 2/3: `; default none).
    public init(total: Int, noun: String = "files", style: Style = .automatic, label: String = "") {
        self.total = total
        self.noun = noun
        self.label = label
        self.enabled = style == .automatic && total > 0
        self.isTerminal = isatty(STDERR_FILENO) == 1
    }

    /// Records `count` finished items (`failed` of which failed) and redraws when due.
    public func advance(by count: Int = 1, failed: Int = 0) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.done += count
            state.failed += failed
            let now = Date()
            let due =
                isTerminal
                ? now.timeIntervalSince(state.lastPrint) >= 0.1 : now.timeIntervalSince(state.lastPrint) >= lineInterval
            guard due || state.done == total else { return nil }
            state.lastPrint = now
            return render(done: state.done, failed: state.failed, elapsed: now.timeIntervalSince(start))
        }
        if let line { write(line) }
    }

    /// Ends the bar's line on a terminal.
    public func finish() {
        if enabled && isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func render(done: Int, failed: Int, elapsed: TimeInterval) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Self.clock(Double(total - done) / rate) : "--:--"
        let failures = failed > 0 ? ", \(failed) failed" : ""
        let counts = "\(done)/\(total) \(noun) \(String(format: "%.1f", rate)) \(noun)/s ETA \(eta)\(failures)"
        guard isTerminal else { return "progress: \(label)\(counts)\n" }
        let width = 30
        let filled = total > 0 ? width * done / total : width
        return "\r\(label)[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] "
            + counts + "\u{1B}[K"
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600
            ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
