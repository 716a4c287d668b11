package dev.weft.bench.sync;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Handle;
import dev.weft.Poll;
import dev.weft.channel.Mpsc;
import dev.weft.channel.Oneshot;
import dev.weft.channel.RecvResult;
import dev.weft.channel.SendResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@code oneshot_rtt} (Tokio's {@code benches/sync_mpsc_oneshot.rs}, {@code request_reply}): a
 * client task makes {@value #REQUESTS} requests one after the other to a server task; each request
 * travels over an mpsc channel together with the sending end of a fresh oneshot channel, on which
 * the server replies {@code id + 1}. The client checks every reply. Score: time per round trip
 * (two wake-ups: the server's and the client's, each possibly across workers).
 * <ul>
 *   <li>{@code weft}: {@code Mpsc.unbounded()} of {@code (id, Oneshot.Sender)} and
 *       {@code Oneshot.channel()} per request; the client closes its sender at the end, which ends
 *       the server.</li>
 *   <li>{@code vthreads}: two virtual threads, a {@code LinkedBlockingQueue} of
 *       {@code (id, CompletableFuture)}; the server completes the future, the client {@code get()}s
 *       it; a poison request ends the server.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class OneshotRttBenchmark extends WeftOrVirtualThreads {

    static final int REQUESTS = 1_000;
    private static final Integer[] VALUES = Bench.boxed(REQUESTS + 1);


    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void oneshot_rtt() throws InterruptedException, TimeoutException {
        Done done = new Done(1);
        switch (impl) {
            case "weft" -> rt.spawn(new Client(done));
            case "vthreads" -> Thread.startVirtualThread(() -> Start.run(i -> blockingClient(done), 0, done));
            default -> throw new IllegalStateException(impl);
        }
        done.await();
    }

    private record Request(int id, Oneshot.Sender<Integer> reply) {}

    private record BlockingRequest(int id, CompletableFuture<Integer> reply) {}

    private static void blockingClient(Done done) throws Exception {
        BlockingQueue<BlockingRequest> requests = new LinkedBlockingQueue<>();
        Thread.startVirtualThread(() -> {
            try {
                while (true) {
                    BlockingRequest r = requests.take();
                    if (r.id() < 0) {
                        return;
                    }
                    r.reply().complete(VALUES[r.id() + 1]);
                }
            } catch (InterruptedException e) {
                done.fail("server interrupted");
            }
        });
        for (int id = 0; id < REQUESTS; id++) {
            CompletableFuture<Integer> reply = new CompletableFuture<>();
            requests.put(new BlockingRequest(id, reply));
            int got = reply.get();
            if (got != id + 1) {
                done.fail("request " + id + " got reply " + got);
                return;
            }
        }
        requests.put(new BlockingRequest(-1, null));
        done.countDown();
    }

    /** Spawns the server, then makes the requests one at a time. */
    private static final class Client implements Future<Void> {
        private final Done done;
        private final Mpsc<Request> ch = Mpsc.unbounded();
        private boolean started;
        private int id;
        private Future<SendResult<Request>> send;
        private Oneshot.Receiver<Integer> reply;

        Client(Done done) {
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!started) {
                started = true;
                Handle.current().spawn(new Server(ch.receiver(), done));
            }
            Mpsc.Sender<Request> tx = ch.sender();
            while (id < REQUESTS) {
                if (reply == null) {
                    Oneshot<Integer> o = Oneshot.channel();
                    reply = o.receiver();
                    send = tx.send(new Request(id, o.sender()));
                }
                if (send != null) {
                    Poll<SendResult<Request>> s = send.poll(cx);
                    if (!s.isReady()) {
                        return Poll.pending();
                    }
                    send = null;
                    if (!s.value().isSent()) {
                        done.fail("request " + id + ": " + s.value());
                        return Poll.ready(null);
                    }
                }
                Poll<RecvResult<Integer>> p = reply.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                reply = null;
                if (!(p.value() instanceof RecvResult.Value<Integer> v) || v.value() != id + 1) {
                    done.fail("request " + id + " got " + p.value());
                    tx.close();
                    return Poll.ready(null);
                }
                id++;
            }
            tx.close();
            done.countDown();
            return Poll.ready(null);
        }
    }

    private static final class Server implements Future<Void> {
        private final Mpsc.Receiver<Request> rx;
        private final Done done;
        private Future<RecvResult<Request>> recv;

        Server(Mpsc.Receiver<Request> rx, Done done) {
            this.rx = rx;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (recv == null) {
                    recv = rx.recv();
                }
                Poll<RecvResult<Request>> p = recv.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                recv = null;
                if (!(p.value() instanceof RecvResult.Value<Request> v)) {
                    return Poll.ready(null); // closed: the client is done
                }
                Request r = v.value();
                if (!r.reply().send(VALUES[r.id() + 1]).isSent()) {
                    done.fail("reply " + r.id() + " was not sent");
                    return Poll.ready(null);
                }
            }
        }
    }
}
