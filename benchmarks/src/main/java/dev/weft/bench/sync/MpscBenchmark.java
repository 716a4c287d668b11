package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.channel.Mpsc;
import dev.weft.channel.RecvResult;
import dev.weft.channel.SendResult;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.MpscChunkedArrayQueue;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code mpsc}: {@value #PRODUCERS} producers each send {@value #SENDS} messages to one receiver
 * (Tokio's {@code benches/sync_mpsc.rs}, {@code contention_*}). One operation creates the channel,
 * starts the producers and the receiver, and ends when the receiver has taken all
 * {@value #MESSAGES} messages, each producer's in the order sent (checked). Score: time per message.
 *
 * <p>{@code variant}: {@code bounded_100}, {@code bounded_1000000} (never full here) or
 * {@code unbounded}.
 * <ul>
 *   <li>{@code weft}: {@code Mpsc.bounded(n)} / {@code Mpsc.unbounded()}; a root task spawns the
 *       producer tasks (each with {@code sender.copy()}, awaiting {@code send(v)} per message, then
 *       closing its copy) and then is the receiver, awaiting {@code recv()} per message.</li>
 *   <li>{@code vthreads}: a root virtual thread starts one virtual thread per producer
 *       ({@code put}) and is the receiver ({@code take}). {@code bounded_100}:
 *       {@code ArrayBlockingQueue(100)}; {@code bounded_1000000}: {@code LinkedBlockingQueue(1000000)}
 *       (an {@code ArrayBlockingQueue} would zero a 4 MB array every operation, which Weft's linked
 *       channel does not); {@code unbounded}: {@code LinkedBlockingQueue}.</li>
 *   <li>{@code jctools}: the ceiling, a lock-free queue with no waiting at all: JCTools
 *       {@code MpscArrayQueue(100)}, {@code MpscChunkedArrayQueue(1024, 1000000)} (grows in chunks,
 *       like the linked queues) and {@code MpscUnboundedArrayQueue(1024)}. Producers are virtual
 *       threads retrying {@code offer} with {@code Thread.yield()} when full; the receiver (the root
 *       virtual thread) busy-polls, with {@code Thread.onSpinWait()}, yielding every
 *       {@value #SPINS} empty polls so the producers are not starved of the 2 carriers.</li>
 * </ul>
 * The messages are pre-boxed {@code Integer}s ({@code producer * SENDS + i}), so allocation
 * figures are the channel's own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MpscBenchmark {

    static final int PRODUCERS = 5;
    static final int SENDS = 1_000;
    static final int MESSAGES = PRODUCERS * SENDS;
    static final int SPINS = 64;
    private static final Integer[] VALUES = Bench.boxed(MESSAGES);

    @Param({"weft", "vthreads", "jctools"})
    public String impl;

    @Param({"bounded_100", "bounded_1000000", "unbounded"})
    public String variant;

    private Runtime rt;
    private int capacity; // 0: unbounded

    @Setup(Level.Trial)
    public void open() {
        capacity = switch (variant) {
            case "bounded_100" -> 100;
            case "bounded_1000000" -> 1_000_000;
            case "unbounded" -> 0;
            default -> throw Bench.unknown("variant", variant, "bounded_100, bounded_1000000 or unbounded");
        };
        switch (impl) {
            case "weft" -> rt = Bench.weft();
            case "vthreads", "jctools" -> { }
            default -> throw Bench.unknown("impl", impl, "weft, vthreads or jctools");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        Bench.close(rt, null);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void mpsc() throws InterruptedException, TimeoutException {
        Done done = new Done(1);
        switch (impl) {
            case "weft" -> {
                Mpsc<Integer> ch = capacity == 0 ? Mpsc.unbounded() : Mpsc.bounded(capacity);
                rt.spawn(new WeftReceiver(ch, done));
            }
            case "vthreads" -> {
                BlockingQueue<Integer> q = capacity == 0 ? new LinkedBlockingQueue<>()
                        : capacity <= 100 ? new ArrayBlockingQueue<>(capacity) : new LinkedBlockingQueue<>(capacity);
                Thread.startVirtualThread(() -> blockingReceiver(q, done));
            }
            case "jctools" -> {
                Queue<Integer> q = capacity == 0 ? new MpscUnboundedArrayQueue<>(1024)
                        : capacity <= 100 ? new MpscArrayQueue<>(capacity)
                        : new MpscChunkedArrayQueue<>(1024, capacity);
                Thread.startVirtualThread(() -> spinningReceiver(q, done));
            }
            default -> throw new IllegalStateException(impl);
        }
        done.await();
    }

    // ------------------------------------------------------------------ weft

    /** Spawns the producers, then receives every message. */
    private static final class WeftReceiver implements Future<Void> {
        private final Mpsc<Integer> ch;
        private final Done done;
        private final Order order = new Order();
        private Future<RecvResult<Integer>> recv;
        private boolean started;

        WeftReceiver(Mpsc<Integer> ch, Done done) {
            this.ch = ch;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!started) {
                started = true;
                Handle h = Handle.current();
                Mpsc.Sender<Integer> tx = ch.sender();
                for (int p = 0; p < PRODUCERS; p++) {
                    h.spawn(new WeftProducer(tx.copy(), p, done));
                }
                tx.close();
            }
            Mpsc.Receiver<Integer> rx = ch.receiver();
            while (order.received < MESSAGES) {
                if (recv == null) {
                    recv = rx.recv();
                }
                Poll<RecvResult<Integer>> p = recv.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                recv = null;
                if (!(p.value() instanceof RecvResult.Value<Integer> v)) {
                    done.fail("receiver got " + p.value() + " after " + order.received + " messages");
                    return Poll.ready(null);
                }
                if (!order.accept(v.value(), done)) {
                    return Poll.ready(null);
                }
            }
            rx.close();
            done.countDown();
            return Poll.ready(null);
        }
    }

    private static final class WeftProducer implements Future<Void> {
        private final Mpsc.Sender<Integer> tx;
        private final int base;
        private final Done done;
        private Future<SendResult<Integer>> send;
        private int sent;

        WeftProducer(Mpsc.Sender<Integer> tx, int producer, Done done) {
            this.tx = tx;
            this.base = producer * SENDS;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (sent < SENDS) {
                if (send == null) {
                    send = tx.send(VALUES[base + sent]);
                }
                Poll<SendResult<Integer>> p = send.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                send = null;
                if (!p.value().isSent()) {
                    done.fail("send " + sent + " of producer " + base / SENDS + " returned " + p.value());
                    tx.close();
                    return Poll.ready(null);
                }
                sent++;
            }
            tx.close();
            return Poll.ready(null);
        }
    }

    // ------------------------------------------------------------------ baselines

    private static void blockingReceiver(BlockingQueue<Integer> q, Done done) {
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * SENDS;
            Thread.startVirtualThread(() -> {
                try {
                    for (int i = 0; i < SENDS; i++) {
                        q.put(VALUES[base + i]);
                    }
                } catch (InterruptedException e) {
                    done.fail("producer interrupted");
                }
            });
        }
        Order order = new Order();
        try {
            while (order.received < MESSAGES) {
                if (!order.accept(q.take(), done)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            done.fail("receiver interrupted");
            return;
        }
        done.countDown();
    }

    private static void spinningReceiver(Queue<Integer> q, Done done) {
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * SENDS;
            Thread.startVirtualThread(() -> {
                for (int i = 0; i < SENDS; i++) {
                    Integer v = VALUES[base + i];
                    while (!q.offer(v)) {
                        Thread.yield();
                    }
                }
            });
        }
        Order order = new Order();
        int idle = 0;
        while (order.received < MESSAGES) {
            Integer v = q.poll();
            if (v == null) {
                if (++idle == SPINS) {
                    idle = 0;
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            if (!order.accept(v, done)) {
                return;
            }
        }
        done.countDown();
    }

    /** The receiver's check: every producer's messages arrive once each, in the order sent. */
    private static final class Order {
        private final int[] next = new int[PRODUCERS];
        int received;

        boolean accept(int v, Done done) {
            int p = v / SENDS;
            if (p >= PRODUCERS || v % SENDS != next[p]) {
                done.fail("message " + v + " out of order (expected " + (p < PRODUCERS ? p * SENDS + next[p] : "<"
                        + MESSAGES) + ") after " + received + " messages");
                return false;
            }
            next[p]++;
            received++;
            return true;
        }
    }
}
