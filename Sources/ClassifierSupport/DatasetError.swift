/// Why a dataset could not be listed; each problem names the file (and line for manifests).
public struct DatasetError: Error, CustomStringConvertible, Equatable {
    /// Every problem found, one per line, e.g. `data.csv:4: file not found: a/b.wav`.
    public var problems: [String]

    public init(_ problems: [String]) { self.problems = problems }
    public init(_ problem: String) { self.problems = [problem] }

    public var description: String { problems.joined(separator: "\n") }
}
