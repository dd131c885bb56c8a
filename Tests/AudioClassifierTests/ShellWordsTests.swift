import Pipelines
import Testing

/// ``ShellWords`` splits like `sh` does (compared with what `sh -c 'printf "%s\n" …'` prints).
@Suite struct ShellWordsTests {
    @Test(arguments: [
        ("a b  c", ["a", "b", "c"]),
        ("--title 'two words'", ["--title", "two words"]),
        (#"say "a \"quoted\" word" \$x"#, ["say", #"a "quoted" word"#, "$x"]),
        (#""back\slash" it\'s"#, [#"back\slash"#, "it's"]),
        ("''", [""]),
        ("x'y'\"z\"", ["xyz"]),
    ])
    func splitsLikeAShell(line: String, words: [String]) throws {
        #expect(try ShellWords.split(line) == words)
        #expect(try ShellWords.split(ShellWords.join(words)) == words, "join is its inverse")
    }

    @Test func anOpenQuoteIsAnError() {
        #expect { try ShellWords.split("a 'b") } throws: { ($0 as? ShellWords.Unterminated)?.character == "'" }
        #expect { try ShellWords.split("a \"b") } throws: { ($0 as? ShellWords.Unterminated)?.character == "\"" }
    }
}
