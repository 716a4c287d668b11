package dev.weft.internal.sync;

/**
 * An intrusive FIFO of waiting futures with O(1) removal from anywhere, the queue behind every
 * primitive in {@code dev.weft.sync} and {@code dev.weft.channel}.
 *
 * <p>Not thread-safe: the primitive that owns the list guards it, and every node in it, with one
 * lock. Intrusive, so linking a waiter allocates nothing and a cancelled waiter unlinks itself in
 * constant time (a waiter that lost a {@code select} must not cost a scan of the queue).
 *
 * @param <N> the node type
 */
public final class WaitList<N extends WaitNode> {

    private WaitNode head;
    private WaitNode tail;
    private int size;

    /** @param node a node not in any list; it becomes the last */
    public void addLast(N node) {
        if (node.linked) {
            throw new IllegalStateException("waiter is already queued");
        }
        node.linked = true;
        node.prev = tail;
        node.next = null;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        size++;
    }

    /** @return the first node, or {@code null} if the list is empty */
    @SuppressWarnings("unchecked")
    public N peekFirst() {
        return (N) head;
    }

    /** @return the first node, unlinked, or {@code null} if the list is empty */
    public N pollFirst() {
        N first = peekFirst();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    /**
     * Unlinks {@code node} if it is in this list.
     *
     * @param node the node
     * @return whether it was linked
     */
    public boolean remove(N node) {
        if (!node.linked) {
            return false;
        }
        WaitNode p = node.prev;
        WaitNode n = node.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        node.prev = null;
        node.next = null;
        node.linked = false;
        size--;
        return true;
    }

    /** @return whether no node is linked */
    public boolean isEmpty() {
        return head == null;
    }

    /** @return how many nodes are linked */
    public int size() {
        return size;
    }
}
