#include "half.h"
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

static uint32_t bits_of(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static float float_of(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/* One float to a half, rounding to nearest with ties to even. */
static uint16_t half_of(float value) {
    uint32_t magnitude = bits_of(value) & 0x7fffffffu;
    uint16_t sign = (uint16_t)((bits_of(value) >> 16) & 0x8000u);
    if (magnitude > 0x7f800000u) return sign | 0x7e00u; /* NaN (quiet) */
    if (magnitude >= 0x477ff000u) return sign | 0x7c00u; /* >= 65520 rounds past 65504: infinity */
    if (magnitude < 0x38800000u) {
        /* Below the smallest normal half (2^-14): adding 0.5 (2^-1) lines the value up so that
         * the float addition itself rounds it to a multiple of 2^-24 (the subnormal step), ties to
         * even; the low bits are then the subnormal half. */
        float shifted = float_of(magnitude) + 0.5f;
        return sign | (uint16_t)(bits_of(shifted) - 0x3f000000u);
    }
    /* Normal: rebias the exponent (127 -> 15) and round the 13 dropped mantissa bits. */
    uint32_t odd = (magnitude >> 13) & 1u;
    uint32_t rounded = magnitude - ((127u - 15u) << 23) + 0x0fffu + odd;
    return sign | (uint16_t)(rounded >> 13);
}

/* One half to a float. */
static float float_of_half(uint16_t half) {
    uint32_t sign = ((uint32_t)half & 0x8000u) << 16;
    uint32_t exponent = (half >> 10) & 0x1fu, mantissa = half & 0x3ffu;
    if (exponent == 0) {
        float value = (float)mantissa * 5.9604644775390625e-8f; /* 2^-24: exact */
        return sign ? -value : value;
    }
    if (exponent == 31) return float_of(sign | 0x7f800000u | (mantissa << 13));
    return float_of(sign | ((exponent + 127u - 15u) << 23) | (mantissa << 13));
}

static ptrdiff_t floats_to_halves_portable(const float *in, uint16_t *out, size_t start, size_t n) {
    ptrdiff_t overflow = -1;
    for (size_t i = start; i < n; i++) {
        out[i] = half_of(in[i]);
        if (overflow < 0 && (out[i] & 0x7fffu) == 0x7c00u && (bits_of(in[i]) & 0x7fffffffu) < 0x7f800000u)
            overflow = (ptrdiff_t)i;
    }
    return overflow;
}

#if defined(__x86_64__)
static int hardware = -1; /* benign race: every thread computes the same value */

int audiocls_half_hardware(void) {
    if (hardware < 0) {
        unsigned eax, ebx, ecx, edx, low = 0, high = 0;
        int cpu = __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_OSXSAVE) && (ecx & bit_AVX) && (ecx & bit_F16C);
        if (cpu) __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        hardware = cpu && (low & 6) == 6;
    }
    return hardware;
}

/* Eight at a time with VCVTPS2PH (round to nearest even); an infinite half from a finite float
 * is an overflow. The compiler ends the function with vzeroupper. */
__attribute__((target("avx,f16c"))) static ptrdiff_t floats_to_halves_f16c(const float *in, uint16_t *out, size_t n) {
    const __m128i exponent = _mm_set1_epi16(0x7c00);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128i halves = _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT);
        _mm_storeu_si128((__m128i *)(out + i), halves);
        __m128i infinite = _mm_cmpeq_epi16(_mm_and_si128(halves, exponent), exponent);
        if (_mm_movemask_epi8(infinite)) {
            ptrdiff_t first = floats_to_halves_portable(in, out, i, i + 8);
            if (first >= 0) {
                for (i += 8; i + 8 <= n; i += 8)
                    _mm_storeu_si128((__m128i *)(out + i),
                                     _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT));
                floats_to_halves_portable(in, out, i, n);
                return first;
            }
        }
    }
    return floats_to_halves_portable(in, out, i, n);
}

__attribute__((target("avx,f16c"))) static void halves_to_floats_f16c(const uint16_t *in, float *out, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(in + i))));
    for (; i < n; i++) out[i] = float_of_half(in[i]);
}
#else
int audiocls_half_hardware(void) { return 0; }
#endif

ptrdiff_t audiocls_floats_to_halves(const float *in, uint16_t *out, size_t n, int portable) {
#if defined(__x86_64__)
    if (!portable && audiocls_half_hardware()) return floats_to_halves_f16c(in, out, n);
#endif
    return floats_to_halves_portable(in, out, 0, n);
}

void audiocls_halves_to_floats(const uint16_t *in, float *out, size_t n, int portable) {
#if defined(__x86_64__)
    if (!portable && audiocls_half_hardware()) {
        halves_to_floats_f16c(in, out, n);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++) out[i] = float_of_half(in[i]);
}
