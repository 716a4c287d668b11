package dev.weft.stress.sync;

import dev.weft.sync.Barrier;
import java.lang.reflect.Method;

/** Package-private diagnostics of {@link Barrier}, reached by reflection (class path). */
final class BarrierFixtures {

    private BarrierFixtures() {}

    private static final Method WAITER_COUNT;
    private static final Method ARRIVED_COUNT;

    static {
        try {
            WAITER_COUNT = Barrier.class.getDeclaredMethod("waiterCount");
            ARRIVED_COUNT = Barrier.class.getDeclaredMethod("arrivedCount");
            WAITER_COUNT.setAccessible(true);
            ARRIVED_COUNT.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return how many arrivals wait in the queue */
    static int waiterCount(Barrier b) {
        return call(WAITER_COUNT, b);
    }

    /** @return the arrivals counted in the current generation */
    static int arrivedCount(Barrier b) {
        return call(ARRIVED_COUNT, b);
    }

    private static int call(Method m, Barrier b) {
        try {
            return (int) m.invoke(b);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
