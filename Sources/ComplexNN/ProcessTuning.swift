/// The process-wide settings ComplexNN's speed figures assume (`bench/README.md`), applied only
/// when a program asks for them, because they change the whole process and not just this
/// library:
///
/// - glibc keeps freed memory for reuse (``MemoryTuning/keepFreedMemory()``): a training step
///   allocates and frees the same tens of megabytes every time;
/// - OpenBLAS runs every call on the calling thread: ComplexNN splits its products between the
///   cores itself, and OpenBLAS's own busy-waiting workers would take the cores from it
///   (measured: a CVCNN step at batch 32 on 2 cores, 20–28 ms with OpenBLAS's threads, 15.4 ms
///   without).
///
/// `audiocls` and `bench-cvcnn` call ``apply()`` once at start. Without it every result is the
/// same, only slower.
public enum ProcessTuning {
    /// Applies both settings; idempotent, so calling it again does nothing.
    public static func apply() {
        MemoryTuning.keepFreedMemory()
        singleThreadedBLAS()
    }
}
