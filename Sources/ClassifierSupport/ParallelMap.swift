import Dispatch
import Synchronization

/// Applies `body` to every element on `jobs` threads, handing out elements in order as threads
/// free up, and returns the results in input order. Memory stays bounded by `jobs` items in flight.
public func parallelMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], jobs: Int, _ body: @Sendable (Element) -> Result
) -> [Result] {
    let next = Atomic<Int>(0)
    let results = Locked<[Result?]>(Array(repeating: nil, count: elements.count))
    DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, elements.count))) { _ in
        while true {
            let i = next.add(1, ordering: .relaxed).oldValue
            guard i < elements.count else { return }
            let value = body(elements[i])
            results.withLock { $0[i] = value }
        }
    }
    return results.withLock { $0.map { $0! } }
}
