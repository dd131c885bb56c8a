import CFFTW
import Foundation

/// What a cached FFTW plan computes, always single precision and out of place.
enum FFTKind: Hashable, Sendable {
    /// One real frame of `size` samples → its `size/2 + 1` complex bins (interleaved re, im).
    /// The input is preserved.
    case realForward
    /// One frame of `size/2 + 1` complex bins → `size` real samples, unnormalised (FFTW's
    /// backward transform: multiply by `1/size` for the inverse DFT). The input is destroyed.
    case realInverse
}

/// An FFTW plan executed with the new-array functions, so one plan serves many threads at once
/// (FFTW manual, "Thread safety": only planning needs the lock). Arrays passed to ``execute`` must
/// be ``FFTBuffer``s, or pointers into one at a multiple of ``FFTBuffer/alignment`` floats.
final class FFTPlan: @unchecked Sendable {
    let kind: FFTKind
    private let plan: OpaquePointer

    fileprivate init(size: Int, kind: FFTKind, flags: UInt32) {
        self.kind = kind
        let bins = size / 2 + 1
        let plan: OpaquePointer?
        switch kind {
        case .realForward:
            let input = FFTBuffer(count: size), output = FFTBuffer(count: 2 * bins)
            plan = output.pointer.withMemoryRebound(to: fftwf_complex.self, capacity: bins) {
                fftwf_plan_dft_r2c_1d(Int32(size), input.pointer, $0, flags)
            }
        case .realInverse:
            let input = FFTBuffer(count: 2 * bins), output = FFTBuffer(count: size)
            plan = input.pointer.withMemoryRebound(to: fftwf_complex.self, capacity: bins) {
                fftwf_plan_dft_c2r_1d(Int32(size), $0, output.pointer, flags)
            }
        }
        guard let plan else { preconditionFailure("FFTW could not plan a \(kind) transform of \(size) points") }
        self.plan = plan
    }

    /// Runs the plan on `real` (the time side) and `complex` (the frequency side, interleaved).
    func execute(real: UnsafeMutablePointer<Float>, complex: UnsafeMutablePointer<Float>) {
        complex.withMemoryRebound(to: fftwf_complex.self, capacity: 1) { spectrum in
            switch kind {
            case .realForward: fftwf_execute_dft_r2c(plan, real, spectrum)
            case .realInverse: fftwf_execute_dft_c2r(plan, spectrum, real)
            }
        }
    }
}

/// Plans cached per (size, kind) for the life of the process (a plan is a few kilobytes).
/// FFTW's planner is not thread-safe, so every plan is created under this one lock; plans are
/// never destroyed, so no destruction can race a planner call.
enum FFTPlanCache {
    private struct Key: Hashable {
        let size: Int
        let kind: FFTKind
    }

    /// Plans by size and kind, read and written only under `lock` (a pthread mutex, which
    /// ThreadSanitizer sees, unlike `Synchronization.Mutex` on Linux).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var plans: [Key: FFTPlan] = [:]

    /// `FFTW_ESTIMATE`. Measured for n = 2048 (release build, 2 shared cores): ESTIMATE plans in
    /// ~1 ms and runs 3.5–4.5 µs/frame; MEASURE plans in 230–300 ms and runs 3.4–3.8 µs/frame, so
    /// it would need ~200 thirty-second clips to repay its planning — far more than one command.
    /// Batched `plan_many` plans (4–32 frames) ran slower (4.0–6.0 µs/frame), so frames are
    /// transformed one by one with the new-array execute function.
    private static let planningFlags = UInt32(FFTW_ESTIMATE)

    /// The plan for `size` and `kind`, created on first use.
    static func plan(size: Int, kind: FFTKind) -> FFTPlan {
        precondition(size > 0, "FFT size \(size) must be positive")
        return lock.withLock {
            let key = Key(size: size, kind: kind)
            if let plan = plans[key] { return plan }
            let plan = FFTPlan(size: size, kind: kind, flags: planningFlags)
            plans[key] = plan
            return plan
        }
    }
}

/// A zero-initialised Float buffer aligned to 64 bytes (enough for every SIMD alignment FFTW
/// plans for), freed on deinit. Allocation does not call FFTW, so it is safe on any thread.
final class FFTBuffer {
    /// Floats per 64 bytes: frames packed in one buffer start at multiples of this.
    static let alignment = 16

    /// `count` rounded up to a multiple of ``alignment``.
    static func alignedStride(_ count: Int) -> Int { (count + alignment - 1) / alignment * alignment }

    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.initializeMemory(as: Float.self, repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}
