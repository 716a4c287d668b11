package dev.weft.stress.cancel;

import dev.weft.Context;
import dev.weft.Waker;
import dev.weft.cancel.CancellationToken;
import java.lang.reflect.Method;

/** Shared pieces of the cancellation stress tests. */
final class TokenFixtures {

    private TokenFixtures() {}

    static Context context(Waker w) {
        return new Context(w);
    }

    private static final Method WAITER_COUNT;
    private static final Method CHILD_COUNT;

    static {
        try {
            // package-private diagnostics of the token; the stress jar runs on the class path
            WAITER_COUNT = CancellationToken.class.getDeclaredMethod("waiterCount");
            CHILD_COUNT = CancellationToken.class.getDeclaredMethod("childCount");
            WAITER_COUNT.setAccessible(true);
            CHILD_COUNT.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static int waiterCount(CancellationToken t) {
        try {
            return (int) WAITER_COUNT.invoke(t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static int childCount(CancellationToken t) {
        try {
            return (int) CHILD_COUNT.invoke(t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
