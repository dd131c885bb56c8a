/* Profiling aid for bench/callgrind.sh, not part of audiocls. valgrind 3.19 crashes in
 * libdispatch's dispatch_main, where the async @main of audiocls parks the main thread; this
 * preloaded replacement drains the main queue by polling instead (2 ms sleeps, a few hundred
 * instructions per wake-up). */
#include <unistd.h>

extern void _dispatch_main_queue_callback_4CF(void *);

void dispatch_main(void) {
    for (;;) {
        _dispatch_main_queue_callback_4CF(0);
        usleep(2000);
    }
}
