import Foundation
import TestSupport

/// The commands of the built `audiocls`, read from argument-parser's own description of them
/// (`--experimental-dump-help`), and the option entries of a `--help` text.
enum CommandTree {
    struct Dump: Decodable {
        let command: Command
    }

    struct Command: Decodable {
        let commandName: String
        let arguments: [Argument]?
        let subcommands: [Command]?
    }

    struct Argument: Decodable {
        let kind: String
        let names: [Name]?
    }

    struct Name: Decodable {
        let name: String
    }

    /// Every command without subcommands (hidden ones included), as the words after `audiocls`,
    /// with the names of its flags.
    static func leaves() throws -> [(path: [String], flags: Set<String>)] {
        let result = try CommandRunner.run(["--experimental-dump-help"])
        let root = try JSONDecoder().decode(Dump.self, from: Data(result.stdout.utf8)).command
        func walk(_ command: Command, _ path: [String]) -> [(path: [String], flags: Set<String>)] {
            guard let subcommands = command.subcommands, !subcommands.isEmpty else {
                let flags = (command.arguments ?? []).filter { $0.kind == "flag" }.flatMap { $0.names ?? [] }
                return [(path, Set(flags.map(\.name)))]
            }
            return subcommands.flatMap { walk($0, path + [$0.commandName]) }
        }
        return walk(root, [])
    }

    /// The text of each argument and option in a `--help` output: its first line (indented two
    /// spaces) joined with the more deeply indented lines that continue it.
    static func helpEntries(_ help: String) -> [String] {
        var entries: [String] = [], open = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if open && line.hasPrefix("    ") {
                entries[entries.count - 1] += " " + text
            } else if line.hasPrefix("  ") && !text.isEmpty {
                entries.append(text)
                open = true
            } else {
                open = false
            }
        }
        return entries
    }
}
