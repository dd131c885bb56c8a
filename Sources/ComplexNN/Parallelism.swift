import COpenBLAS
import Dispatch
import Foundation

// ComplexNN spreads its work over the cores itself — the two planes of a complex product, the
// rows of a real one, the blocks of an elementwise sweep — and is fastest with OpenBLAS
// single-threaded, which ``ProcessTuning/apply()`` sets for the whole process (on request only).
// Measured on the CVCNN training step (2 cores, bench-cvcnn): with OpenBLAS's own two threads,
// whose workers busy-wait (up to ~0.1 s) for the next call and so take the second core from
// every loop run between two products, a step took 20–28 ms; with the same products and loops
// split here, 15.4 ms.

/// The number of cores work is split over: `OPENBLAS_NUM_THREADS` when set to a positive number
/// (the usual cap on a BLAS program's threads, e.g. one per MPI rank), else every core this
/// process may use.
let coreCount: Int = {
    if let value = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"], let n = Int(value), n > 0 {
        return n
    }
    return ProcessInfo.processInfo.activeProcessorCount
}()

/// Runs `body(0..<tasks)` concurrently (the calling thread takes part) and returns when all
/// are done: on ``WorkerPool``'s threads, or through `concurrentPerform` when another job holds
/// them. The tasks must touch disjoint memory.
func concurrently(_ tasks: Int, _ body: (Int) -> Void) {
    guard tasks > 1 else {
        if tasks == 1 { body(0) }
        return
    }
    if WorkerPool.shared.run(tasks, body) { return }
    withoutActuallyEscaping(body) { body in
        // The tasks write disjoint elements of buffers that outlive this call.
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: tasks) { work($0) }
    }
}

/// The fewest elements an elementwise sweep hands to a core: below it, starting the second
/// core costs more than it saves.
let parallelGrain = 1 << 15

/// Runs `body` on contiguous parts of 0..<count, concurrently on the available cores when
/// there are at least `minimumPart` elements per part.
func parallelParts(count: Int, minimumPart: Int = parallelGrain, _ body: (Range<Int>) -> Void) {
    let parts = partCount(count, minimumPart: minimumPart)
    concurrently(parts) { part in body(partRange(part, of: parts, count: count)) }
}

/// How many parts ``parallelParts(count:minimumPart:_:)`` splits `count` elements into: one per
/// core, fewer when a part would hold less than `minimumPart` elements.
func partCount(_ count: Int, minimumPart: Int) -> Int { min(coreCount, max(1, count / minimumPart)) }

/// Part `part` of 0..<count split into `parts` contiguous parts of nearly equal size.
func partRange(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
    (part * count / parts)..<((part + 1) * count / parts)
}

/// Makes OpenBLAS run every call on the calling thread (once per process; ComplexNN's GEMMs
/// are split between the cores by ``splitGEMM``). Part of ``ProcessTuning/apply()``.
func singleThreadedBLAS() { _ = blasThreadsLimited }

/// One thread for every call, and the worker threads OpenBLAS (pthread build) started when it was
/// loaded stopped: `openblas_set_num_threads(1)` leaves them busy-waiting with `sched_yield` for
/// about 0.1 s, the whole life of a cold `predict`, on the core its products are split onto
/// (bench/README.md, issue #17). `blas_thread_shutdown_` is looked up rather than linked:
/// OpenBLAS's serial build, which Debian can select at run time, has no threads and no such symbol.
private let blasThreadsLimited: Void = {
    openblas_set_num_threads(1)
    typealias Shutdown = @convention(c) () -> Int32
    if let shutdown = dlsym(nil, "blas_thread_shutdown_") { _ = unsafeBitCast(shutdown, to: Shutdown.self)() }
}()
