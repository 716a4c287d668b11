package dev.weft.examples;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Futures;
import dev.weft.Poll;
import java.util.List;

/**
 * The desugaring example of {@code docs/state-machines.md}. In a language with async/await this
 * would read:
 *
 * <pre>
 * async int orderTotal(Shop shop, String user) {
 *     long id = await shop.lookupUser(user);          // await #1
 *     List&lt;Integer&gt; prices = await shop.loadOrders(id); // await #2
 *     return sum(prices);
 * }
 * </pre>
 *
 * <p>Java has no {@code await}, so the compiler's work is done by hand: every {@code await} becomes
 * a state that holds the future being awaited and the locals that live across it.
 */
// tag::state-machine[]
public final class OrderTotal implements Future<Integer>, AutoCloseable {

    /** The backend the example talks to. */
    public interface Shop {
        Future<Long> lookupUser(String user);

        Future<List<Integer>> loadOrders(long userId);
    }

    /** One record per suspension point, plus the two ends. */
    private sealed interface State {
        record Start(String user) implements State {}

        record LookingUp(Future<Long> lookup) implements State {} // suspended at await #1

        record Loading(Future<List<Integer>> orders) implements State {} // suspended at await #2

        enum Done implements State { INSTANCE }
    }

    private final Shop shop;
    private State state;

    public OrderTotal(Shop shop, String user) {
        this.shop = shop;
        this.state = new State.Start(user);
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        while (true) { // run until a sub-future is pending or the function returns
            switch (state) {
                case State.Start(String user) -> state = new State.LookingUp(shop.lookupUser(user));
                case State.LookingUp(Future<Long> lookup) -> {
                    if (!(pollOrFinish(lookup, cx) instanceof Poll.Ready<Long>(Long id))) {
                        return Poll.pending(); // the lookup registered our waker
                    }
                    Futures.release(lookup);
                    state = new State.Loading(shop.loadOrders(id));
                }
                case State.Loading(Future<List<Integer>> orders) -> {
                    if (!(pollOrFinish(orders, cx) instanceof Poll.Ready<List<Integer>>(List<Integer> prices))) {
                        return Poll.pending();
                    }
                    Futures.release(orders);
                    state = State.Done.INSTANCE;
                    return Poll.ready(sum(prices));
                }
                case State.Done d -> throw new IllegalStateException("OrderTotal polled after completion");
            }
        }
    }

    /** Polls a sub-future; if it throws, the machine is finished and the sub-future released. */
    private <T> Poll<T> pollOrFinish(Future<T> f, Context cx) {
        try {
            return f.poll(cx);
        } catch (RuntimeException e) {
            state = State.Done.INSTANCE;
            Futures.release(f);
            throw e;
        }
    }

    /** Cancelled (the task was aborted, or a select dropped us): cancel whatever we are awaiting. */
    @Override
    public void close() {
        State s = state;
        state = State.Done.INSTANCE;
        switch (s) {
            case State.LookingUp(Future<Long> lookup) -> Futures.cancel(lookup);
            case State.Loading(Future<List<Integer>> orders) -> Futures.cancel(orders);
            case State.Start st -> { }
            case State.Done d -> { }
        }
    }

    static int sum(List<Integer> prices) {
        int total = 0;
        for (int p : prices) {
            total += p;
        }
        return total;
    }
    // end::state-machine[]

    // tag::combinators[]
    /** The same function written with combinators: shorter, same states, same cleanup. */
    public static Future<Integer> withCombinators(Shop shop, String user) {
        return shop.lookupUser(user)          // await #1
                .then(shop::loadOrders)       // await #2
                .map(OrderTotal::sum);
    }
    // end::combinators[]
}
