/* The arithmetic floor of a cold `audiocls predict` (issue #17): a process that only runs the
 * real sgemm products of the model's convolutions (cblas_sgemm, row-major, no transposes, the
 * shapes bench/predict_cold.py derives from the bundle), for every batch of windows, with the
 * batches shared out over THREADS threads as audiocls does. No decoding, features, im2col,
 * activations or pooling: what is left when everything but the products is free.
 * Usage: predict_floor THREADS BATCHES COUNT M N K [COUNT M N K ...]   (run with OPENBLAS_NUM_THREADS=1) */
#include <cblas.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int batches, products;
static int (*shape)[4]; /* count, m, n, k */
static int next_batch;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Operands of every product, allocated and filled once per thread (cheap values: the floor
 * leaves out making them). */
static float *filled(long count) {
    float *x = malloc(sizeof(float) * count);
    for (long i = 0; i < count; i++) x[i] = 0.125f * (float)(i % 7) - 0.375f;
    return x;
}

static void *worker(void *unused) {
    (void)unused;
    float *a[products], *b[products], *c[products];
    for (int p = 0; p < products; p++) {
        int m = shape[p][1], n = shape[p][2], k = shape[p][3];
        a[p] = filled((long)m * k), b[p] = filled((long)k * n), c[p] = malloc(sizeof(float) * m * n);
    }
    for (;;) {
        pthread_mutex_lock(&lock);
        int batch = next_batch++;
        pthread_mutex_unlock(&lock);
        if (batch >= batches) break;
        for (int p = 0; p < products; p++) {
            int m = shape[p][1], n = shape[p][2], k = shape[p][3];
            for (int r = 0; r < shape[p][0]; r++)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a[p], k, b[p], n, 0, c[p], n);
        }
    }
    for (int p = 0; p < products; p++) free(a[p]), free(b[p]), free(c[p]);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 7 || (argc - 3) % 4 != 0) {
        fprintf(stderr, "usage: %s THREADS BATCHES COUNT M N K [COUNT M N K ...]\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[1]);
    batches = atoi(argv[2]), products = (argc - 3) / 4;
    shape = malloc(sizeof(*shape) * products);
    for (int p = 0; p < products; p++)
        for (int j = 0; j < 4; j++) shape[p][j] = atoi(argv[3 + 4 * p + j]);
    pthread_t ids[threads];
    for (int t = 1; t < threads; t++) pthread_create(&ids[t], NULL, worker, NULL);
    worker(NULL);
    for (int t = 1; t < threads; t++) pthread_join(ids[t], NULL);
    return 0;
}
