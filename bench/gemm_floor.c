/* The BLAS floor of a training step: the best time OpenBLAS's complex64 GEMM (cblas_cgemm,
 * row-major, no transposes, OpenBLAS's default threads) needs for each given m×k · k×n product.
 * Usage: gemm_floor REPEATS M N K [M N K ...] -> prints seconds per product, one line each. */
#include <cblas.h>
#include <complex.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static float complex *random_matrix(long count) {
    float complex *m = malloc(sizeof(float complex) * count);
    for (long i = 0; i < count; i++) m[i] = (float)rand() / RAND_MAX - 0.5f + I * ((float)rand() / RAND_MAX - 0.5f);
    return m;
}

int main(int argc, char **argv) {
    if (argc < 5 || (argc - 2) % 3 != 0) { fprintf(stderr, "usage: %s REPEATS M N K [M N K ...]\n", argv[0]); return 2; }
    int repeats = atoi(argv[1]);
    const float complex one = 1, zero = 0;
    for (int p = 2; p < argc; p += 3) {
        int m = atoi(argv[p]), n = atoi(argv[p + 1]), k = atoi(argv[p + 2]);
        float complex *a = random_matrix((long)m * k), *b = random_matrix((long)k * n), *c = random_matrix((long)m * n);
        double best = 1e30;
        for (int r = 0; r <= repeats; r++) {  /* the first run warms caches and threads, untimed */
            double t0 = now();
            cblas_cgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, &one, a, k, b, n, &zero, c, n);
            double t = now() - t0;
            if (r > 0 && t < best) best = t;
        }
        printf("%.9f\n", best);
        free(a), free(b), free(c);
    }
    return 0;
}
