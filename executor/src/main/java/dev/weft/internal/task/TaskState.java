package dev.weft.internal.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lifecycle of a task, in one atomic {@code int}.
 *
 * <h2>Implementation overview</h2>
 *
 * <pre>
 *   bit  0  RUNNING        a thread owns the future and is polling (or cancelling) it
 *   bit  1  COMPLETE       the output is stored; the future is gone; terminal
 *   bit  2  NOTIFIED       the task is queued, or must be queued again when its poll ends
 *   bit  3  JOIN_INTEREST  somebody may still read the output through the JoinHandle
 *   bit  4  JOIN_WAKER     the {@code joinWaker} field is set and belongs to the completer
 *   bit  5  CANCELLED      abort or shutdown asked for the task to end unfinished
 * </pre>
 *
 * <p>Invariants: a task is in at most one run queue at a time, because only the transition that
 * sets NOTIFIED on an idle task ({@link WakeOutcome#SUBMIT}) may enqueue it, and NOTIFIED is cleared
 * only by {@link #transitionToRunning()}. RUNNING is held by at most one thread, and only that thread
 * touches the future, so {@code close()} on it runs exactly once. COMPLETE never clears. While
 * JOIN_WAKER is set, only the completer may read the join waker; while it is clear, only the joiner
 * may write it.
 *
 * <p>Every transition is a CAS loop on the word, a full (volatile) barrier: the output written before
 * {@link #transitionToComplete()} is visible to a joiner that reads COMPLETE, and anything a waker
 * did before {@link #transitionToNotified()} is visible to the poll it causes.
 *
 * <p>Tokio's task state ({@code runtime/task/state.rs}) is the model. The reference-count bits are
 * gone: the garbage collector frees a task when the last queue, waker and handle let go of it.
 */
public class TaskState {

    static final int RUNNING = 1;
    static final int COMPLETE = 1 << 1;
    static final int NOTIFIED = 1 << 2;
    static final int JOIN_INTEREST = 1 << 3;
    static final int JOIN_WAKER = 1 << 4;
    static final int CANCELLED = 1 << 5;

    /** A freshly spawned task: already queued, and its handle is interested in the output. */
    static final int INITIAL = NOTIFIED | JOIN_INTEREST;

    /** What {@link #transitionToRunning()} found. */
    public enum RunOutcome {
        /** The caller owns the task and must poll it. */
        SUCCESS,
        /** The caller owns the task, which was cancelled: it must cancel it instead of polling. */
        CANCELLED,
        /** The task is already complete or claimed elsewhere (a stale queue entry): do nothing. */
        FAILED
    }

    /** What {@link #transitionToIdle()} found after a {@code Pending} poll. */
    public enum IdleOutcome {
        /** The task now waits for a wake. */
        OK,
        /** The task was woken during its poll: the caller must queue it again (as a yield). */
        OK_NOTIFIED,
        /** The task was cancelled during its poll: the caller still owns it and must cancel it. */
        CANCELLED
    }

    /** What a wake (or an abort) requires of the caller. */
    public enum WakeOutcome {
        /** The caller must put the task on a run queue. */
        SUBMIT,
        /** Nothing to do: the task is queued, running (and will re-queue itself), or complete. */
        DO_NOTHING
    }

    /** Written only by CAS; read by any thread (volatile). */
    private volatile int state;

    /** Creates a task state that is queued and has join interest. */
    public TaskState() {
        // Plain store: a task is published to other threads only through a queue's release store or
        // atomic exchange, which orders this write; a volatile store here would fence every spawn.
        STATE.set(this, INITIAL);
    }

    /** Takes ownership of a queued task before polling it. */
    public final RunOutcome transitionToRunning() {
        int s = state;
        for (;;) {
            if ((s & (RUNNING | COMPLETE)) != 0 || (s & NOTIFIED) == 0) {
                return RunOutcome.FAILED;
            }
            int next = (s & ~NOTIFIED) | RUNNING;
            int witness = cmpxchg(s, next);
            if (witness == s) {
                return (s & CANCELLED) != 0 ? RunOutcome.CANCELLED : RunOutcome.SUCCESS;
            }
            s = witness;
        }
    }

    /** Gives up ownership after a {@code Pending} poll, unless the task was cancelled meanwhile. */
    public final IdleOutcome transitionToIdle() {
        int s = state;
        for (;;) {
            assert (s & RUNNING) != 0 : "transitionToIdle without RUNNING: " + describe(s);
            if ((s & CANCELLED) != 0) {
                return IdleOutcome.CANCELLED;
            }
            int witness = cmpxchg(s, s & ~RUNNING);
            if (witness == s) {
                return (s & NOTIFIED) != 0 ? IdleOutcome.OK_NOTIFIED : IdleOutcome.OK;
            }
            s = witness;
        }
    }

    /**
     * Gives up ownership after a {@code Pending} poll that asked to yield: the task goes straight
     * back to queued (NOTIFIED), the self-wake and the idle transition folded into one CAS.
     */
    public final IdleOutcome transitionToIdleNotified() {
        int s = state;
        for (;;) {
            assert (s & RUNNING) != 0 : "transitionToIdleNotified without RUNNING: " + describe(s);
            if ((s & CANCELLED) != 0) {
                return IdleOutcome.CANCELLED;
            }
            int witness = cmpxchg(s, (s & ~RUNNING) | NOTIFIED);
            if (witness == s) {
                return IdleOutcome.OK_NOTIFIED;
            }
            s = witness;
        }
    }

    /** A wake: marks the task notified; only a wake of an idle task must enqueue it. */
    public final WakeOutcome transitionToNotified() {
        int s = state;
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return WakeOutcome.DO_NOTHING;
            }
            if ((s & NOTIFIED) != 0) {
                // Already queued, but this wake must still happen-before the poll that absorbs it:
                // a same-value CAS is a volatile write that transitionToRunning's CAS reads from.
                // A plain read here lost wakeups in jcstress (WakeHappensBeforePollTest; Tokio #7622).
                int witness = cmpxchg(s, s);
                if (witness == s) {
                    return WakeOutcome.DO_NOTHING;
                }
                s = witness;
                continue;
            }
            int witness = cmpxchg(s, s | NOTIFIED);
            if (witness == s) {
                // a running task sees NOTIFIED in transitionToIdle and re-queues itself
                return (s & RUNNING) != 0 ? WakeOutcome.DO_NOTHING : WakeOutcome.SUBMIT;
            }
            s = witness;
        }
    }

    /**
     * An abort: marks the task cancelled. An idle task must be enqueued so that a worker cancels
     * it; a queued one is cancelled when dequeued; a running one after its poll.
     */
    public final WakeOutcome transitionToCancelled() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | CANCELLED)) != 0) {
                return WakeOutcome.DO_NOTHING;
            }
            boolean idle = (s & (RUNNING | NOTIFIED)) == 0;
            int witness = cmpxchg(s, s | CANCELLED | NOTIFIED);
            if (witness == s) {
                return idle ? WakeOutcome.SUBMIT : WakeOutcome.DO_NOTHING;
            }
            s = witness;
        }
    }

    /**
     * Shutdown: marks the task cancelled and, if no thread is polling it, claims it.
     *
     * @return {@code true} if the caller now owns the task and must cancel it; {@code false} if it
     *     is complete or running (its poller cancels it when the poll returns)
     */
    public final boolean transitionToShutdown() {
        int s = state;
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return false;
            }
            boolean running = (s & RUNNING) != 0;
            int next = s | CANCELLED | (running ? NOTIFIED : RUNNING);
            int witness = cmpxchg(s, next);
            if (witness == s) {
                return !running;
            }
            s = witness;
        }
    }

    /**
     * Publishes completion; the output must be written before this call.
     *
     * @return the state just before completion (so the caller can see JOIN_WAKER and JOIN_INTEREST)
     */
    public final int transitionToComplete() {
        int s = state;
        for (;;) {
            assert (s & RUNNING) != 0 : "transitionToComplete without RUNNING: " + describe(s);
            int witness = cmpxchg(s, (s & ~(RUNNING | NOTIFIED)) | COMPLETE);
            if (witness == s) {
                return s;
            }
            s = witness;
        }
    }

    /**
     * Hands a freshly written join waker to the completer.
     *
     * @return {@code true} if set; {@code false} if the task completed first (read the output)
     */
    public final boolean trySetJoinWaker() {
        int s = state;
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return false;
            }
            assert (s & JOIN_WAKER) == 0 : "join waker already set";
            int witness = cmpxchg(s, s | JOIN_WAKER);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
    }

    /**
     * Takes the join waker back so that the joiner may replace it.
     *
     * @return {@code true} if unset; {@code false} if the task completed first (read the output)
     */
    public final boolean tryUnsetJoinWaker() {
        int s = state;
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return false;
            }
            int witness = cmpxchg(s, s & ~JOIN_WAKER);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
    }

    /**
     * Drops join interest (a detached task).
     *
     * @return {@code true} if dropped before completion (the completer will discard the output);
     *     {@code false} if the task already completed (the caller must discard it)
     */
    public final boolean tryUnsetJoinInterest() {
        int s = state;
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return false;
            }
            int witness = cmpxchg(s, s & ~JOIN_INTEREST);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
    }

    /** @return whether the task is complete (acquire: the output may be read after it) */
    public final boolean isComplete() {
        return (state & COMPLETE) != 0;
    }

    /** @return whether the join waker is currently owned by the completer */
    public final boolean hasJoinWaker() {
        return (state & JOIN_WAKER) != 0;
    }

    /** @return whether an abort or shutdown has been requested */
    public final boolean isCancelRequested() {
        return (state & CANCELLED) != 0;
    }

    /** @return the raw word, for tests and diagnostics */
    public final int snapshot() {
        return state;
    }

    static boolean hasJoinWaker(int snapshot) {
        return (snapshot & JOIN_WAKER) != 0;
    }

    static boolean hasJoinInterest(int snapshot) {
        return (snapshot & JOIN_INTEREST) != 0;
    }

    /**
     * @param s a state word
     * @return the flags in words, e.g. {@code "RUNNING|NOTIFIED"}
     */
    public static String describe(int s) {
        StringBuilder b = new StringBuilder();
        String[] names = {"RUNNING", "COMPLETE", "NOTIFIED", "JOIN_INTEREST", "JOIN_WAKER", "CANCELLED"};
        for (int i = 0; i < names.length; i++) {
            if ((s & (1 << i)) != 0) {
                b.append(b.isEmpty() ? "" : "|").append(names[i]);
            }
        }
        return b.isEmpty() ? "IDLE" : b.toString();
    }

    // ---- VarHandle mechanics ----

    private int cmpxchg(int expected, int next) {
        return (int) STATE.compareAndExchange(this, expected, next);
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskState.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
