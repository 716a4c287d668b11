package dev.weft.examples;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Handle;
import dev.weft.JoinSet;
import dev.weft.Poll;
import dev.weft.cancel.CancellationToken;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The graceful-shutdown pattern of {@code docs/cancellation.md}: workers that select between their
 * next unit of work and the shutdown signal, clean up when the signal wins, and report.
 */
public final class GracefulShutdown {

    private GracefulShutdown() {}

    /** What a worker reports when it stops. */
    public record Report(int worker, int unitsDone, boolean cleanedUp) {}

    // tag::worker[]
    /** A worker: loop { select(shutdown, next unit) }, biased so that shutdown is checked first. */
    static final class Worker implements Future<Report>, AutoCloseable {
        private final int id;
        private final CancellationToken shutdown;
        private final IntFunction<Future<Void>> nextUnit;
        private Future<Futures.Selected<Void>> step; // the select in progress, or null
        private int done;

        Worker(int id, CancellationToken shutdown, IntFunction<Future<Void>> nextUnit) {
            this.id = id;
            this.shutdown = shutdown;
            this.nextUnit = nextUnit;
        }

        @Override
        public Poll<Report> poll(Context cx) {
            while (true) {
                if (step == null) {
                    step = Futures.selectBiased(shutdown.cancelled(), nextUnit.apply(id));
                }
                if (!(step.poll(cx) instanceof Poll.Ready<Futures.Selected<Void>>(Futures.Selected<Void> s))) {
                    return Poll.pending();
                }
                step = null; // the select closed the loser: an unfinished unit, or the waiter
                if (s.index() == 0) {
                    cleanUp();
                    return Poll.ready(new Report(id, done, true));
                }
                done++;
            }
        }

        private void cleanUp() {
            // flush buffers, release leases, say goodbye to peers...
        }

        @Override
        public void close() {
            Futures.cancel(step); // aborted without a chance to report: cancel the select in progress
            step = null;
        }
    }
    // end::worker[]

    // tag::shutdown[]
    /**
     * Starts {@code workers} workers, waits until {@code ready} says enough work happened, signals
     * shutdown, and collects every worker's report.
     */
    public static Future<List<Report>> run(Handle rt, int workers, IntFunction<Future<Void>> unit, Future<Void> ready) {
        CancellationToken shutdown = new CancellationToken();
        JoinSet<Report> set = new JoinSet<>(rt);
        for (int i = 0; i < workers; i++) {
            set.spawn(new Worker(i, shutdown.child(), unit));
        }
        List<Report> reports = new ArrayList<>();
        return ready.then(v -> {
            shutdown.cancel(); // every worker's select now sees the signal
            return collect(set, reports);
        });
    }

    private static Future<List<Report>> collect(JoinSet<Report> set, List<Report> reports) {
        return set.joinNext().then(next -> switch (next) {
            case JoinSet.Next.Ok<Report>(long id, Report r) -> {
                reports.add(r);
                yield collect(set, reports);
            }
            case JoinSet.Next.Err<Report>(var error) -> throw error;
            case JoinSet.Next.Empty<Report>() -> {
                set.close();
                yield Futures.ready(reports);
            }
        });
    }
    // end::shutdown[]
}
