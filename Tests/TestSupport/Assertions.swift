import Foundation
import Testing

/// Records a failure unless `actual` and `expected` agree elementwise within
/// `|a − e| ≤ atol + rtol·|e|` (NumPy's `allclose` rule), naming the worst element.
public func expectClose(
    _ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6,
    _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(
        actual.map(Double.init), expected.map(Double.init), rtol: Double(rtol), atol: Double(atol),
        what(), sourceLocation: sourceLocation)
}

/// Double-precision form of ``expectClose(_:_:rtol:atol:_:sourceLocation:)-(Float)``.
public func expectClose(
    _ actual: [Double], _ expected: [Double], rtol: Double = 1e-5, atol: Double = 1e-6,
    _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("\(what()): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    var worst: (index: Int, excess: Double)? = nil
    var failures = 0
    for i in actual.indices {
        let a = actual[i], e = expected[i]
        let limit = atol + rtol * abs(e)
        let diff = abs(a - e)
        if !(diff <= limit) || a.isNaN != e.isNaN {
            failures += 1
            let excess = diff.isNaN ? .infinity : diff - limit
            if worst == nil || excess > worst!.excess { worst = (i, excess) }
        }
    }
    if let worst {
        let i = worst.index
        Issue.record(
            "\(what()): \(failures) of \(actual.count) values differ beyond atol \(atol) + rtol \(rtol); worst at [\(i)]: \(actual[i]) vs \(expected[i])",
            sourceLocation: sourceLocation)
    }
}

/// The largest absolute difference between two equal-length arrays.
public func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "lengths \(a.count) and \(b.count) differ")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
