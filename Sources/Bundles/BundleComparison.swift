import ComplexNN

/// How far apart two bundles of the same architecture are: the check (scripts/ci-mpi) that a
/// distributed run trained the same model as a single-process one.
public struct BundleComparison: Sendable, Equatable {
    /// The largest over all parameters and buffers (of every member of an ensemble) of
    /// max|a − b| / max|a| (each tensor's real and imaginary planes together; 0 when both are all
    /// zero).
    public let maxRelativeDifference: Double
    /// The tensor where ``maxRelativeDifference`` occurs.
    public let worstTensor: String
    /// Test segments each bundle classified correctly (`nil` without a test split).
    public let testSegmentsCorrect: (Int, Int)?

    /// Compares the weights and test results of `a` and `b`; throws when their tensors differ in
    /// names or shapes.
    public init(_ a: ModelBundle, _ b: ModelBundle) throws(BundleError) {
        let other = Dictionary(
            uniqueKeysWithValues: ModelBundle.namedState(of: b.members).map { ($0.name, $0.tensor) })
        var (worst, worstName) = (0.0, "")
        for (name, x) in ModelBundle.namedState(of: a.members) {
            guard let y = other[name], y.shape == x.shape, y.isComplex == x.isComplex else {
                throw BundleError(
                    b.directory.path, "has no tensor '\(name)' of shape \(x.shape) like \(a.directory.path)")
            }
            let first = x.real + (x.imaginary ?? []), second = y.real + (y.imaginary ?? [])
            let scale = first.reduce(0) { max($0, abs(Double($1))) }
            let difference = zip(first, second).reduce(0) { max($0, abs(Double($1.0) - Double($1.1))) }
            let relative = difference == 0 ? 0 : difference / scale
            if relative > worst || worstName.isEmpty { (worst, worstName) = (relative, name) }
        }
        (maxRelativeDifference, worstTensor) = (worst, worstName)
        func correct(_ bundle: ModelBundle) -> Int? {
            bundle.manifest.test.map { t in t.segments.confusion.indices.reduce(0) { $0 + t.segments.confusion[$1][$1] }
            }
        }
        testSegmentsCorrect = correct(a).flatMap { first in correct(b).map { (first, $0) } }
    }

    public static func == (lhs: BundleComparison, rhs: BundleComparison) -> Bool {
        lhs.maxRelativeDifference == rhs.maxRelativeDifference && lhs.worstTensor == rhs.worstTensor
            && lhs.testSegmentsCorrect?.0 == rhs.testSegmentsCorrect?.0
            && lhs.testSegmentsCorrect?.1 == rhs.testSegmentsCorrect?.1
    }
}
