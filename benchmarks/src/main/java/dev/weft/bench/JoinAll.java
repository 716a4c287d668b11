package dev.weft.bench;

import dev.weft.Context;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Poll;

/**
 * Awaits the first {@code count} handles of an array in order, clearing each slot once joined:
 * Tokio's {@code for h in handles.drain(..) { h.await }} inside one {@code block_on}. One
 * {@code blockOn} per operation instead of one per handle, so the figure is Weft's spawn and join,
 * not 10,000 times the set-up of a {@code blockOn}.
 */
final class JoinAll implements Future<Void> {

    private final JoinHandle<?>[] handles;
    private final int count;
    private int next; // only the polling thread touches it

    /**
     * @param handles the handles; slots {@code [0, count)} are joined and cleared
     * @param count   how many
     */
    JoinAll(JoinHandle<?>[] handles, int count) {
        this.handles = handles;
        this.count = count;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        while (next < count) {
            if (!handles[next].poll(cx).isReady()) {
                return Poll.pending(); // the handle registered cx's waker
            }
            handles[next++] = null;
        }
        return Poll.ready(null);
    }
}
