package dev.weft.stress.channel;

import dev.weft.channel.Broadcast;
import dev.weft.channel.RecvResult;
import java.lang.reflect.Method;

/** Shared pieces of the broadcast stress tests. */
final class BroadcastFixtures {

    private BroadcastFixtures() {}

    /** Value v as v, Lagged(n) as -n, Empty as 0, Closed as 100. */
    static int encode(RecvResult<Integer> r) {
        return switch (r) {
            case RecvResult.Value<Integer>(Integer v) -> v;
            case RecvResult.Lagged<Integer>(long n) -> (int) -n;
            case RecvResult.Empty<Integer> e -> 0;
            case RecvResult.Closed<Integer> c -> 100;
        };
    }

    private static final Method RING;
    private static final Method WAITER_COUNT;

    static {
        try {
            // package-private diagnostics of the channel; the stress jar runs on the class path
            RING = Broadcast.Receiver.class.getDeclaredMethod("ring");
            RING.setAccessible(true);
            WAITER_COUNT = RING.getReturnType().getDeclaredMethod("waiterCount");
            WAITER_COUNT.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return how many receives are queued in the channel of {@code rx} */
    static int waiterCount(Broadcast.Receiver<?> rx) {
        try {
            return (int) WAITER_COUNT.invoke(RING.invoke(rx));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
