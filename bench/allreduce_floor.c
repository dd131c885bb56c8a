/* The allreduce alone: median seconds of MPI_Allreduce(SUM, in place) of N floats between the
 * ranks of `mpirun -np P`, for N = 1 and N = the sizes given, with barriers around each timed call
 * so that no rank's wait for a slower one is counted. The fit t(N) = α + 4N/B gives the latency α
 * and the bandwidth B of bench/README.md's projection.
 * Build: mpicc -O2 bench/allreduce_floor.c -o /tmp/allreduce_floor
 * Usage: mpirun --allow-run-as-root --oversubscribe -np 2 /tmp/allreduce_floor REPEATS N...   */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (argc < 3) {
        if (rank == 0) fprintf(stderr, "usage: %s REPEATS N...\n", argv[0]);
        MPI_Finalize();
        return 2;
    }
    int repeats = atoi(argv[1]);
    double *times = malloc(sizeof(double) * repeats);
    for (int a = 2; a < argc; a++) {
        long n = atol(argv[a]);
        float *values = calloc(n, sizeof(float));
        for (int r = 0; r < repeats; r++) {
            MPI_Barrier(MPI_COMM_WORLD);
            double start = MPI_Wtime();
            MPI_Allreduce(MPI_IN_PLACE, values, (int)n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
            times[r] = MPI_Wtime() - start;
        }
        qsort(times, repeats, sizeof(double), compare);
        if (rank == 0)
            printf("ranks %d  floats %9ld  bytes %10ld  median %.4f ms  min %.4f ms\n", size, n, 4 * n,
                   1e3 * times[repeats / 2], 1e3 * times[0]);
        free(values);
    }
    free(times);
    MPI_Finalize();
    return 0;
}
