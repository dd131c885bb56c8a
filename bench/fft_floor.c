/* The FFT-only floor of feature extraction: the time FFTW alone needs for the real-to-complex
 * transforms of N frames of size n_fft (one core, same plan flags as audiocls), no windowing,
 * no mel, no I/O. Usage: fft_floor N_FFT FRAMES REPEATS -> prints seconds per frame. */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s N_FFT FRAMES REPEATS\n", argv[0]); return 2; }
    int n = atoi(argv[1]), frames = atoi(argv[2]), repeats = atoi(argv[3]);
    float *in = fftwf_malloc(sizeof(float) * n * frames);
    fftwf_complex *out = fftwf_malloc(sizeof(fftwf_complex) * (n / 2 + 1) * frames);
    fftwf_plan plan = fftwf_plan_many_dft_r2c(1, &n, frames, in, NULL, 1, n, out, NULL, 1, n / 2 + 1, FFTW_MEASURE);
    for (int i = 0; i < n * frames; i++) in[i] = (float)rand() / RAND_MAX - 0.5f;
    fftwf_execute(plan);
    double best = 1e30;
    for (int r = 0; r < repeats; r++) {
        double t0 = now();
        fftwf_execute(plan);
        double t = now() - t0;
        if (t < best) best = t;
    }
    printf("%.9f\n", best / frames);
    fftwf_destroy_plan(plan);
    fftwf_free(in);
    fftwf_free(out);
    return 0;
}
