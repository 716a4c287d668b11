package dev.weft.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.channel.Broadcast;
import dev.weft.channel.RecvResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A ring of capacity 2 holds values 1 and 2, unread; one thread sends 3 (overwriting 1) while the
 * receiver reads once without waiting. The receiver may see the new slot before the send advanced
 * the tail, the case where a lag computed from the tail alone would come out as 0. Whatever the
 * order, each value is received at most once, in order, and received plus missed is 3.
 *
 * <p>Result: the receiver's read (value v as v, Lagged(n) as -n), values received in all, values
 * reported missed, and 1 if the sequence was consistent.
 */
@JCStressTest
@Outcome(id = "1, 3, 0, 1", expect = ACCEPTABLE, desc = "read 1 before the send overwrote it; then 2, 3")
@Outcome(id = "-1, 2, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "1 overwritten first: Lagged(1), then 2, 3")
@Outcome(expect = FORBIDDEN, desc = "a value seen twice or out of order, or received + missed != 3")
@State
public class BroadcastLagBoundaryTest {

    private final Broadcast<Integer> ch = Broadcast.channel(2);
    private final Broadcast.Receiver<Integer> rx = ch.receiver();
    private RecvResult<Integer> first;

    public BroadcastLagBoundaryTest() {
        ch.sender().send(1);
        ch.sender().send(2);
    }

    @Actor
    public void sender() {
        ch.sender().send(3);
    }

    @Actor
    public void receiver() {
        first = rx.tryRecv();
    }

    @Arbiter
    public void check(IIII_Result r) {
        int seen = 0;
        long missed = 0;
        long expected = 1; // the value that must come next
        boolean ok = true;
        RecvResult<Integer> x = first;
        r.r1 = BroadcastFixtures.encode(x);
        while (!(x instanceof RecvResult.Empty)) {
            switch (x) {
                case RecvResult.Value<Integer>(Integer v) -> {
                    ok &= v == expected;
                    expected = v + 1;
                    seen++;
                }
                case RecvResult.Lagged<Integer>(long n) -> {
                    missed += n;
                    expected += n;
                }
                default -> ok = false; // Closed: the sender is open
            }
            x = rx.tryRecv();
        }
        ok &= expected == 4 && seen + missed == 3;
        r.r2 = seen;
        r.r3 = (int) missed;
        r.r4 = ok ? 1 : 0;
    }
}
