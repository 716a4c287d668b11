package dev.weft.bench.sync;

/** A plain counter guarded by the lock under test (no boxing, so allocation is the lock's). */
final class Counter {
    long n;
}
