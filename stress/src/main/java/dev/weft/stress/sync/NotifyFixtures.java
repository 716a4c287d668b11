package dev.weft.stress.sync;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.sync.Notify;
import java.lang.reflect.Method;

/** Shared pieces of the Notify stress tests. */
final class NotifyFixtures {

    private NotifyFixtures() {}

    static Context context(Waker w) {
        return new Context(w);
    }

    private static final Method WAITER_COUNT;
    private static final Method HAS_PERMIT;

    static {
        try {
            // package-private diagnostics of Notify; the stress jar runs on the class path
            WAITER_COUNT = Notify.class.getDeclaredMethod("waiterCount");
            HAS_PERMIT = Notify.class.getDeclaredMethod("hasPermit");
            WAITER_COUNT.setAccessible(true);
            HAS_PERMIT.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return how many waiters are queued */
    static int waiterCount(Notify n) {
        try {
            return (int) WAITER_COUNT.invoke(n);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** @return 1 if a permit is stored, else 0 (without taking it) */
    static int permit(Notify n) {
        try {
            return (boolean) HAS_PERMIT.invoke(n) ? 1 : 0;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
