#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide allocator settings for training loops.
public enum MemoryTuning {
    /// Asks glibc's allocator to keep freed memory for reuse instead of returning it to the
    /// system: every training step allocates and frees tens of megabytes of activations, and by
    /// default glibc unmaps them, so the next step pays a page fault per 4 KiB (measured: a
    /// CVCNN step at batch 32 takes 41 ms instead of 21 ms single-threaded). Sets
    /// `M_MMAP_THRESHOLD` to 256 MiB and `M_TRIM_THRESHOLD` to 1 GiB (the process then keeps up
    /// to 1 GiB of freed memory). Idempotent; a no-op where glibc's `mallopt` is absent.
    /// Part of ``ProcessTuning/apply()``; nothing in ComplexNN calls it by itself.
    public static func keepFreedMemory() {
        _ = applied
    }

    private static let applied: Bool = {
        #if canImport(Glibc)
            // mallopt is declared in <malloc.h>, which the Glibc module does not export.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return false }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
            return mallopt(mmapThreshold, 256 << 20) == 1 && mallopt(trimThreshold, 1 << 30) == 1
        #else
            return false
        #endif
    }()
}
