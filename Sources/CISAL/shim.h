#include <isa-l/crc.h>
#include <stdint.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

/* ISA-L 2.30's AVX-512 CRC (crc32_gzip_refl_by16_10) returns with the upper halves of the
 * vector registers dirty: it never executes vzeroupper. Every SSE instruction after it then
 * depends on those upper halves, and audiocls is compiled for baseline x86-64, i.e. SSE: measured
 * here, a divide loop ran 3.6 times slower after one CRC (and decoding a stereo track twice as
 * slow) until something cleared them. This wrapper clears them where the CPU and the system run
 * AVX code at all (checked once; vzeroupper is not an instruction elsewhere). */
static inline uint32_t audiocls_crc32_gzip_refl(uint32_t crc, const unsigned char *bytes, uint64_t count) {
    uint32_t result = crc32_gzip_refl(crc, bytes, count);
#if defined(__x86_64__)
    static int avx = -1; /* benign race: every thread computes the same value */
    if (avx < 0) {
        unsigned eax, ebx, ecx, edx, low = 0, high = 0;
        int cpu = __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_OSXSAVE) && (ecx & bit_AVX);
        if (cpu) __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        avx = cpu && (low & 6) == 6;
    }
    if (avx) __asm__ volatile("vzeroupper");
#endif
    return result;
}
