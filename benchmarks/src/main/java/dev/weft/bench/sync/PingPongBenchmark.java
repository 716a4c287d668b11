package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
import dev.weft.Runtime;
import dev.weft.channel.Oneshot;
import dev.weft.channel.RecvResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code ping_pong} (Tokio's {@code benches/rt_multi_threaded.rs}): a root task spawns
 * {@value #PAIRS} "ping" tasks; each makes two oneshot channels, spawns its "pong" task, sends the
 * ping on the first channel and awaits the pong on the second; the pong task awaits the ping and
 * replies. The operation ends when every ping task got its pong (each checks the value). Score:
 * time per pair (two spawns, two oneshot channels, at least one wake-up).
 * <ul>
 *   <li>{@code weft}: {@code Oneshot.channel()} twice; tasks spawned with
 *       {@code Handle.current().spawn}.</li>
 *   <li>{@code vthreads}: virtual threads, each oneshot a {@code CompletableFuture} (completed by
 *       the sender, {@code get()} by the receiver), the pong a new virtual thread.</li>
 *   <li>{@code fjp}: tasks on a ForkJoinPool (async mode) that cannot block: the pong task
 *       registers {@code cf1.thenAccept(reply)}; the ping completes {@code cf1} and continues
 *       with {@code cf2.thenAcceptAsync(finish, fjp)}, a resubmitted task standing for a wake-up.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PingPongBenchmark {

    static final int PAIRS = 1_000;
    static final Integer PING = 1_000_001;
    static final Integer PONG = 1_000_002;

    @Param({"weft", "vthreads", "fjp"})
    public String impl;

    private Runtime rt;
    private ForkJoinPool fjp;

    @Setup(Level.Trial)
    public void open() {
        switch (impl) {
            case "weft" -> rt = Bench.weft();
            case "fjp" -> fjp = Bench.fjp();
            case "vthreads" -> { }
            default -> throw Bench.unknown("impl", impl, "weft, vthreads or fjp");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        Bench.close(rt, fjp);
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void ping_pong() throws InterruptedException, TimeoutException {
        Done done = new Done(PAIRS);
        switch (impl) {
            case "weft" -> Start.weft(rt, PAIRS, i -> new Ping(done));
            case "vthreads" -> Start.vthreads(PAIRS, i -> {
                CompletableFuture<Integer> ping = new CompletableFuture<>();
                CompletableFuture<Integer> pong = new CompletableFuture<>();
                Thread.startVirtualThread(() -> {
                    try {
                        check(ping.get(), PING, done);
                    } catch (Exception e) {
                        done.fail("pong threw " + e);
                    }
                    pong.complete(PONG);
                });
                ping.complete(PING);
                if (check(pong.get(), PONG, done)) {
                    done.countDown();
                }
            }, done);
            case "fjp" -> {
                ForkJoinPool pool = fjp;
                pool.execute(() -> {
                    for (int i = 0; i < PAIRS; i++) {
                        pool.execute(() -> {
                            CompletableFuture<Integer> ping = new CompletableFuture<>();
                            CompletableFuture<Integer> pong = new CompletableFuture<>();
                            pool.execute(() -> ping.thenAccept(v -> {
                                check(v, PING, done);
                                pong.complete(PONG);
                            }));
                            ping.complete(PING);
                            pong.thenAcceptAsync(v -> {
                                if (check(v, PONG, done)) {
                                    done.countDown();
                                }
                            }, pool);
                        });
                    }
                });
            }
            default -> throw new IllegalStateException(impl);
        }
        done.await();
    }

    static boolean check(Integer got, Integer expected, Done done) {
        if (!expected.equals(got)) {
            done.fail("received " + got + " instead of " + expected);
            return false;
        }
        return true;
    }

    private static final class Ping implements Future<Void> {
        private final Done done;
        private Oneshot.Receiver<Integer> pong;

        Ping(Done done) {
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (pong == null) {
                Oneshot<Integer> a = Oneshot.channel();
                Oneshot<Integer> b = Oneshot.channel();
                Handle.current().spawn(new Pong(a.receiver(), b.sender(), done));
                pong = b.receiver();
                if (!a.sender().send(PING).isSent()) {
                    done.fail("the ping was not sent");
                    return Poll.ready(null);
                }
            }
            Poll<RecvResult<Integer>> p = pong.poll(cx);
            if (!p.isReady()) {
                return Poll.pending();
            }
            if (p.value() instanceof RecvResult.Value<Integer> v && check(v.value(), PONG, done)) {
                done.countDown();
            } else if (!p.value().isValue()) {
                done.fail("the ping task received " + p.value());
            }
            return Poll.ready(null);
        }
    }

    private static final class Pong implements Future<Void> {
        private final Oneshot.Receiver<Integer> ping;
        private final Oneshot.Sender<Integer> pong;
        private final Done done;

        Pong(Oneshot.Receiver<Integer> ping, Oneshot.Sender<Integer> pong, Done done) {
            this.ping = ping;
            this.pong = pong;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Poll<RecvResult<Integer>> p = ping.poll(cx);
            if (!p.isReady()) {
                return Poll.pending();
            }
            if (!(p.value() instanceof RecvResult.Value<Integer> v) || !check(v.value(), PING, done)) {
                done.fail("the pong task received " + p.value());
                return Poll.ready(null);
            }
            if (!pong.send(PONG).isSent()) {
                done.fail("the pong was not sent");
            }
            return Poll.ready(null);
        }
    }
}
