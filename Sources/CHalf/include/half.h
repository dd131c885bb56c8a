#ifndef AUDIOCLS_HALF_H
#define AUDIOCLS_HALF_H
#include <stddef.h>
#include <stdint.h>

/* IEEE 754 binary16 ("half", NumPy's <f2) conversions for the feature store's --dtype float16.
 * Both directions use the CPU's F16C instructions when it has them and the OS saves AVX state,
 * else portable bit arithmetic with the same results (round to nearest, ties to even; subnormal
 * halves kept; NaN stays NaN). `portable` forces the portable code (for tests). */

/* Converts n floats to halves. Returns the index of the first finite input whose magnitude
 * rounds beyond the half range (|x| >= 65520, written as infinity), or -1 when there is none. */
ptrdiff_t audiocls_floats_to_halves(const float *in, uint16_t *out, size_t n, int portable);

/* Converts n halves to floats (exact: every half is a float). */
void audiocls_halves_to_floats(const uint16_t *in, float *out, size_t n, int portable);

/* Whether the F16C code is used. */
int audiocls_half_hardware(void);

#endif
