package dev.weft.stress.task;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A future that counts its polls and closes (atomically, so that two threads polling at once, a
 * bug, are both counted) and delegates each poll to a step function.
 */
final class Probe implements Future<String>, AutoCloseable {

    /** The value every probe completes with. */
    static final String DONE = "done";

    /** What a poll does. */
    @FunctionalInterface
    interface Step {
        /**
         * @param cx    the poll's context
         * @param count 1 for the first poll, 2 for the second, ...
         * @return the poll's outcome
         */
        Poll<String> poll(Context cx, int count);
    }

    private final Step step;
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();

    Probe(Step step) {
        this.step = step;
    }

    @Override
    public Poll<String> poll(Context cx) {
        return step.poll(cx, polls.incrementAndGet());
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    int polls() {
        return polls.get();
    }

    int closes() {
        return closes.get();
    }
}
