package dev.weft.stress.channel;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.channel.Mpsc;
import dev.weft.channel.RecvResult;
import dev.weft.channel.SendResult;
import dev.weft.stress.CountingWaker;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * Shared pieces of the {@code Mpsc} stress tests: a counting waker, and hand-polls and drains that
 * name their outcome in a word (a received message is named by itself).
 */
final class MpscFixtures {

    /** A future returned Pending (its waker is registered). */
    static final String PENDING = "PENDING";
    /** A step that did not happen (e.g. no second poll was needed). */
    static final String NONE = "NONE";
    /** {@code SendResult.Sent} / {@code Full} / {@code Closed}, {@code RecvResult.Closed} / {@code Empty}. */
    static final String SENT = "SENT";
    static final String FULL = "FULL";
    static final String CLOSED = "CLOSED";
    static final String EMPTY = "EMPTY";

    private MpscFixtures() {}

    /** @return the message, {@code CLOSED}, {@code EMPTY} */
    static String name(RecvResult<String> r) {
        return switch (r) {
            case RecvResult.Value<String> v -> v.value();
            case RecvResult.Closed<String> c -> CLOSED;
            case RecvResult.Empty<String> e -> EMPTY;
            case RecvResult.Lagged<String> l -> "LAGGED";
        };
    }

    /** @return {@code SENT}, {@code FULL}, {@code CLOSED} or {@code TIMED_OUT} */
    static String name(SendResult<String> r) {
        return switch (r) {
            case SendResult.Sent<String> s -> SENT;
            case SendResult.Full<String> f -> FULL;
            case SendResult.Closed<String> c -> CLOSED;
            case SendResult.TimedOut<String> t -> "TIMED_OUT";
        };
    }

    /** Polls a receive once: the message, {@code CLOSED} or {@code PENDING}. */
    static String pollRecv(Future<RecvResult<String>> recv, Waker w) {
        Poll<RecvResult<String>> p = recv.poll(new Context(w));
        return p.isReady() ? name(p.value()) : PENDING;
    }

    /** Polls a send once: {@code SENT}, {@code CLOSED} or {@code PENDING}. */
    static String pollSend(Future<SendResult<String>> send, Waker w) {
        Poll<SendResult<String>> p = send.poll(new Context(w));
        return p.isReady() ? name(p.value()) : PENDING;
    }

    /**
     * Takes every message there is with {@code tryRecv}, then names how the channel answered last.
     *
     * @return the messages in order followed by the final answer, e.g. {@code "b.EMPTY"}, or just
     *     {@code "EMPTY"} when nothing was buffered
     */
    static String drain(Mpsc.Receiver<String> rx) {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            RecvResult<String> r = rx.tryRecv();
            if (!r.isValue()) {
                return sb.append(name(r)).toString();
            }
            sb.append(r.value()).append('.');
        }
    }

    /** The last sender's side of the send-then-close races: sends "x" (there is room) and closes. */
    static void sendXThenClose(Mpsc.Sender<String> tx) {
        if (!tx.trySend("x").isSent()) {
            throw new AssertionError("the channel should take \"x\"");
        }
        tx.close();
    }

    /**
     * The arbiter of the send-then-close races: the receiver's wakes, a re-poll of its receive if
     * the first poll was Pending ({@code NONE} otherwise), and a fresh receive's first poll.
     */
    static void afterSendCloseRace(LLLL_Result r, Future<RecvResult<String>> recv, Mpsc.Receiver<String> rx,
            CountingWaker waker) {
        r.r2 = waker.wakes();
        r.r3 = PENDING.equals(r.r1) ? pollRecv(recv, waker) : NONE;
        r.r4 = pollRecv(rx.recv(), new CountingWaker());
    }
}
