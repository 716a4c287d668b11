package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
import dev.weft.channel.Broadcast;
import dev.weft.channel.RecvResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code broadcast}: {@code subscribers} ∈ {10, 100, 1000} receiver tasks each get all of
 * {@value #SENDS} messages sent by one sender task, then the end of the stream. Score: time per
 * send, each reaching every subscriber. Each receiver checks it got every message once, in order,
 * then the end.
 * <ul>
 *   <li>{@code weft}: {@code Broadcast.channel(}{@value #CAPACITY}{@code )} (room for every
 *       message, so nobody lags); the sender task subscribes the receivers, spawns their tasks,
 *       sends the {@value #SENDS} messages without waiting and closes the sender.</li>
 *   <li>{@code vthreads}: the java.util.concurrent way to fan out: one
 *       {@code LinkedBlockingQueue} per subscriber, the sender {@code put}s every message into
 *       every queue and then an end marker; each receiver virtual thread {@code take}s. (A
 *       {@code Phaser} or {@code CyclicBarrier} round per message would be a different workload:
 *       it makes the sender wait for the slowest receiver, which a broadcast channel does not.)</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BroadcastBenchmark extends WeftOrVirtualThreads {

    static final int SENDS = 100;
    static final int CAPACITY = 128;
    private static final Integer[] VALUES = Bench.boxed(SENDS);
    private static final Integer END = -1;

    @Param({"10", "100", "1000"})
    public int subscribers;

    @Benchmark
    @OperationsPerInvocation(SENDS)
    public void broadcast() throws InterruptedException, TimeoutException {
        int n = subscribers;
        Done done = new Done(n);
        switch (impl) {
            case "weft" -> rt.spawn(cx -> {
                Broadcast<Integer> ch = Broadcast.channel(CAPACITY);
                Broadcast.Sender<Integer> tx = ch.sender();
                Handle h = Handle.current();
                h.spawn(new Listener(ch.receiver(), done));
                for (int i = 1; i < n; i++) {
                    h.spawn(new Listener(tx.subscribe(), done));
                }
                for (int i = 0; i < SENDS; i++) {
                    if (!tx.send(VALUES[i]).isSent()) {
                        done.fail("send " + i + " failed");
                    }
                }
                tx.close();
                return Poll.ready(null);
            });
            case "vthreads" -> Thread.startVirtualThread(() -> Start.run(x -> {
                @SuppressWarnings("unchecked")
                BlockingQueue<Integer>[] queues = new BlockingQueue[n];
                for (int i = 0; i < n; i++) {
                    BlockingQueue<Integer> q = new LinkedBlockingQueue<>();
                    queues[i] = q;
                    Thread.startVirtualThread(() -> Start.run(y -> {
                        int expected = 0;
                        for (Integer v = q.take(); v != END; v = q.take()) {
                            if (v != expected) {
                                done.fail("subscriber got " + v + " instead of " + expected);
                                return;
                            }
                            expected++;
                        }
                        finish(expected, done);
                    }, 0, done));
                }
                for (int i = 0; i < SENDS; i++) {
                    for (BlockingQueue<Integer> q : queues) {
                        q.put(VALUES[i]);
                    }
                }
                for (BlockingQueue<Integer> q : queues) {
                    q.put(END);
                }
            }, 0, done));
            default -> throw new IllegalStateException(impl);
        }
        done.await();
    }

    static void finish(int received, Done done) {
        if (received == SENDS) {
            done.countDown();
        } else {
            done.fail("subscriber got " + received + " of " + SENDS + " messages");
        }
    }

    private static final class Listener implements Future<Void> {
        private final Broadcast.Receiver<Integer> rx;
        private final Done done;
        private Future<RecvResult<Integer>> recv;
        private int expected;

        Listener(Broadcast.Receiver<Integer> rx, Done done) {
            this.rx = rx;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (recv == null) {
                    recv = rx.recv();
                }
                Poll<RecvResult<Integer>> p = recv.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                recv = null;
                switch (p.value()) {
                    case RecvResult.Value<Integer> v -> {
                        if (v.value() != expected) {
                            done.fail("subscriber got " + v.value() + " instead of " + expected);
                            return Poll.ready(null);
                        }
                        expected++;
                    }
                    case RecvResult.Closed<Integer> c -> {
                        finish(expected, done);
                        return Poll.ready(null);
                    }
                    default -> {
                        done.fail("subscriber got " + p.value() + " after " + expected + " messages");
                        return Poll.ready(null);
                    }
                }
            }
        }
    }
}
