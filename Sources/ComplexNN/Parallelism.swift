import COpenBLAS
import Dispatch
import Foundation

// ComplexNN spreads its work over the cores itself — the two planes of a complex product, the
// rows of a real one, the blocks of an elementwise sweep — and runs OpenBLAS single-threaded.
// Measured on 2 cores (bench/cvcnn_step_vs_torch.py): OpenBLAS's own threads busy-wait for
// ~0.1 s after every call, so any loop that ran between two GEMMs on the second core was
// fought over and a CVCNN step took 20–28 ms; with the work split here it takes <TODO> ms.

/// The number of parts work is split into: the cores this process may use.
let coreCount = ProcessInfo.processInfo.activeProcessorCount

/// Runs `body(0..<tasks)` concurrently (the calling thread takes part) and returns when all
/// are done. The tasks must touch disjoint memory.
@inline(__always) func concurrently(_ tasks: Int, _ body: (Int) -> Void) {
    guard tasks > 1 else {
        if tasks == 1 { body(0) }
        return
    }
    singleThreadedBLAS()
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
@inline(__always) func parallelParts(count: Int, minimumPart: Int = parallelGrain, _ body: (Range<Int>) -> Void) {
    let parts = min(coreCount, max(1, count / minimumPart))
    concurrently(parts) { part in body((part * count / parts)..<((part + 1) * count / parts)) }
}

/// Makes OpenBLAS run every call on the calling thread (once per process; ComplexNN's GEMMs
/// are split between the cores by ``splitGEMM``).
func singleThreadedBLAS() { _ = blasThreadsLimited }

private let blasThreadsLimited: Void = openblas_set_num_threads(1)
