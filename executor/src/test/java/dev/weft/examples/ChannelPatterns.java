package dev.weft.examples;

import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.channel.Broadcast;
import dev.weft.channel.Mpsc;
import dev.weft.channel.Oneshot;
import dev.weft.channel.RecvResult;
import dev.weft.channel.Watch;
import dev.weft.sync.Barrier;
import dev.weft.sync.BarrierWaitResult;
import dev.weft.sync.Mutex;
import dev.weft.sync.Semaphore;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The channel and synchronization patterns of the course (parts 4 and 5: mpsc fan-in, broadcast,
 * watch, oneshot, a mutex held across an await, a semaphore bounding concurrency, a barrier with a
 * leader), written with Weft. Each method returns a future to run inside a runtime; ExamplesTest
 * runs them under paused time.
 */
public final class ChannelPatterns {

    private ChannelPatterns() {}

    /** Three producers, each with its own sender copy; the receiver reads until all are closed. */
    public static Future<List<String>> mpscFanIn() {
        return Futures.lazy(() -> {
            Mpsc<String> ch = Mpsc.bounded(32);
            for (int i = 0; i < 3; i++) {
                Mpsc.Sender<String> tx = ch.sender().copy();
                String msg = "message from producer " + i;
                Task.spawn(tx.send(msg).inspect(r -> tx.close()));
            }
            ch.sender().close(); // the channel ends when the copies are closed too
            return ch.receiver().collect(Collectors.toList());
        }).then(f -> f);
    }

    /** Two subscribers each receive the same value. */
    public static Future<List<String>> broadcastToSubscribers() {
        return Futures.lazy(() -> {
            Broadcast<String> ch = Broadcast.channel(16);
            Broadcast.Receiver<String> rx1 = ch.sender().subscribe();
            Broadcast.Receiver<String> rx2 = ch.sender().subscribe();
            ch.sender().send("hello everyone");
            return Futures.join(rx1.recv(), rx2.recv(), (a, b) -> List.of(a.value(), b.value()));
        }).then(f -> f);
    }

    /** A task updates a watched value after 50 ms; the watcher wakes on the change. */
    public static Future<String> watchForChange() {
        return Futures.lazy(() -> {
            Watch<String> ch = Watch.channel("initial");
            Task.spawn(Time.sleep(Duration.ofMillis(50)).map(v -> ch.sender().send("updated")));
            return ch.receiver().changed().map(RecvResult::value);
        }).then(f -> f);
    }

    /** A task computes a reply and sends it back over a oneshot. */
    public static Future<String> oneshotReply() {
        return Futures.lazy(() -> {
            Oneshot<String> ch = Oneshot.channel();
            Task.spawn(Time.sleep(Duration.ofMillis(50)).map(v -> ch.sender().send("single response")));
            return ch.receiver().map(RecvResult::value);
        }).then(f -> f);
    }

    /** Five tasks push to a shared list, each holding the lock across a sleep. */
    public static Future<List<Integer>> mutexHeldAcrossAwait() {
        return Futures.lazy(() -> {
            Mutex<List<Integer>> data = new Mutex<>(new ArrayList<>());
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int me = i;
                tasks.add(Task.spawn(data.lock().then(guard -> {
                    guard.get().add(me);
                    return Time.sleep(Duration.ofMillis(10)).map(v -> { // still holding the lock
                        guard.close();
                        return null;
                    });
                })));
            }
            return Futures.joinAll(tasks).then(done -> data.lock().map(g -> {
                try (g) {
                    return List.copyOf(g.get());
                }
            }));
        }).then(f -> f);
    }

    /** Ten tasks, at most three at a time inside; returns the most seen inside at once. */
    public static Future<Integer> semaphoreBoundsConcurrency() {
        return Futures.lazy(() -> {
            Semaphore permits = new Semaphore(3);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(Task.spawn(permits.acquire().then(permit -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    return Time.sleep(Duration.ofMillis(100)).map(v -> {
                        inside.decrementAndGet();
                        permit.close();
                        return null;
                    });
                })));
            }
            return Futures.joinAll(tasks).map(done -> most.get());
        }).then(f -> f);
    }

    /** Three tasks arrive at a barrier at different times; all pass together, one as leader. */
    public static Future<List<BarrierWaitResult>> barrierWithLeader() {
        return Futures.lazy(() -> {
            Barrier barrier = new Barrier(3);
            List<JoinHandle<BarrierWaitResult>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tasks.add(Task.spawn(Time.sleep(Duration.ofMillis(i * 50L)).then(v -> barrier.await())));
            }
            return Futures.joinAll(tasks);
        }).then(f -> f);
    }
}
