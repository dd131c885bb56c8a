import Dispatch
import Foundation
import Synchronization

/// The threads that run ``concurrently(_:_:)``'s tasks beside the calling thread: `coreCount − 1`
/// workers that keep polling for the next job for ``pollingTime`` after one ends, and only then
/// sleep.
///
/// `DispatchQueue.concurrentPerform`'s workers go to sleep as soon as a job ends, and waking a
/// sleeping thread takes 16–25 µs on the machines here (virtual CPUs without guest halt-polling):
/// the second core joined each job that much late, or not at all when the job was shorter, and a
/// CVCNN training step runs 26 such jobs (bench/README.md, "ComplexNN training step"). A polling
/// worker takes a job up within a microsecond. It polls only in the gaps between one caller's jobs,
/// for ``pollingTime`` at most.
///
/// One caller at a time: ``run(_:_:)`` returns false, having run nothing, while another thread's job
/// (or the job it is called from) holds the pool; ``concurrently(_:_:)`` then uses
/// `concurrentPerform`.
final class WorkerPool: @unchecked Sendable {
    /// The pool ``concurrently(_:_:)`` uses, started on first use.
    static let shared = WorkerPool(workers: coreCount - 1)

    /// How long an idle worker polls for the next job before it sleeps, in nanoseconds.
    static let pollingTime: UInt64 = 200_000

    /// A worker's sleep: `sleeping` is set while it waits (or is about to) on `wake`.
    private final class Sleeper: Sendable {
        let sleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
    }

    private let inUse = Atomic<Bool>(false)
    /// The current job as generation << 32 | tasks << 16 | next unclaimed task.
    private let ticket = Atomic<Int>(0)
    /// The current job's tasks that have returned.
    private let finished = Atomic<Int>(0)
    /// The current job's body; read only by a thread that has claimed one of its tasks.
    private var job: (Int) -> Void = { _ in }
    private let sleepers: [Sleeper]

    private init(workers: Int) {
        sleepers = (0..<max(0, workers)).map { _ in Sleeper() }
        for sleeper in sleepers {
            Thread { [self] in work(sleeper) }.start()
        }
    }

    /// Runs `body(0..<tasks)` on the calling thread and the workers, returning when every task has
    /// returned; false, having run nothing, when the pool is held or has no workers.
    func run(_ tasks: Int, _ body: (Int) -> Void) -> Bool {
        guard !sleepers.isEmpty, tasks < 1 << 16,
            inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else { return false }
        defer { inUse.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            job = body
            finished.store(0, ordering: .relaxed)
            let generation = (ticket.load(ordering: .relaxed) >> 32) + 1
            ticket.store(generation << 32 | tasks << 16, ordering: .sequentiallyConsistent)
            for sleeper in sleepers where sleeper.sleeping.exchange(false, ordering: .sequentiallyConsistent) {
                sleeper.wake.signal()
            }
            runTasks(of: generation)
            while finished.load(ordering: .acquiring) < tasks {}
            job = { _ in }  // no reference to `body` may outlive this closure
        }
        return true
    }

    /// Claims and runs tasks of job `generation` until none is left.
    private func runTasks(of generation: Int) {
        var current = ticket.load(ordering: .acquiring)
        while current >> 32 == generation, current & 0xFFFF < (current >> 16) & 0xFFFF {
            let (claimed, seen) = ticket.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if claimed {
                runTask(current & 0xFFFF)
                finished.add(1, ordering: .releasing)
            }
            current = claimed ? ticket.load(ordering: .acquiring) : seen
        }
    }

    /// Calls the job's body; its copy of the closure is released before this returns.
    @inline(never) private func runTask(_ task: Int) { job(task) }

    private func work(_ sleeper: Sleeper) {
        var generation = 0
        while true {
            generation = nextJob(after: generation, sleeper)
            runTasks(of: generation)
        }
    }

    /// Waits for a job newer than `generation` (polling, then sleeping) and returns its generation.
    private func nextJob(after generation: Int, _ sleeper: Sleeper) -> Int {
        var start = DispatchTime.now().uptimeNanoseconds, polls = 0
        while true {
            let current = ticket.load(ordering: .acquiring) >> 32
            if current != generation { return current }
            polls += 1
            guard polls % 64 == 0, DispatchTime.now().uptimeNanoseconds - start > Self.pollingTime else { continue }
            sleeper.sleeping.store(true, ordering: .sequentiallyConsistent)
            if ticket.load(ordering: .sequentiallyConsistent) >> 32 == generation { sleeper.wake.wait() }
            sleeper.sleeping.store(false, ordering: .relaxed)
            start = DispatchTime.now().uptimeNanoseconds
        }
    }
}
