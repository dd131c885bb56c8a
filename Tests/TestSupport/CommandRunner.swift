import Foundation

/// What a finished command printed and returned.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs the built `audiocls` executable, the way a user would.
public enum CommandRunner {
    /// Why the executable could not be run.
    public struct NotFound: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "\(path): no audiocls executable; build it first (swift build --build-tests builds it too)"
        }
    }

    /// The products directory (`.build/<config>/`): where this test executable lives.
    public static var productsDirectory: URL {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On platforms where the tests are a bundle, climb out of `*.xctest/Contents/...`.
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory
    }

    /// `productsDirectory/audiocls`.
    public static var executable: URL { productsDirectory.appendingPathComponent("audiocls") }

    /// Starts `audiocls arguments…` with its output discarded and returns at once, so a test can
    /// interrupt it (`process.terminate()`, or `kill(process.processIdentifier, SIGKILL)`).
    public static func start(_ arguments: [String]) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw NotFound(path: executable.path)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `audiocls arguments…` to completion; stdout and stderr go through temporary files,
    /// so large outputs cannot block the child. `environment` adds to (or replaces) this
    /// process's variables; `input` is fed to standard input.
    public static func run(
        _ arguments: [String], currentDirectory: URL? = nil, environment: [String: String] = [:], input: Data? = nil
    ) throws -> CommandResult {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw NotFound(path: executable.path)
        }
        let scratch = TemporaryDirectory()
        let outURL = scratch.file("stdout"), errURL = scratch.file("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let input {
            let inURL = scratch.file("stdin")
            try input.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CommandResult(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}
